"""One fastexcel read of a table's columns, and the way around a reader panic on absurd date serials.

calamine turns a date-formatted number into a date while fastexcel builds a column, and panics
(``TimeDelta::milliseconds out of bounds``) when the number is far outside any calendar, for instance
``-1e308``. Such a read is done again with every column as numbers: fastexcel then reports each
non-number cell unconverted (with its raw serial), and the cells are judged one by one by
:mod:`kkik_xl.parsing` like any other unconverted cell. Slow, but only for such files.
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


def _is_panic(err: BaseException) -> bool:
    return type(err).__name__ == "PanicException"


@contextmanager
def _rust_panics_silenced() -> Iterator[None]:
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
            panicked = _is_panic(err)
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
    """Read the wanted columns with their dtypes; on a reader panic, read them as numbers instead.

    A sheet the reader refuses as a whole (an error value it does not know, such as
    ``#GETTING_DATA``) raises :class:`ReadError` with a Swedish reason.
    """
    try:
        try:
            with _rust_panics_silenced():
                return _load(book, sheet, header_row, dtypes, wanted)
        except BaseException as err:
            if not _is_panic(err):
                raise
        try:
            with _rust_panics_silenced():
                return _load_as_numbers(book, sheet, header_row, dtypes, wanted)
        except BaseException as err:
            if not _is_panic(err):
                raise
            raise ReadError(
                f"Bladet {sheet!r} innehåller ett värde som inte går att läsa, troligen ett tal som är "
                "formaterat som datum men ligger långt utanför alla datum. Rätta värdet och spara filen igen."
            ) from None
    except fastexcel.FastExcelError as err:
        raise ReadError(_refused(sheet, str(err))) from None


def _refused(sheet: str, detail: str) -> str:
    m = _UNKNOWN_ERROR_VALUE.search(detail)
    if m is not None:
        return (
            f"Bladet {sheet!r} innehåller felvärdet {m[1]}, som inte går att läsa. Ersätt formeln som ger "
            "felvärdet med ett värde (eller rätta den) och spara filen igen."
        )
    return f"Bladet {sheet!r} går inte att läsa; filen kan vara skadad. Öppna den i Excel och spara den igen."


def _read(
    book: fastexcel.ExcelReader, sheet: str, header_row: int, dtypes: dict[str | int, Any], wanted: set[str]
) -> tuple[pl.DataFrame, Any, list[Any], dict[int, str]]:
    """The sheet object (calamine's cells, several hundred MB for a million rows) is released here,
    before any frame is built, so it never adds to the peak memory."""
    loaded = book.load_sheet(
        sheet,
        header_row=header_row,
        dtypes=dtypes,
        use_columns=lambda c: normalise_header(c.name) in wanted,
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


def _load_as_numbers(
    book: fastexcel.ExcelReader, sheet: str, header_row: int, dtypes: dict[str | int, Any], wanted: set[str]
) -> Loaded:
    numbers = {name: "float" for name in dtypes}
    frame, errors, available, selected = _read(book, sheet, header_row, numbers, wanted)
    cells = _cells(errors)
    columns = []
    for index, name in selected.items():
        dtype = str(dtypes.get(name, "string"))
        series = frame.get_column(name)
        if dtype != "float":
            positions = series.is_not_null().arg_true().to_list()
            cells += [RawCell(p, index, "Float", repr(series[p])) for p in positions]
            series = pl.Series(name, [None] * frame.height, dtype=_POLARS.get(dtype, pl.String()))
        columns.append(series)
    return Loaded(pl.DataFrame(columns, height=frame.height), cells, available, selected)
