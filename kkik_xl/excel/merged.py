"""Merged cells inside a table: only the first cell of a merge has a value, the rest read as empty.

The ``<mergeCell>`` list comes after all rows of a sheet's XML, so the part is streamed (inflated in
chunks, never held whole) and only the merge references are kept.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from kkik_xl.excel import read_codes as rc
from kkik_xl.excel.frames import Placement
from kkik_xl.excel.meta import sheet_members
from kkik_xl.findings import Finding

_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"')
_CHUNK = 1 << 20
_OVERLAP = 128

Merge = tuple[str, int, str, int]


def merged_ranges(path: Path, sheet: str) -> list[Merge]:
    """Every merge ``(first column, first row, last column, last row)`` of ``sheet`` in an OOXML file."""
    with zipfile.ZipFile(path) as zf:
        member = sheet_members(zf).get(sheet)
        if member is None or member not in zf.namelist():
            return []
        found: dict[Merge, None] = {}
        tail = b""
        with zf.open(member) as fh:
            while chunk := fh.read(_CHUNK):
                text = tail + chunk
                for m in _MERGE.finditer(text):
                    found[(m[1].decode(), int(m[2]), m[3].decode(), int(m[4]))] = None
                tail = text[-_OVERLAP:]
    return list(found)


def merged_findings(merges: list[Merge], place: Placement) -> list[Finding]:
    """A warning per merge that covers a data cell of the table placed at ``place``."""
    by_letter = {letter: name for name, letter in place.letters.items()}
    out = []
    for first_col, first_row, last_col, last_row in merges:
        column = by_letter.get(first_col)
        if column is None or last_row < place.first_row:
            continue
        out.append(
            rc.MERGED_CELLS.finding(
                sheet=place.sheet,
                cell=f"{first_col}{first_row}:{last_col}{last_row}",
                row=first_row,
                column=column,
                first=f"{first_col}{first_row}",
            )
        )
    return out
