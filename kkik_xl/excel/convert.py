"""Vectorised conversion of text columns to typed columns, with a per-cell fallback for the rest.

The fast path (polars expressions) accepts only a subset of what :mod:`kkik_xl.parsing` accepts
and gives the same value for it; every non-empty cell the fast path leaves null is handed to the
single-value parser, which either rescues it (``1 234,5``, ``7.30``, ``2025-3-5``) or says why not.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import polars as pl

from kkik_xl import parsing
from kkik_xl.catalogue import Column, ColumnType
from kkik_xl.measures.common import DTYPES

POS = "__pos"
_NUM_RE = r"^[+-]?\d+([.,]\d+)?$"
_DATE_RE = r"^\d{4}-\d{2}-\d{2}$"
_TIME_RE = r"^\d{1,2}[:.]\d{2}$"
_DT_RE = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$"
MAX_DISTINCT = 10_000

POLARS_DTYPES = DTYPES  # one mapping from catalogue types to polars types, shared with the engines

KIND_SV: dict[ColumnType, str] = {
    ColumnType.DATE: "ett datum",
    ColumnType.TIME: "ett klockslag",
    ColumnType.DATETIME: "datum och tid",
    ColumnType.INT: "ett tal",
    ColumnType.DECIMAL: "ett tal",
    ColumnType.JANEJ: "Ja eller Nej",
    ColumnType.CHOICE: "ett av de tillåtna valen",
    ColumnType.TEXT: "text",
}


@dataclass(frozen=True)
class CellProblem:
    """A cell that did not parse: its 0-based frame position, column header, raw value and reason,
    and the finding code when it is not the general KKIK-LS-001 (a date written ÅÅÅÅMMDD, say)."""

    pos: int
    column: str
    value: str
    reason: str
    code: str | None = None


def stripped(name: str) -> pl.Expr:
    """The column as trimmed text (see :data:`kkik_xl.parsing.BLANK_CHARS`), blank text as null."""
    s = pl.col(name).cast(pl.String).str.strip_chars(parsing.BLANK_CHARS)
    return pl.when(s == "").then(None).otherwise(s).alias(name)


def stripped_series(series: pl.Series) -> pl.Series:
    """What :func:`stripped` gives for a whole column. Blank cells are looked for once and nulled
    only when there are any, which saves a full copy of a text column in the common case."""
    trimmed = series.cast(pl.String).str.strip_chars(parsing.BLANK_CHARS)
    blank = trimmed == ""
    return trimmed.set(blank, None) if blank.any() else trimmed


def _number(s: pl.Expr) -> pl.Expr:
    plain = s.str.contains(_NUM_RE)
    return pl.when(plain).then(s.str.replace(",", ".", literal=True)).cast(pl.Float64, strict=False)


def fast_expr(column: Column) -> pl.Expr:
    """Polars expression turning the trimmed text column into the column's dtype (null = not done)."""
    s = stripped(column.name)
    t = column.type
    if t is ColumnType.TEXT:
        return s
    if t is ColumnType.CHOICE:
        mapping = {c.lower(): c for c in column.choices}
        return s.str.to_lowercase().replace_strict(mapping, default=None, return_dtype=pl.String)
    if t is ColumnType.JANEJ:
        words = {w: True for w in parsing.TRUE_WORDS} | {w: False for w in parsing.FALSE_WORDS}
        return s.str.to_lowercase().replace_strict(words, default=None, return_dtype=pl.Boolean)
    if t is ColumnType.DECIMAL:
        return _number(s)
    if t is ColumnType.INT:
        n = _number(s)
        return pl.when(n.round(0) == n).then(n).cast(pl.Int64, strict=False)
    if t is ColumnType.DATE:
        return pl.when(s.str.contains(_DATE_RE)).then(s).str.strptime(pl.Date, "%Y-%m-%d", strict=False)
    if t is ColumnType.TIME:
        hhmm = s.str.replace(".", ":", literal=True).str.zfill(5)
        ok = s.str.contains(_TIME_RE)
        return pl.when(ok).then(hhmm).str.strptime(pl.Time, "%H:%M", strict=False)
    text = pl.when(s.str.contains(_DT_RE)).then(s.str.replace("T", " ", literal=True))
    return pl.coalesce(
        text.str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M:%S", strict=False),
        text.str.strptime(pl.Datetime("us"), "%Y-%m-%d %H:%M", strict=False),
    )


