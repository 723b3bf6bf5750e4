"""KKIK-DA-003 / KKIK-DA-004: negative waits (error) and waits over 365 days (warning)."""

from __future__ import annotations

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings, measures_using

NEGATIVE_WAIT = register(
    "KKIK-DA-003",
    Severity.ERROR,
    "Negativ väntetid",
    "Cell {cell}: {column} ({value}) ligger {days} dagar före {start_column} ({start}). "
    "En väntetid kan inte vara negativ.",
)
LONG_WAIT = register(
    "KKIK-DA-004",
    Severity.WARNING,
    "Väntetid över ett år",
    "Cell {cell}: väntetiden från {start_column} ({start}) till {column} ({value}) är {days} dagar, "
    "mer än 365. Kontrollera datumen eller motivera.",
)
MAX_DAYS = 365


class WaitPair:
    """A wait measured from ``start`` to ``end`` in a table; ``negative_ok`` when earlier is allowed."""

    def __init__(self, template: str, table: str, start: str, end: str, negative_ok: bool = False) -> None:
        self.template, self.table, self.start, self.end = template, table, start, end
        self.negative_ok = negative_ok


WAITS = (
    WaitPair("forskola", "Placeringar", "Önskat placeringsdatum", "Erbjudet placeringsdatum", True),
    WaitPair("sarskilt-boende", "Ansokningar", "Ansökningsdatum", "Erbjudet inflyttningsdatum"),
    WaitPair("forsorjningsstod", "Arenden", "Första kontakt", "Beslutsdatum"),
    WaitPair("lss", "Beslut", "Beslutsdatum", "Erbjudet inflyttningsdatum"),
)


def wait_days(pair: WaitPair) -> pl.Expr:
    """Days from start to end (null when either is missing)."""
    return (pl.col(pair.end) - pl.col(pair.start)).dt.total_days()


def check(ctx: RuleContext) -> list[Finding]:
    """Negative and over-long waits per wait pair of the template."""
    out: list[Finding] = []
    for pair in WAITS:
        if pair.template != ctx.template.id:
            continue
        table = ctx.template.table(pair.table)
        frame = ctx.present(table)
        if frame is None or not (ctx.has_column(table, pair.start) and ctx.has_column(table, pair.end)):
            continue
        waits = frame.select("_row", pair.end, pl.col(pair.start).alias("start"), wait_days(pair).alias("d"))
        measure = measures_using(ctx.template, table, [pair.start, pair.end])
        if not pair.negative_ok:
            neg = waits.filter(pl.col("d") < 0).with_columns((-pl.col("d")).alias("days")).drop("d")
            out += cell_findings(
                NEGATIVE_WAIT, ctx, table, pair.end, neg, measure=measure, start_column=pair.start
            )
        long = waits.filter(pl.col("d") > MAX_DAYS).rename({"d": "days"})
        out += cell_findings(LONG_WAIT, ctx, table, pair.end, long, measure=measure, start_column=pair.start)
    return out


RULE = Rule(
    "waits",
    (NEGATIVE_WAIT, LONG_WAIT),
    check,
    templates=tuple(sorted({w.template for w in WAITS})),
    columns=tuple(sorted({c for w in WAITS for c in (w.start, w.end)})),
)
