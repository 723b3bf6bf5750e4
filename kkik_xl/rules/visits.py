"""KKIK-DA-005 / KKIK-DA-006: home-care visits starting at exactly 22:00, or crossing midnight."""

from __future__ import annotations

from datetime import time

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings

AT_22 = register(
    "KKIK-DA-005",
    Severity.WARNING,
    "Besök som börjar klockan 22:00",
    "Cell {cell}: besöket börjar exakt 22:00 och räknas inte (bara besök 07:00–21:59 räknas). "
    "Kontrollera tiden.",
)
OVER_MIDNIGHT = register(
    "KKIK-DA-006",
    Severity.WARNING,
    "Besöket går över midnatt",
    "Cell {cell}: sluttiden {value} är före starttiden {start}, så besöket går över midnatt. "
    "Kontrollera tiderna.",
)
START, END = "Starttid", "Sluttid"


def check(ctx: RuleContext) -> list[Finding]:
    """Visits at 22:00 sharp, and visits whose end time is before their start time."""
    table = ctx.template.table("Besok")
    frame = ctx.present(table)
    if frame is None or not ctx.has_column(table, START):
        return []
    measure = "U21401"
    at22 = frame.filter((pl.col(START) == time(22, 0)).fill_null(False)).select("_row", START)
    out = cell_findings(AT_22, ctx, table, START, at22, measure=measure)
    if ctx.has_column(table, END):
        over = frame.filter((pl.col(END) < pl.col(START)).fill_null(False))
        over = over.select("_row", END, pl.col(START).alias("start"))
        out += cell_findings(OVER_MIDNIGHT, ctx, table, END, over, measure=measure)
    return out


RULE = Rule(
    "visits",
    (AT_22, OVER_MIDNIGHT),
    check,
    templates=("hemtjanst",),
    columns=(START, END),
    measures=("U21401",),
)
