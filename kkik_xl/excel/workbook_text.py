"""Every text of a workbook outside the typed tables: other sheets, extra columns and cell comments.

Used by the personal-data rule, which must see every cell of every sheet. The typed tables are
scanned from their frames; this module supplies the rest as ``(sheet, cell, text)`` triples: every
cell of the other sheets, and on a table sheet every cell outside the table's columns (with or
without a header) and above its data. Cell
notes also come with their author (:class:`Note`): a user's note can justify a warning.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
import fastexcel
import polars as pl
from python_calamine import CalamineWorkbook

from kkik_xl.excel.columns import col_letter, normalise_header
from kkik_xl.excel.result import ReadError
from kkik_xl.excel.sheet_load import load, rust_panics_silenced
from kkik_xl.excel.sheet_rows import sheet_rows

TextCell = tuple[str, str, str]


@dataclass(frozen=True)
class Note:
    """A cell note (Excel's classic comment): sheet, cell, author and the text as stored."""

    sheet: str
    cell: str
    author: str
    text: str


_NS = re.compile(r"^\{[^}]*\}")
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def sheet_cells(
    path: Path, sheets: Iterable[str] | None = None, *, skip: Collection[str] = ()
) -> Iterator[TextCell]:
    """Every non-empty cell of the named sheets (default: every sheet not in ``skip``), read with
    calamine, values as text. The workbook is opened once."""
    book = CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names if sheets is None else sheets:
        if name in skip:
            continue
        rows = sheet_rows(book, path, name)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                text = _text(value)
                if text is not None:
                    yield name, f"{col_letter(c)}{r + 1}", text


def cells_outside(
    path: Path, sheet: str, columns: Collection[int], first_row: int, pattern: str
) -> Iterator[TextCell]:
    """Cells of a table sheet that are not in the table's frame and match ``pattern`` (a regular
    expression, filtered in polars): every column not in ``columns`` (0-based, the template's columns as
    found), with or without a header, and the rows above ``first_row`` (the first data row) in those.

    A sheet the reader cannot convert as a whole (a Rust panic on a date far outside the calendar) is
    read column by column; a column that cannot be read even alone is read cell by cell with calamine.
    """
    book = fastexcel.read_excel(path)
    try:
        with rust_panics_silenced():
            sheet_data = book.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string")
            frame = sheet_data.to_polars()
    except BaseException as err:  # a reader error or panic (pyo3's PanicException is a BaseException)
        if isinstance(err, KeyboardInterrupt | SystemExit):
            raise
        yield from _by_column(book, sheet, columns, first_row, pattern)
        return
    available = sheet_data.available_columns()
    yield from _matching(sheet, available, frame.with_row_index("__i"), columns, first_row, pattern)


def _by_column(
    book: Any, sheet: str, columns: Collection[int], first_row: int, pattern: str
) -> Iterator[TextCell]:
    """Each column outside the frame read alone; one that cannot be read alone goes through
    :func:`kkik_xl.excel.sheet_load.load`, which keeps its text cells unconverted."""
    try:
        with rust_panics_silenced():
            infos = book.load_sheet(sheet, header_row=None, skip_rows=0, n_rows=0).available_columns()
    except BaseException as err:
        if isinstance(err, KeyboardInterrupt | SystemExit):
            raise
        return
    for info in infos:
        if info.absolute_index in columns and first_row <= 2:
            continue  # only the header row of a table column lies outside the frame
        try:
            with rust_panics_silenced():
                one = book.load_sheet(sheet, header_row=None, skip_rows=0, dtypes="string",
                                      use_columns=[info.absolute_index])  # fmt: skip
                frame = one.to_polars().with_row_index("__i")
            yield from _matching(sheet, one.available_columns(), frame, columns, first_row, pattern)
        except BaseException as err:
            if isinstance(err, KeyboardInterrupt | SystemExit):
                raise
            yield from _texts_of_column(book, sheet, info.absolute_index, pattern)


def _texts_of_column(book: Any, sheet: str, index: int, pattern: str) -> Iterator[TextCell]:
    """The text cells below row 1 of a column the reader cannot convert (its header is a finding)."""
    try:
        with rust_panics_silenced():
            head = book.load_sheet(sheet, header_row=0, n_rows=0).available_columns()
        name = next(c.name for c in head if c.absolute_index == index)
        loaded = load(book, sheet, 0, {name: "string"}, {normalise_header(name)})
    except (ReadError, StopIteration):
        return
    letter = col_letter(index)
    texts = pl.DataFrame(
        {"pos": [c.pos for c in loaded.cells if c.kind == "String"],
         "body": [c.body for c in loaded.cells if c.kind == "String"]},
        schema={"pos": pl.Int64, "body": pl.String},
    )  # fmt: skip
    for pos, body in texts.filter(pl.col("body").str.contains(pattern)).iter_rows():  # a polars pattern
        yield sheet, f"{letter}{pos + 2}", body


def _matching(
    sheet: str,
    available: list[Any],
    frame: pl.DataFrame,
    columns: Collection[int],
    first_row: int,
    pattern: str,
) -> Iterator[TextCell]:
    for info in available:
        if info.name not in frame.columns:
            continue
        rows = frame if info.absolute_index not in columns else frame.head(max(first_row - 1, 0))
        text = pl.col(info.name)
        for i, value in (
            rows.filter(text.str.contains(pattern).fill_null(False)).select("__i", info.name).iter_rows()
        ):
            yield sheet, f"{col_letter(info.absolute_index)}{i + 1}", str(value)


def _local(tag: str) -> str:
    return _NS.sub("", tag)


def _rels(zf: zipfile.ZipFile, part: str, kind: str | None = None) -> dict[str, str]:
    """Relationship id → target part path for ``part`` (only relationships whose type ends in ``kind``)."""
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", name + ".rels")
    if rels_name not in zf.namelist():
        return {}
    root = SafeET.fromstring(zf.read(rels_name))
    out: dict[str, str] = {}
    for el in root:
        if kind is not None and not el.get("Type", "").endswith(f"/{kind}"):
            continue
        target = el.get("Target", "")
        full = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.normpath(posixpath.join(folder, target))
        )
        out[el.get("Id", "")] = full
    return out


def cell_notes(path: Path) -> Iterator[Note]:
    """Every cell note of an OOXML workbook (only the small comments parts are read)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    with zipfile.ZipFile(path) as zf:
        if "xl/workbook.xml" not in zf.namelist():
            return
        book_rels = _rels(zf, "xl/workbook.xml")
        for el in SafeET.fromstring(zf.read("xl/workbook.xml")).iter():
            if _local(el.tag) != "sheet":
                continue
            sheet_part = book_rels.get(el.get(_REL_ID, ""))
            if sheet_part is None or sheet_part not in zf.namelist():
                continue
            # By relationship type: Excel names the part xl/comments1.xml, openpyxl xl/comments/comment1.xml.
            for target in _rels(zf, sheet_part, "comments").values():
                if target in zf.namelist():
                    yield from _comments(zf.read(target), el.get("name", ""))


def _comments(xml: bytes, sheet: str) -> Iterator[Note]:
    root = SafeET.fromstring(xml)
    authors = [el.text or "" for el in root.iter() if _local(el.tag) == "author"]
    for el in root.iter():
        if _local(el.tag) == "comment":
            text = "".join(t.text or "" for t in el.iter() if _local(t.tag) == "t")
            index = el.get("authorId", "")
            author = authors[int(index)] if index.isdigit() and int(index) < len(authors) else ""
            if text:
                yield Note(sheet, el.get("ref", ""), author, text)
