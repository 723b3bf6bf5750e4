"""Shared engine helpers: table lookup, exclusion by reason, results, waits and per-unit breakdowns."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import polars as pl

from kkik_xl.catalogue import CATALOGUE, ColumnType, Table
from kkik_xl.measures.result import MeasureResult

INVALID = "ogiltiga värden"
OUTSIDE = "utanför mätperioden"
NO_ROWS = "Det finns inga rader som ska räknas."
NO_UNIT = "(ingen enhet)"
ROW, INVALID_COL, REASON, DAYS = "_row", "_invalid", "_reason", "_days"

DTYPES: dict[ColumnType, pl.DataType] = {
    ColumnType.TEXT: pl.String(),
    ColumnType.CHOICE: pl.String(),
    ColumnType.DATE: pl.Date(),
    ColumnType.TIME: pl.Time(),
    ColumnType.DATETIME: pl.Datetime("us"),
    ColumnType.INT: pl.Int64(),
    ColumnType.DECIMAL: pl.Float64(),
    ColumnType.JANEJ: pl.Boolean(),
}

Rule = tuple[str, pl.Expr]
"""An exclusion rule: the Swedish reason and an expression that is true for rows it excludes."""


def catalogue_table(template_id: str, table_name: str) -> Table:
    """The catalogue table ``table_name`` of ``template_id``."""
    return CATALOGUE.template(template_id).table(table_name)


def frame_of(
    tables: Mapping[str, pl.DataFrame], template_id: str, table_name: str, year: int
) -> pl.DataFrame:
    """The table's frame (an empty contract frame when absent).

    Fixed catalogue columns missing from the frame are added as nulls, and ``_row``/``_invalid`` when
    absent; quality-indicator columns are left as they are so a missing one can be reported.
    """
    table = catalogue_table(template_id, table_name)
    frame = tables.get(table.name)
    if frame is None:
        schema = {c.name: DTYPES[c.type] for c in table.columns_for_year(year)}
        return pl.DataFrame(schema=schema | {ROW: pl.Int64(), INVALID_COL: pl.Boolean()})
    absent = [col for col in table.columns if col.name not in frame.columns]
    if absent:
        frame = frame.with_columns(pl.lit(None, dtype=DTYPES[col.type]).alias(col.name) for col in absent)
    if ROW not in frame.columns:
        frame = frame.with_columns((pl.int_range(pl.len(), dtype=pl.Int64) + 2).alias(ROW))
    if INVALID_COL not in frame.columns:
        frame = frame.with_columns(pl.lit(False).alias(INVALID_COL))
    return frame


def is_null(*columns: str) -> pl.Expr:
    """True when any of ``columns`` is empty."""
    return pl.any_horizontal(*(pl.col(c).is_null() for c in columns))


def outside(column: str, start: date, end: date) -> pl.Expr:
    """True when ``column`` lies outside the closed interval ``[start, end]``."""
    return ~pl.col(column).is_between(pl.lit(start), pl.lit(end), closed="both")


@dataclass(frozen=True)
class Split:
    """Rows kept for a measure and the number of rows excluded per Swedish reason."""

    used: pl.DataFrame
    excluded: dict[str, int]


def split(frame: pl.DataFrame, rules: Sequence[Rule], keep: Sequence[str] | None = None) -> Split:
    """Apply ``rules`` in order (invalid rows first); each excluded row counts for its first reason.

    ``keep`` limits the kept rows to those columns (default: every column), so an engine copies only
    what it reads.
    """
    reasons = [INVALID, *(reason for reason, _ in rules)]
    codes = _first_rule(frame, [pl.col(INVALID_COL), *(expr for _, expr in rules)])
    counts = dict(codes.drop_nulls().value_counts().iter_rows())
    excluded: dict[str, int] = {}
    for reason in dict.fromkeys(reasons):  # a reason given twice counts once, at its first place
        n = sum(int(counts.get(i, 0)) for i, r in enumerate(reasons) if r == reason)
        if n:
            excluded[reason] = n
    kept = frame if keep is None else frame.select(keep)
    return Split(kept.filter(codes.is_null()), excluded)


def _first_rule(frame: pl.DataFrame, exprs: Sequence[pl.Expr]) -> pl.Series:
    """Per row, the index of the first expression that is true (null when none is): a small
    integer rather than the reason's text, so marking a million rows allocates little."""
    code = pl.lit(None, dtype=pl.UInt16)
    for i, expr in reversed(list(enumerate(exprs))):
        code = pl.when(expr.fill_null(False)).then(pl.lit(i, dtype=pl.UInt16)).otherwise(code)
    return frame.select(code.alias(REASON)).to_series()


