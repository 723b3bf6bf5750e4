"""KKIK-ST-001: fewer than four LSS decisions in the period (the wait measure is not reported)."""

from __future__ import annotations

from datetime import date

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.measures.lss import MIN_DECISIONS, MIN_PARAM
from kkik_xl.rules.base import Rule, RuleContext

FEW_DECISIONS = register(
    "KKIK-ST-001",
    Severity.WARNING,
    "Färre än fyra LSS-beslut",
    "Bladet {sheet} har {count} beslut i mätperioden som inte är omprövningar. Väntetiden redovisas inte "
    "vid färre än {minimum} beslut.",
)


def check(ctx: RuleContext) -> list[Finding]:
    """Count valid, non-reconsidered decisions dated in the first half of the year."""
    table = ctx.template.table("Beslut")
    frame = ctx.present(table)
    if frame is None or not ctx.has_column(table, "Beslutsdatum"):
        return []
    start, end = date(ctx.year, 1, 1), date(ctx.year, 6, 30)
    counted = frame.filter(
        pl.col("Beslutsdatum").is_between(start, end).fill_null(False)
        & ~pl.col("Omprövning").fill_null(False)
        & ~pl.col("_invalid")
    ).height
    minimum = int(ctx.measure_ctx.params.get(MIN_PARAM, MIN_DECISIONS))  # as the measure decides
    if counted >= minimum:
        return []
    return [FEW_DECISIONS.finding(sheet=ctx.sheet(table), count=counted, minimum=minimum, measure="U28418")]


RULE = Rule("lss_count", (FEW_DECISIONS,), check, templates=("lss",), measures=("U28418",))
