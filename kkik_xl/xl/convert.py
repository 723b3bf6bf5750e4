"""Excel-shaped UDF arguments → typed polars frames (the contract of docs/arkitektur.md).

What Excel (through xlwings) really passes: a whole Table column as a list (or a scalar for a single
row), a 2-D block as a list of rows, ``datetime`` for date cells (time cells arrive as datetimes on
1899-12-30), ``float`` for numbers and for dates from expressions (Excel serials, 1900 system),
``None`` for blanks, ``bool`` for TRUE/FALSE and text such as ``"2024-03-05"`` or ``"1,5"``.

Common shapes are converted with polars expressions; whatever they leave null is handed to the
single-value parsers of :mod:`kkik_xl.parsing` (through :mod:`kkik_xl.excel.convert`), which either
accept it or give the Swedish reason. No measure logic lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time
from typing import Any

import polars as pl

from kkik_xl.catalogue import Column, ColumnType, Parameter, ParameterType
from kkik_xl.excel.convert import POLARS_DTYPES, POS, CellProblem, convert_text_frame, parse_cells
from kkik_xl.parsing import ParseError, parse_date, parse_int, parse_janej

FIRST_DATA_ROW = 2  # Table header in row 1 (docs/arkitektur.md, "Workbook layout")
_EXCEL_EPOCH = datetime(1899, 12, 30)
_MAX_SERIAL = 2_958_465.0


class InputError(ValueError):
    """An argument that cannot be used; ``reason`` is a Swedish sentence shown in the cell."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def is_blank(value: Any) -> bool:
    """True for what Excel shows as an empty cell: ``None`` or blank text."""
    return value is None or (isinstance(value, str) and not value.strip())


def as_list(value: Any) -> list[Any]:
    """A column argument as a flat list: a scalar is one row, an n×1 block is flattened."""
    if not isinstance(value, list | tuple):
        return [value]
    if value and all(isinstance(row, list | tuple) for row in value):
        if any(len(row) != 1 for row in value):
            raise InputError("Ett kolumnargument ska vara en enda kolumn, till exempel Tabell[Rubrik].")
        return [row[0] for row in value]
    return list(value)


def as_rows(value: Any) -> list[list[Any]]:
    """A block argument as a list of rows (a scalar is a 1×1 block, a flat list one row)."""
    if not isinstance(value, list | tuple):
        return [[value]]
    if value and all(isinstance(row, list | tuple) for row in value):
        return [list(row) for row in value]
    return [list(value)]


def trim_trailing_blank_rows(columns: Sequence[list[Any]]) -> list[list[Any]]:
    """Equal-length columns without the trailing rows that are blank in every column."""
    lengths = {len(c) for c in columns}
    if len(lengths) > 1:
        shown = " och ".join(str(n) for n in sorted(lengths))
        raise InputError(f"Kolumnerna har olika antal rader ({shown}); använd hela tabellkolumner.")
    height = lengths.pop() if lengths else 0
    while height and all(is_blank(c[height - 1]) for c in columns):
        height -= 1
    return [list(c[:height]) for c in columns]


def _number(v: Any) -> float | None:
    return float(v) if isinstance(v, int | float) and not isinstance(v, bool) else None


def _serial_to_datetime(n: pl.Expr) -> pl.Expr:
    """Excel 1900-system serials from 61 (1900-03-01) on; earlier ones go to the single-value parser."""
    ok = (n >= 61) & (n <= _MAX_SERIAL)
    micros = (n * 86_400_000_000).round(0).cast(pl.Int64)
    return pl.when(ok).then(pl.lit(_EXCEL_EPOCH) + pl.duration(microseconds=micros))


def _from_numbers(t: ColumnType) -> pl.Expr:
    n = pl.col("n")
    if t in (ColumnType.DECIMAL, ColumnType.INT):
        return n if t is ColumnType.DECIMAL else pl.when(n.round(0) == n).then(n).cast(pl.Int64)
    if t is ColumnType.DATETIME:
        return _serial_to_datetime(n)
    if t is ColumnType.DATE:
        return pl.when(n.round(0) == n).then(_serial_to_datetime(n)).dt.date()
    if t is ColumnType.TIME:
        inside = (n >= 0) & (n < 1) & ((n * 86_400_000_000).round(0) < 86_400_000_000)
        return pl.when(inside).then(_serial_to_datetime(n + 61)).dt.time()
    if t is ColumnType.JANEJ:
        return pl.when(n == 1).then(True).when(n == 0).then(False)
    return pl.when(n.round(0) == n).then(n.cast(pl.Int64).cast(pl.String)).otherwise(n.cast(pl.String))