def distinct_expr(raw: pl.DataFrame, column: Column) -> pl.Expr:
    """:func:`fast_expr` computed once per distinct value of ``raw`` and mapped back onto every row.

    The same result as ``fast_expr(column)``, much cheaper for columns with few distinct values
    (choices, ja/nej); with more than :data:`MAX_DISTINCT` of them it is ``fast_expr`` itself. When
    every value already is what it becomes (choices spelt as in the catalogue), the column is kept.
    """
    name = column.name
    values = raw.select(pl.col(name).drop_nulls().unique())
    if values.height > MAX_DISTINCT:
        return fast_expr(column)
    mapped = values.with_columns(fast_expr(column).alias("__to"))
    dtype = POLARS_DTYPES[column.type]
    if raw.schema[name] == dtype and mapped.get_column("__to").equals(
        values.get_column(name), check_names=False
    ):
        return pl.col(name)
    return pl.col(name).replace_strict(
        mapped.get_column(name), mapped.get_column("__to"), default=None, return_dtype=dtype
    )


def single_parser(column: Column, *, date1904: bool = False) -> Callable[[Any], Any]:
    """The :mod:`kkik_xl.parsing` function for the column's type."""
    t = column.type
    if t is ColumnType.CHOICE:
        return partial(parsing.parse_choice, choices=column.choices)
    table: dict[ColumnType, Callable[[Any], Any]] = {
        ColumnType.TEXT: str,
        ColumnType.JANEJ: parsing.parse_janej,
        ColumnType.DECIMAL: parsing.parse_decimal,
        ColumnType.INT: parsing.parse_int,
        ColumnType.DATE: partial(parsing.parse_date, date1904=date1904),
        ColumnType.TIME: parsing.parse_time,
        ColumnType.DATETIME: partial(parsing.parse_datetime, date1904=date1904),
    }
    return table[t]


def parse_cells(
    column: Column, cells: Sequence[tuple[int, Any]], *, date1904: bool = False
) -> tuple[list[tuple[int, Any]], list[CellProblem]]:
    """Parse ``(pos, raw)`` cells one by one: the rescued values and the problems."""
    parse = single_parser(column, date1904=date1904)
    rescued: list[tuple[int, Any]] = []
    problems: list[CellProblem] = []
    for pos, raw in cells:
        try:
            rescued.append((pos, parse(raw)))
        except parsing.ParseError as err:
            problems.append(CellProblem(pos, column.name, str(raw), err.reason, err.code))
    return rescued, problems


def patch(frame: pl.DataFrame, column: Column, values: Sequence[tuple[int, Any]]) -> pl.DataFrame:
    """``frame`` with the cells at the given row positions of ``column`` replaced by typed values."""
    if not values:
        return frame
    dtype = POLARS_DTYPES[column.type]
    series = frame.get_column(column.name).cast(dtype).clone()
    series.scatter([p for p, _ in values], pl.Series([v for _, v in values], dtype=dtype))
    return frame.with_columns(series)


def convert_text_frame(
    raw: pl.DataFrame, columns: Sequence[Column]
) -> tuple[pl.DataFrame, list[CellProblem]]:
    """Typed frame (with ``__pos``) from an all-text frame, plus the cells that did not parse."""
    raw = raw.with_row_index(POS).with_columns(pl.col(POS).cast(pl.Int64))
    typed = raw.with_columns(*(fast_expr(c).alias(c.name) for c in columns))
    problems: list[CellProblem] = []
    for col in columns:
        if col.type is ColumnType.TEXT:
            continue
        failed = raw.select(POS, stripped(col.name).alias("raw")).filter(
            pl.col("raw").is_not_null() & typed.get_column(col.name).is_null()
        )
        if failed.height == 0:
            continue
        rescued, bad = parse_cells(col, failed.rows())
        typed = patch(typed, col, rescued)
        problems.extend(bad)
    return typed, problems
