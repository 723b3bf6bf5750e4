"""KKIK-DA-002: dates in the wrong order (decision before application, answer before question)."""

from __future__ import annotations

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings, measures_using

WRONG_ORDER = register(
    "KKIK-DA-002",
    Severity.ERROR,
    "Datumen står i fel ordning",
    "Cell {cell}: {column} ({value}) ligger före {earlier_column} ({earlier}). Kontrollera datumen.",
)

# (template, table, the earlier column, the later column). Waits have their own rule (KKIK-DA-003).
ORDERS: tuple[tuple[str, str, str, str], ...] = (
    ("sarskilt-boende", "Ansokningar", "Ansökningsdatum", "Beslutsdatum"),
    ("sarskilt-boende", "Ansokningar", "Beslutsdatum", "Erbjudet inflyttningsdatum"),
    ("service", "Epost", "Skickad", "Besvarad"),
)


def check(ctx: RuleContext) -> list[Finding]:
    """Rows where the later column holds an earlier date than the earlier column."""
    out: list[Finding] = []
    for template_id, table_name, first, second in ORDERS:
        if template_id != ctx.template.id:
            continue
        table = ctx.template.table(table_name)
        frame = ctx.present(table)
        if frame is None or not (ctx.has_column(table, first) and ctx.has_column(table, second)):
            continue
        hits = frame.filter((pl.col(second) < pl.col(first)).fill_null(False))
        hits = hits.select("_row", second, pl.col(first).alias("earlier"))
        out += cell_findings(
            WRONG_ORDER,
            ctx,
            table,
            second,
            hits,
            measure=measures_using(ctx.template, table, [first, second]),
            earlier_column=first,
        )
    return out


RULE = Rule(
    "date_order",
    (WRONG_ORDER,),
    check,
    templates=tuple(sorted({o[0] for o in ORDERS})),
    columns=tuple(sorted({c for o in ORDERS for c in o[2:]})),
)