def merge_excluded(*parts: Mapping[str, int]) -> dict[str, int]:
    """Sum exclusion counts reason by reason, keeping first-seen order."""
    out: dict[str, int] = {}
    for part in parts:
        for reason, count in part.items():
            out[reason] = out.get(reason, 0) + count
    return out


def undefined(kpi: str, reason: str, **fields: Any) -> MeasureResult:
    """A result without a value, with the Swedish ``reason``."""
    return MeasureResult(kpi=kpi, value=None, reason=reason, **fields)


def ratio(
    kpi: str, numerator: float, denominator: float, *, scale: float = 100.0, **fields: Any
) -> MeasureResult:
    """``scale × numerator / denominator``; undefined when the denominator is 0."""
    if denominator == 0:
        return undefined(kpi, NO_ROWS, numerator=numerator, denominator=denominator, **fields)
    value = scale * numerator / denominator
    return MeasureResult(kpi=kpi, value=value, numerator=numerator, denominator=denominator, **fields)


def day_difference(later: str, earlier: str) -> pl.Expr:
    """Calendar-day difference ``later − earlier`` as Int64."""
    return (pl.col(later) - pl.col(earlier)).dt.total_days().cast(pl.Int64)


def wait_extras(frame: pl.DataFrame, days: str = DAYS, top: int = 5) -> dict[str, Any]:
    """Median, max and the ``top`` longest waits (row numbers and days) of ``frame[days]``."""
    if frame.height == 0:
        return {}
    series = frame.get_column(days)
    longest = frame.sort([days, ROW], descending=[True, False]).head(top)
    return {
        "median": float(series.median()),  # type: ignore[arg-type]
        "max": int(series.max()),  # type: ignore[arg-type]
        "outliers": [{"row": int(r), "days": int(d)} for r, d in longest.select(ROW, days).iter_rows()],
    }


def mean_of(values: pl.Series) -> float | None:
    """Mean of a numeric series (``None`` when empty)."""
    return None if values.len() == 0 else float(values.mean())  # type: ignore[arg-type]


def per_unit(frame: pl.DataFrame, unit: str, value: pl.Expr) -> dict[str, dict[str, Any]]:
    """Per unit (empty unit → ``(ingen enhet)``): ``value`` aggregated and the number of rows."""
    if frame.height == 0:
        return {}
    grouped = (
        frame.group_by(pl.col(unit).fill_null(NO_UNIT).alias("_unit"))
        .agg(value.cast(pl.Float64).alias("value"), pl.len().alias("rows"))
        .sort("_unit")
    )
    return {u: {"value": v, "rows": int(n)} for u, v, n in grouped.iter_rows()}


def incomplete(kpi: str, frame: pl.DataFrame, blank: pl.Expr, what: str) -> MeasureResult | None:
    """For a measure whose denominator is every row: an undefined result when any row is unreadable or
    has a blank cell the measure needs (``blank`` true), else ``None``. Never drops such a row silently.
    """
    bad = frame.filter(pl.col(INVALID_COL).fill_null(False) | blank.fill_null(True))
    if bad.height == 0:
        return None
    rows = ", ".join(str(r) for r in bad.get_column(ROW).sort().head(5))
    more = " …" if bad.height > 5 else ""
    reason = (
        f"{bad.height} av {frame.height} {what} har en tom eller ogiltig cell som måttet behöver "
        f"(rad {rows}{more}). Nämnaren är alla {what}, så värdet räknas inte förrän cellerna är ifyllda."
    )
    return undefined(kpi, reason, rows_used=0, excluded={INCOMPLETE: bad.height})


INCOMPLETE = "tom eller ogiltig cell"
