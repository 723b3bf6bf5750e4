"""The openpyxl implementation of :class:`kkik_xl.excel.marking.MarkWriter` (a copy on disk)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import ceil
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from kkik_xl.excel.marking import COLOURS, KONTROLL_HEADERS, KONTROLL_SHEET, KontrollRow
from kkik_xl.findings import Severity

NOTE_AUTHOR = "kkik-xl"
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)
_WRAPPED = frozenset(i + 1 for i, h in enumerate(KONTROLL_HEADERS) if h in ("Kolumn", "Värde", "Meddelande"))


def row_height(values: Sequence[object], widths: Mapping[int, float]) -> float:
    """Points for a Kontroll row whose wrapped cells (1-based column → width in characters) need more lines.

    Spreadsheet programs do not grow rows written by openpyxl, so the height is estimated here.
    """
    lines = max((ceil(len(str(values[c - 1] or "")) / max(w - 1, 1)) for c, w in widths.items()), default=1)
    return 15.0 * max(lines, 1)


class OpenpyxlMarkWriter:
    """Marks an openpyxl copy of a workbook; :meth:`save` writes it to a path."""

    def __init__(self, path: Path) -> None:
        self.wb = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", rich_text=False)
        self._fills = {s: PatternFill("solid", start_color=c, end_color=c) for s, c in COLOURS.items()}

    def sheet_names(self) -> list[str]:
        """Names of the workbook's sheets."""
        return list(self.wb.sheetnames)

    def fill(self, sheet: str, ranges: Sequence[str], severity: Severity) -> None:
        """Fill each range's cells with the severity colour."""
        ws, pattern = self.wb[sheet], self._fills[severity]
        for ref in ranges:
            cells = ws[ref]
            if not isinstance(cells, tuple):
                cells.fill = pattern
                continue
            for row in cells:
                for cell in row if isinstance(row, tuple) else (row,):
                    cell.fill = pattern

    def notes(self, sheet: str, notes: Mapping[str, str]) -> None:
        """One note per cell, replacing an earlier kkik-xl note."""
        ws = self.wb[sheet]
        for ref, text in notes.items():
            note = Comment(text[:32_000], NOTE_AUTHOR)
            note.width, note.height = 320, 120
            ws[ref].comment = note

    def write_kontroll(self, rows: Sequence[KontrollRow]) -> None:
        """Rewrite the Kontroll sheet (created when missing) with one row per finding."""
        if KONTROLL_SHEET in self.wb.sheetnames:
            ws = self.wb[KONTROLL_SHEET]
            if ws.max_row > 1:
                ws.delete_rows(2, ws.max_row - 1)
        else:
            ws = self.wb.create_sheet(KONTROLL_SHEET)
        for c, head in enumerate(KONTROLL_HEADERS, start=1):
            ws.cell(row=1, column=c, value=head).font = Font(bold=True)
        link_font = Font(color="0563C1", underline="single")
        motivering = len(KONTROLL_HEADERS)
        widths = {c: ws.column_dimensions[get_column_letter(c)].width or 10 for c in _WRAPPED}
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row.values, start=1):
                cell = ws.cell(row=r, column=c, value=value)
                if c in _WRAPPED:
                    cell.alignment = _WRAP
            ws.cell(row=r, column=motivering).protection = _UNLOCKED  # the user writes Motivering here
            ws.row_dimensions[r].height = row_height(row.values, widths)
            if row.link:
                cell = ws.cell(row=r, column=4)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=row.link, display=str(cell.value))
                cell.font = link_font
                cell.alignment = _TOP

    def save(self, path: str) -> None:
        """Write the workbook to ``path``."""
        self.wb.save(path)
        self.wb.close()
