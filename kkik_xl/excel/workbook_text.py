"""Every text of a workbook outside the typed tables: other sheets, extra columns and cell comments.

Used by the personal-data rule, which must see every cell of every sheet. The typed tables are
scanned from their frames; this module supplies the rest as ``(sheet, cell, text)`` triples. Cell
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
from kkik_xl.excel.sheet_load import load

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
        rows = book.get_sheet_by_name(name).to_python(skip_empty_area=False)
        for r, row in enumerate(rows):
            for c, value in enumerate(row):
                text = _text(value)
                if text is not None:
                    yield name, f"{col_letter(c)}{r + 1}", text


def column_cells(
    path: Path, sheet: str, header_row: int, columns: dict[str, str], pattern: str | None = None
) -> Iterator[TextCell]:
    """Cells of the given columns (header → letter) below ``header_row`` (1-based), read as text.

    With ``pattern`` (a regular expression) only matching cells are returned, filtered in polars.
    Read through :func:`kkik_xl.excel.sheet_load.load`, so a reader panic does not end the check:
    the cells are then read one by one.
    """
    names = list(columns)
    wanted = {normalise_header(n) for n in names}
    loaded = load(fastexcel.read_excel(path), sheet, header_row - 1, dict.fromkeys(names, "string"), wanted)
    frame = loaded.frame.with_row_index("__i")
    for name in frame.columns[1:]:
        text = pl.col(name)
        keep = text.str.contains(pattern) if pattern is not None else text != ""
        for i, value in frame.filter(keep.fill_null(False)).select("__i", name).iter_rows():
            yield sheet, f"{columns[name]}{header_row + 1 + i}", str(value)
    for cell in loaded.cells:  # only after a panic: the text cells, unconverted
        header = loaded.selected.get(cell.col, "")
        if cell.kind == "String" and header in columns and (pattern is None or re.search(pattern, cell.body)):
            yield sheet, f"{columns[header]}{header_row + 1 + cell.pos}", cell.body


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
