"""KKIK-VA-003: numbers outside the catalogue's plausible range (ages, birth years, amounts, points)."""

from __future__ import annotations

import polars as pl

from kkik_xl.catalogue import Column, Table
from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings, measures_using, shown

OUT_OF_RANGE = register(
    "KKIK-VA-003",
    Severity.ERROR,
    "Värdet ligger utanför det rimliga intervallet",
    "Cell {cell} i kolumnen {column} innehåller {value}, men värdet ska ligga mellan {low} och {high}.",
)
BIRTH_YEAR = "Födelseår"


def bounds(column: Column, year: int) -> tuple[float | None, float | None]:
    """Catalogue bounds; a birth year cannot be after the measurement year."""
    high = column.max_value
    if column.name == BIRTH_YEAR:
        high = min(high if high is not None else year, year)
    return column.min_value, high


def _table(ctx: RuleContext, table: Table, frame: pl.DataFrame) -> list[Finding]:
    out: list[Finding] = []
    for col in table.columns_for_year(ctx.year):
        low, high = bounds(col, ctx.year)
        if (low is None and high is None) or not ctx.has_column(table, col.name):
            continue
        x = pl.col(col.name)
        bad = pl.lit(False)
        if low is not None:
            bad = bad | (x < low)
        if high is not None:
            bad = bad | (x > high)
        hits = frame.filter(bad.fill_null(False)).select("_row", col.name)
        out += cell_findings(
            OUT_OF_RANGE,
            ctx,
            table,
            col.name,
            hits,
            measure=measures_using(ctx.template, table, [col.name]),
            low=shown(low) if low is not None else "–",
            high=shown(high) if high is not None else "–",
        )
    return out


def check(ctx: RuleContext) -> list[Finding]:
    """Values below ``min_value`` or above ``max_value`` of their column."""
    out: list[Finding] = []
    for table in ctx.template.tables:
        frame = ctx.present(table)
        if frame is not None:
            out += _table(ctx, table, frame)
    return out


RULE = Rule("ranges", (OUT_OF_RANGE,), check)