def _from_datetimes(t: ColumnType) -> pl.Expr:
    d = pl.col("d")
    if t is ColumnType.DATETIME:
        return d
    if t is ColumnType.DATE:
        return pl.when(d.dt.time() == time()).then(d.dt.date())
    if t is ColumnType.TIME:
        return pl.when(d.dt.date() == _EXCEL_EPOCH.date()).then(d.dt.time())
    if t in (ColumnType.TEXT, ColumnType.CHOICE):
        return pl.when(d.dt.time() == time()).then(d.dt.strftime("%Y-%m-%d")).otherwise(d.dt.to_string())
    return pl.lit(None)


def _from_bools(t: ColumnType) -> pl.Expr:
    b = pl.col("b")
    if t is ColumnType.JANEJ:
        return b
    if t is ColumnType.TEXT:
        return pl.when(b).then(pl.lit("Ja")).otherwise(pl.lit("Nej"))
    return pl.lit(None)


def convert_column(column: Column, values: Sequence[Any]) -> tuple[pl.Series, list[CellProblem]]:
    """One column of Excel values as a typed series, plus the cells that could not be read."""
    dtype = POLARS_DTYPES[column.type]
    texts = pl.DataFrame({column.name: [v if isinstance(v, str) else None for v in values]})
    from_text, problems = convert_text_frame(texts, [column])
    parts = pl.DataFrame(
        {
            "n": pl.Series([_number(v) for v in values], dtype=pl.Float64),
            "d": pl.Series([v if isinstance(v, datetime) else None for v in values], dtype=pl.Datetime("us")),
            "b": pl.Series([v if isinstance(v, bool) else None for v in values], dtype=pl.Boolean),
        }
    )
    typed = parts.select(
        pl.coalesce(
            _from_numbers(column.type).cast(dtype),
            _from_datetimes(column.type).cast(dtype),
            _from_bools(column.type).cast(dtype),
        ).alias("v")
    )["v"]
    series = from_text[column.name].cast(dtype).fill_null(typed).alias(column.name)
    leftovers = [
        (i, v)
        for i, v in enumerate(values)
        if not is_blank(v) and not isinstance(v, str) and series[i] is None
    ]
    rescued, bad = parse_cells(column, leftovers)
    if rescued:
        series = series.scatter([p for p, _ in rescued], pl.Series([v for _, v in rescued], dtype=dtype))
    return series, problems + bad


def build_frame(
    columns: Sequence[Column], raw: Sequence[list[Any]]
) -> tuple[pl.DataFrame, list[CellProblem]]:
    """The contract frame (catalogue columns, ``_row``, ``_invalid``) from equal-length raw columns.

    Trailing blank rows are dropped first; other wholly blank rows are dropped as the reader does.
    """
    trimmed = trim_trailing_blank_rows(raw)
    height = len(trimmed[0]) if trimmed else 0
    series: list[pl.Series] = []
    problems: list[CellProblem] = []
    for column, values in zip(columns, trimmed, strict=True):
        s, bad = convert_column(column, values)
        series.append(s)
        problems.extend(bad)
    blank = [all(is_blank(c[i]) for c in trimmed) for i in range(height)]
    bad_rows = sorted({p.pos for p in problems})
    frame = (
        pl.DataFrame(series)
        .with_row_index(POS)
        .with_columns(
            (pl.col(POS).cast(pl.Int64) + FIRST_DATA_ROW).alias("_row"),
            pl.col(POS).is_in(bad_rows).alias("_invalid"),
            pl.Series("__blank", blank, dtype=pl.Boolean),
        )
        .filter(~pl.col("__blank"))
        .drop(POS, "__blank")
    )
    return frame, problems


def parse_year(value: Any) -> int:
    """The reporting year from a cell (``2025``, ``2025.0`` or text); Swedish error otherwise."""
    if is_blank(value):
        raise InputError("Året saknas (KKIK_Ar på bladet Uppgifter).")
    try:
        year = parse_int(value)
    except ParseError as err:
        raise InputError(f"Året kan inte läsas: {err.reason}") from None
    if not 1990 <= year <= 2100:
        raise InputError(f"Året {year} ligger utanför 1990–2100.")
    return year


def parse_parameter(parameter: Parameter, value: Any, year: int) -> Any:
    """A template parameter from its cell; a blank cell gives the catalogue default (or ``None``)."""
    if is_blank(value):
        if parameter.default is None:
            return None
        value = parameter.default.format(year=year)
    try:
        if parameter.type is ParameterType.DATE:
            return parse_date(value)
        if parameter.type is ParameterType.INT:
            return parse_int(value)
        return parse_janej(value)
    except ParseError as err:
        raise InputError(f"Parametern {parameter.label.lower()} kan inte läsas: {err.reason}") from None
