"""An in-memory copy of an OOXML workbook without the cell data of its Table sheets.

The fingerprint (:mod:`kkik_xl.excel.fingerprint`) never looks at the cells of a sheet that holds an
Excel Table — only at its name, Tables and validation rules — yet openpyxl loads every cell, which
takes minutes and gigabytes for a sheet with many thousands of rows. The copy keeps every part as
it is, except that the ``<sheetData>`` of each sheet with a Table part becomes empty; the sheet is
streamed through in chunks, so the rows are never held in memory. The fingerprint of the copy equals
the fingerprint of the original.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import IO

_TABLE_REL = re.compile(rb'Type="[^"]*/relationships/table"')
SHEET_DATA_OPEN = re.compile(rb"<sheetData\b[^>]*?(/?)>")
"""The start tag of ``<sheetData>`` (group 1 is ``/`` when it is empty)."""
_CLOSE = b"</sheetData>"
_CHUNK = 1 << 20


def table_sheets(zf: zipfile.ZipFile) -> set[str]:
    """Zip members of the worksheets whose relationships include a Table part."""
    out: set[str] = set()
    names = set(zf.namelist())
    for name in names:
        folder, base = posixpath.split(name)
        if folder.endswith("worksheets/_rels") and base.endswith(".rels"):
            sheet = posixpath.join(posixpath.dirname(folder), base.removesuffix(".rels"))
            if sheet in names and _TABLE_REL.search(zf.read(name)):
                out.add(sheet)
    return out


def _chunks(fh: IO[bytes]) -> Iterator[bytes]:
    while chunk := fh.read(_CHUNK):
        yield chunk


def without_sheet_data(fh: IO[bytes]) -> bytes:
    """The worksheet XML read from ``fh`` with an empty ``<sheetData/>`` (unchanged if it has none)."""
    return slim_xml(_chunks(fh))


def slim_xml(chunks: Iterator[bytes]) -> bytes:
    """The worksheet XML given as ``chunks`` with an empty ``<sheetData/>``; consumes every chunk."""
    head = b""
    for chunk in chunks:
        head += chunk
        found = SHEET_DATA_OPEN.search(head)
        if found and found[1]:  # already <sheetData/>
            return head + b"".join(chunks)
        if found:
            return head[: found.start()] + b"<sheetData/>" + after_sheet_data(head[found.end() :], chunks)
    return head


def after_sheet_data(rest: bytes, chunks: Iterator[bytes]) -> bytes:
    """Everything after ``</sheetData>`` in ``rest`` and the ``chunks`` that follow, skipping the rows."""
    keep = len(_CLOSE) - 1
    while (at := rest.find(_CLOSE)) < 0:
        following = next(chunks, None)
        if following is None:
            raise ValueError("<sheetData> is not closed")
        rest = rest[-keep:] + following
    return rest[at + len(_CLOSE) :] + b"".join(chunks)


def structure_copy(path: Path, ready: Mapping[str, bytes] | None = None) -> io.BytesIO:
    """The workbook at ``path`` with the cells of its Table sheets left out, as an in-memory zip.

    ``ready``: zip member → slim XML already made while the reader scanned that sheet
    (:func:`kkik_xl.excel.sheet_xml.scan_sheet`), so the sheet is not inflated a second time.
    """
    buffer = io.BytesIO()
    ready = ready or {}
    with zipfile.ZipFile(path) as zin, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as zout:
        slim = table_sheets(zin)
        for info in zin.infolist():
            if info.filename in ready and info.filename in slim:
                zout.writestr(info.filename, ready[info.filename])
            elif info.filename in slim:
                with zin.open(info) as fh:
                    zout.writestr(info.filename, without_sheet_data(fh))
            else:
                zout.writestr(info.filename, zin.read(info))
    buffer.seek(0)
    return buffer
