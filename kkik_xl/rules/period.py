"""KKIK-DA-001: the row's period date lies outside the measurement period (warning; row excluded)."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from kkik_xl.catalogue import Table
from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings, measures_using

OUTSIDE_PERIOD = register(
    "KKIK-DA-001",
    Severity.WARNING,
    "Datumet ligger utanför mätperioden",
    "Cell {cell}: {column} {value} ligger utanför mätperioden {start}–{end}. Raden räknas inte.",
)

# The column that decides whether a row belongs to the measurement period, per template and table,
# and which period applies: the first half of the year, of the year before, or 14 days from a parameter.
PERIOD_COLUMNS: dict[tuple[str, str], tuple[str, str]] = {
    ("forskola", "Placeringar"): ("Önskat placeringsdatum", "first_half"),
    ("sarskilt-boende", "Ansokningar"): ("Erbjudet inflyttningsdatum", "first_half"),
    ("forsorjningsstod", "Arenden"): ("Beslutsdatum", "first_half"),
    ("lss", "Beslut"): ("Beslutsdatum", "first_half"),
    ("kost", "Fakturor"): ("Fakturadatum", "first_half"),
    ("ungdomar", "Avslut"): ("Avslutsdatum", "first_half_before"),
    ("hemtjanst", "Besok"): ("Datum", "fourteen_days"),
}


def period(ctx: RuleContext, kind: str) -> tuple[date, date] | None:
    """The closed period of ``kind`` for the context's year and parameters."""
    if kind == "first_half":
        return date(ctx.year, 1, 1), date(ctx.year, 6, 30)
    if kind == "first_half_before":
        return ctx.measure_ctx.shifted_first_half(1)
    start = ctx.measure_ctx.params.get("period_start")
    return (start, start + timedelta(days=13)) if isinstance(start, date) else None


def inside_period(ctx: RuleContext, table: Table) -> pl.Expr | None:
    """True for rows the measures count as inside the measurement period (null period date: false).

    ``None`` when the table has no period filter, or it cannot be applied (the column is missing, or
    the hemtjänst period has no start), so the measures do not filter it either.
    """
    spec = PERIOD_COLUMNS.get((ctx.template.id, table.name))
    if spec is None or not ctx.has_column(table, spec[0]):
        return None
    bounds = period(ctx, spec[1])
    if bounds is None:
        return None
    return pl.col(spec[0]).is_between(pl.lit(bounds[0]), pl.lit(bounds[1]), closed="both").fill_null(False)


def check(ctx: RuleContext) -> list[Finding]:
    """Rows whose period date is before the start or after the end of the period."""
    out: list[Finding] = []
    for table in ctx.template.tables:
        spec = PERIOD_COLUMNS.get((ctx.template.id, table.name))
        frame = ctx.present(table)
        if spec is None or frame is None or not ctx.has_column(table, spec[0]):
            continue
        column, kind = spec
        bounds = period(ctx, kind)
        if bounds is None:
            continue
        x = pl.col(column)
        hits = frame.filter(((x < bounds[0]) | (x > bounds[1])).fill_null(False)).select("_row", column)
        out += cell_findings(
            OUTSIDE_PERIOD,
            ctx,
            table,
            column,
            hits,
            measure=measures_using(ctx.template, table, [column]),
            start=bounds[0].isoformat(),
            end=bounds[1].isoformat(),
        )
    return out


RULE = Rule(
    "period",
    (OUTSIDE_PERIOD,),
    check,
    templates=tuple(sorted({t for t, _ in PERIOD_COLUMNS})),
    columns=tuple(sorted({c for c, _ in PERIOD_COLUMNS.values()})),
)
