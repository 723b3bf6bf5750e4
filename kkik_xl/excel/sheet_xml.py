"""What only a sheet's raw XML tells: merged cells, and formulas that were never calculated.

Both make a cell read as empty although the user sees (or expects) a value: only the first cell of
a merge has one, and a formula written by a program without a cached result has none until Excel
recalculates. The part is streamed (inflated in chunks, never held whole); a chunk is only searched
with a regular expression when it contains a merge or a formula at all. Inflating costs about a sixth
of a full read, so sheets whose XML is larger than :data:`MAX_SCAN_BYTES` (about 150,000 rows) are
not scanned: a huge log is read at the speed of the reader alone. The skipped check is said (an info
finding), never silent; the size comes from the zip directory, so saying it inflates nothing.
"""

from __future__ import annotations

import html
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from kkik_xl.excel import read_codes as rc
from kkik_xl.excel.frames import Placement
from kkik_xl.excel.inflated import open_part
from kkik_xl.excel.meta import sheet_members
from kkik_xl.excel.structure_copy import slim_xml
from kkik_xl.findings import Finding

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_NO_VALUE = re.compile(
    rb'<(?:\w+:)?c\s+r="([A-Z]+)(\d+)"[^>]*>\s*<(?:\w+:)?f\b[^>]*?(?:/>|>([^<]*)</(?:\w+:)?f>)\s*</(?:\w+:)?c>'
)
_CHUNK = 1 << 20
_OVERLAP = 4096
MAX_SCAN_BYTES = 64 << 20

Merge = tuple[str, int, str, int]


@dataclass
class SheetXml:
    """Merges ``(first column, first row, last column, last row)`` and uncalculated formula cells."""

    merges: dict[Merge, None] = field(default_factory=dict)
    uncalculated: dict[tuple[str, int], str] = field(default_factory=dict)
    skipped_bytes: int | None = None
    """Uncompressed size of the sheet XML when it was too large to scan, else ``None``."""
    member: str | None = None
    """The zip member scanned."""
    slim: bytes | None = None
    """The sheet XML without its rows (``<sheetData/>``), made in the same pass for the fingerprint."""

    def add(self, text: bytes) -> None:
        """Collect what ``text`` (a piece of the sheet XML) holds."""
        if b"mergeCell" in text:
            for m in _MERGE.finditer(text):
                self.merges[(m[1].decode(), int(m[2]), m[3].decode(), int(m[4]))] = None
        if b"<f" in text:
            for m in _NO_VALUE.finditer(text):
                formula = html.unescape((m[3] or b"").decode("utf-8", "replace")).strip()
                self.uncalculated[(m[1].decode(), int(m[2]))] = formula


def scan_sheet(path: Path, sheet: str) -> SheetXml:
    """Stream the XML of ``sheet`` in an OOXML file."""
    out = SheetXml()
    with zipfile.ZipFile(path) as zf:
        member = sheet_members(zf).get(sheet)
        if member is None or member not in zf.namelist():
            return out
        size = zf.getinfo(member).file_size
        if size > MAX_SCAN_BYTES:
            out.skipped_bytes = size
            return out
        with open_part(zf, zf.getinfo(member)) as fh:
            chunks = _scanned(fh, out)
            try:
                out.slim = slim_xml(chunks)
            except ValueError:  # <sheetData> not closed: the fingerprint inflates it itself
                out.slim = None
            for _ in chunks:  # scan to the end whatever the slim copy needed
                pass
        out.member = member
    return out


def _scanned(fh: IO[bytes], out: SheetXml) -> Iterator[bytes]:
    """The chunks of ``fh``, each also scanned into ``out`` (with an overlap for tags cut in two)."""
    tail = b""
    while chunk := fh.read(_CHUNK):
        text = tail + chunk
        out.add(text)
        tail = text[-_OVERLAP:]
        yield chunk


def sheet_findings(scan: SheetXml, place: Placement) -> list[Finding]:
    """Warnings for merges and uncalculated formulas in the data cells of the table at ``place``.

    A sheet too large to scan gives one info finding saying so instead.
    """
    if scan.skipped_bytes is not None:
        return [
            rc.NOT_SCANNED.finding(
                sheet=place.sheet, size=-(-scan.skipped_bytes // 2**20), limit=MAX_SCAN_BYTES >> 20
            )
        ]
    by_letter = {letter: name for name, letter in place.letters.items()}
    out = []
    for first_col, first_row, last_col, last_row in scan.merges:
        column = by_letter.get(first_col)
        if column is not None and last_row >= place.first_row:
            cell = f"{first_col}{first_row}"
            out.append(
                rc.MERGED_CELLS.finding(
                    sheet=place.sheet,
                    cell=f"{cell}:{last_col}{last_row}",
                    row=first_row,
                    column=column,
                    first=cell,
                )
            )
    for (letter, row), formula in scan.uncalculated.items():
        column = by_letter.get(letter)
        if column is not None and row >= place.first_row:
            shown = f" ={formula}" if formula else ""
            out.append(
                rc.UNCALCULATED.finding(
                    sheet=place.sheet, cell=f"{letter}{row}", row=row, column=column, formula=shown
                )
            )
    return out
