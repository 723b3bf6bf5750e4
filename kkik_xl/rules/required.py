"""KKIK-VA-001: a required cell is empty (cells the reader could not read are reported by the reader)."""

from __future__ import annotations

import polars as pl

from kkik_xl.catalogue import CATALOGUE, Column
from kkik_xl.codes import register
from kkik_xl.excel import read_codes as rc
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings, measures_using

REQUIRED_EMPTY = register(
    "KKIK-VA-001",
    Severity.ERROR,
    "Obligatorisk cell är tom",
    "Cell {cell} i kolumnen {column} är tom men måste fyllas i. {effect}",
)
READER_CELL_CODES = tuple(
    spec.code for spec in (rc.BAD_VALUE, rc.EXCEL_ERROR, rc.DATE_AS_YYYYMMDD, rc.DATE_OUT_OF_RANGE)
)


def _effect(template_id: str, table: str, col: Column) -> str:
    if col.blank_means:
        return f"En tom cell {col.blank_means}."
    return blank_effect(template_id, table, col.name)


def blank_effect(template_id: str, table: str, column: str) -> str:
    """What a blank in ``column`` does: no value for an every-row measure reading it, else the row is out."""
    whole = [
        m.kpi
        for m in CATALOGUE.measures_of(template_id)
        if m.all_rows and m.table == table and column in m.inputs
    ]
    if whole:
        return f"Nämnaren i {', '.join(whole)} är alla rader, så måttet räknas inte förrän cellen är ifylld."
    return "Raden räknas inte."


def check(ctx: RuleContext) -> list[Finding]:
    """Null in a required column, except where the reader already reported the cell."""
    reported: dict[tuple[str | None, str | None], list[int]] = {}
    for f in ctx.read.findings:
        if f.code in READER_CELL_CODES and f.row is not None:
            reported.setdefault((f.sheet, f.column), []).append(f.row)
    out: list[Finding] = []
    for table in ctx.template.tables:
        frame = ctx.present(table)
        if frame is None:
            continue
        for col in table.columns_for_year(ctx.year):
            if not col.required or not ctx.has_column(table, col.name):
                continue
            skip = reported.get((ctx.sheet(table), col.name), [])
            hits = frame.filter(pl.col(col.name).is_null() & ~pl.col("_row").is_in(skip)).select(
                "_row", col.name
            )
            measure = measures_using(ctx.template, table, [col.name])
            effect = _effect(ctx.template.id, table.name, col)
            out += cell_findings(REQUIRED_EMPTY, ctx, table, col.name, hits, measure=measure, effect=effect)
    return out


RULE = Rule("required", (REQUIRED_EMPTY,), check)
