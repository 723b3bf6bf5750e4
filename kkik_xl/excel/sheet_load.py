"""One fastexcel read of a table's columns, and the way around a reader panic on absurd date serials.

calamine turns a date-formatted number into a date while fastexcel builds a column, and panics
(``TimeDelta::milliseconds out of bounds``) when the number is far outside any calendar, for instance
``-1e308``. Such a read is done again column by column, and a column that panics alone is read as
numbers: fastexcel then reports each non-number cell unconverted (with its raw serial), and the cells
are judged one by one by :mod:`kkik_xl.parsing` like any other unconverted cell. Slow, but only for
such columns. The panic's message on stderr is kept from the user.
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import fastexcel
import polars as pl

from kkik_xl.excel.columns import normalise_header
from kkik_xl.excel.result import ReadError

_DETAIL = re.compile(r"got '(?P<kind>\w+)\((?P<body>.*)\)'?\s*$", re.DOTALL)
_RUST_ESCAPE = re.compile(r"\\(u\{[0-9a-fA-F]{1,6}\}|.)", re.DOTALL)
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "0": "\0"}
_UNKNOWN_ERROR_VALUE = re.compile(r"Unsupported cell error value '([^']{1,40})'")
_POLARS: dict[str, pl.DataType] = {
    "string": pl.String(),
    "date": pl.Date(),
    "datetime": pl.Datetime("ms"),
    "duration": pl.Duration("ms"),
    "float": pl.Float64(),
}


@dataclass(frozen=True)
class RawCell:
    """A cell fastexcel did not convert: 0-based data row, sheet column index, calamine kind, content."""

    pos: int
    col: int
    kind: str
    body: str


@dataclass(frozen=True)
class Loaded:
    """What one read gives: the frame, the cells it could not convert, and the sheet's columns (all
    of them, and the selected ones by index)."""

    frame: pl.DataFrame
    cells: list[RawCell]
    available: list[Any]
    selected: dict[int, str]


def is_panic(err: BaseException) -> bool:
    """True for a Rust panic of the reader (pyo3's ``PanicException``, a ``BaseException``)."""
    return type(err).__name__ == "PanicException"


@contextmanager
def rust_panics_silenced() -> Iterator[None]:
    """Keep what the reader writes to the process's stderr (a Rust panic's English message and
    backtrace) away from the user; anything written without a panic is passed on afterwards."""
    try:
        saved = os.dup(2)
    except OSError:  # no stderr at all (a windowed Excel add-in): nothing to silence
        yield
        return
    with tempfile.TemporaryFile() as sink:
        os.dup2(sink.fileno(), 2)
        panicked = False
        try:
            yield
        except BaseException as err:
            panicked = is_panic(err)
            raise
        finally:
            os.dup2(saved, 2)
            os.close(saved)
            sink.seek(0)
            written = sink.read()
            if written and not panicked:
                os.write(2, written)


def load(
    book: fastexcel.ExcelReader, sheet: str, header_row: int, dtypes: dict[str | int, Any], wanted: set[str]
) -> Loaded:
    """Read the wanted columns with their dtypes; on a reader panic, column by column (see above).

    A sheet the reader refuses as a whole (an error value it does not know, such as
    ``#GETTING_DATA``) raises :class:`ReadError` with a Swedish reason.
    """
    try:
        try:
            with rust_panics_silenced():
                return _load(book, sheet, header_row, dtypes, wanted)
        except BaseException as err:
            if not is_panic(err):
                raise
        try:
            return _load_by_column(book, sheet, header_row, dtypes, wanted)
        except BaseException as err:
            if not is_panic(err):
                raise
            raise ReadError(unreadable_value(sheet)) from None
    except fastexcel.FastExcelError as err:
        raise ReadError(_refused(sheet, str(err))) from None


def unreadable_value(sheet: str) -> str:
    """Swedish reason for a sheet holding a value no reader can convert."""
    return (
        f"Bladet {sheet!r} innehåller ett värde som inte går att läsa, troligen ett tal som är "
        "formaterat som datum men ligger långt utanför alla datum. Rätta värdet och spara filen igen."
    )


def _refused(sheet: str, detail: str) -> str:
    m = _UNKNOWN_ERROR_VALUE.search(detail)
    if m is not None:
        return (
            f"Bladet {sheet!r} innehåller felvärdet {m[1]}, som inte går att läsa. Ersätt formeln som ger "
            "felvärdet med ett värde (eller rätta den) och spara filen igen."
        )
    return f"Bladet {sheet!r} går inte att läsa; filen kan vara skadad. Öppna den i Excel och spara den igen."


def _read(
    book: fastexcel.ExcelReader,
    sheet: str,
    header_row: int,
    dtypes: dict[str | int, Any],
    wanted: set[str],
    n_rows: int | None = None,
) -> tuple[pl.DataFrame, Any, list[Any], dict[int, str]]:
    """The sheet object (calamine's cells, several hundred MB for a million rows) is released here,
    before any frame is built, so it never adds to the peak memory."""
    loaded = book.load_sheet(
        sheet,
        header_row=header_row,
        dtypes=dtypes,
        use_columns=lambda c: normalise_header(c.name) in wanted,
        n_rows=n_rows,
    )
    batch, errors = loaded.to_arrow_with_errors()
    selected = {c.index: c.name for c in loaded.selected_columns}
    return pl.DataFrame(pl.from_arrow(batch)), errors, loaded.available_columns(), selected


def parse_detail(detail: str) -> tuple[str, str]:
    """``(kind, content)`` of a fastexcel error detail such as ``Expected date but got
    'String("igår")'``: here ``("String", "igår")``."""
    m = _DETAIL.search(detail)
    if m is None:
        return "Unknown", detail
    kind, body = m["kind"], m["body"]
    if kind == "String":
        body = _RUST_ESCAPE.sub(_unescape, body.removeprefix('"').removesuffix('"'))
    return kind, body


def _unescape(m: re.Match[str]) -> str:
    code = m[1]
    if code.startswith("u{"):
        return chr(int(code[2:-1], 16))
    return _ESCAPES.get(code, code)


def _cells(errors: Any) -> list[RawCell]:
    out = []
    for err in errors.errors if errors is not None else []:
        pos, col = err.offset_position
        kind, body = parse_detail(err.detail)
        out.append(RawCell(pos, col, kind, body))
    return out


def _load(
    book: fastexcel.ExcelReader, sheet: str, header_row: int, dtypes: dict[str | int, Any], wanted: set[str]
) -> Loaded:
    frame, errors, available, selected = _read(book, sheet, header_row, dtypes, wanted)
    return Loaded(frame, _cells(errors), available, selected)


def _load_by_column(
    book: fastexcel.ExcelReader, sheet: str, header_row: int, dtypes: dict[str | int, Any], wanted: set[str]
) -> Loaded:
    """After a panic: every column alone with its dtype, and as numbers only a column that panics,
    so that the cell-by-cell work (and its memory) is limited to the columns that need it."""
    _, _, available, selected = _read(book, sheet, header_row, dtypes, wanted, n_rows=0)
    columns: list[pl.Series] = []
    cells: list[RawCell] = []
    for index, name in selected.items():
        one = {normalise_header(name)}
        try:
            with rust_panics_silenced():
                part, errors, _, _ = _read(book, sheet, header_row, {name: dtypes.get(name, "string")}, one)
            cells += _cells(errors)
            columns.append(part.get_column(name))
        except BaseException as err:
            if not is_panic(err):
                raise
            series, raw = _as_numbers(book, sheet, header_row, name, index, str(dtypes.get(name, "string")))
            columns.append(series)
            cells += raw
    height = max((len(c) for c in columns), default=0)
    padded = [c.extend_constant(None, height - len(c)) for c in columns]
    return Loaded(pl.DataFrame(padded, height=height), cells, available, selected)


def _as_numbers(
    book: fastexcel.ExcelReader, sheet: str, header_row: int, name: str, index: int, dtype: str
) -> tuple[pl.Series, list[RawCell]]:
    """One column read as numbers: the numbers stay for a number column, else every non-empty cell
    becomes a raw cell for the single-value parsers, and the column is null of its own dtype."""
    with rust_panics_silenced():
        frame, errors, _, _ = _read(book, sheet, header_row, {name: "float"}, {normalise_header(name)})
    series = frame.get_column(name)
    cells = _cells(errors)
    if dtype == "float":
        return series, cells
    positions = series.is_not_null().arg_true().to_list()
    cells += [RawCell(p, index, "Float", repr(series[p])) for p in positions]
    return pl.Series(name, [None] * len(series), dtype=_POLARS.get(dtype, pl.String())), cells
