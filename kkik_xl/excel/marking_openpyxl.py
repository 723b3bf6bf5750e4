"""The openpyxl implementation of :class:`kkik_xl.excel.marking.MarkWriter` (a copy on disk)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill, Protection
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.hyperlink import Hyperlink

from kkik_xl.excel.marking import (
    ANKARE_COLUMN,
    COLOURS,
    KONTROLL_HEADERS,
    KONTROLL_SHEET,
    MOTIVERING_COLUMN,
    NOTE_AUTHOR,
    WRAPPED_COLUMNS,
    KontrollRow,
    row_height,
)
from kkik_xl.findings import Severity

A1_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")
_UNLOCKED = Protection(locked=False)


def set_style(cell: Any, **ids: int) -> None:
    """Set style ids directly: what openpyxl's style setters do, without hashing the style for every cell."""
    if not cell.has_style:
        cell._style = StyleArray()
    for key, value in ids.items():
        setattr(cell._style, key, value)


def _anchor(ws: Any, ref: str) -> str:
    """``ref``, or the first cell of the merge that covers it (only that cell can hold a note)."""
    if isinstance(ws[ref], MergedCell):
        for merge in ws.merged_cells.ranges:
            if ref in merge:
                return str(merge.start_cell.coordinate)
    return ref


class OpenpyxlMarkWriter:
    """Marks an openpyxl copy of a workbook; :meth:`save` writes it to a path."""

    def __init__(self, path: Path) -> None:
        self.wb = load_workbook(path, keep_vba=path.suffix.lower() == ".xlsm", rich_text=False)
        fills = {s: PatternFill("solid", start_color=c, end_color=c) for s, c in COLOURS.items()}
        self._fill_ids = {s: self.wb._fills.add(p) for s, p in fills.items()}

    def sheet_names(self) -> list[str]:
        """Names of the workbook's sheets."""
        return list(self.wb.sheetnames)

    def clear_previous(self) -> None:
        """Clear fills and kkik-xl notes of the cells an earlier run listed on Kontroll (re-marking)."""
        if KONTROLL_SHEET not in self.wb.sheetnames:
            return
        listed = self.wb[KONTROLL_SHEET].iter_rows(min_row=2, min_col=3, max_col=4, values_only=True)
        for sheet, cell in listed:
            if sheet == KONTROLL_SHEET or sheet not in self.wb.sheetnames or not A1_CELL.match(str(cell)):
                continue
            target = self.wb[str(sheet)][str(cell)]
            if target.comment is not None and target.comment.author == NOTE_AUTHOR:
                target.comment = None
                target.fill = PatternFill()

    def fill(self, sheet: str, ranges: Sequence[str], severity: Severity) -> None:
        """Fill each range's cells with the severity colour."""
        ws, fill_id = self.wb[sheet], self._fill_ids[severity]
        for ref in ranges:
            cells = ws[ref]
            if not isinstance(cells, tuple):
                set_style(cells, fillId=fill_id)
                continue
            for row in cells:
                for cell in row if isinstance(row, tuple) else (row,):
                    set_style(cell, fillId=fill_id)

    def notes(self, sheet: str, notes: Mapping[str, str]) -> None:
        """One note per cell, replacing an earlier kkik-xl note (inside a merge: on its first cell)."""
        ws = self.wb[sheet]
        texts: dict[str, list[str]] = {}
        for ref, text in notes.items():
            texts.setdefault(_anchor(ws, ref), []).append(text)
        for ref, parts in texts.items():
            note = Comment("\n".join(parts)[:32_000], NOTE_AUTHOR)
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
        # Style ids are looked up once, not per cell (50,000 findings are 500,000 cells).
        link_font = self.wb._fonts.add(Font(color="0563C1", underline="single"))
        wrap, top = self.wb._alignments.add(_WRAP), self.wb._alignments.add(_TOP)
        unlocked = self.wb._protections.add(_UNLOCKED)
        motivering = MOTIVERING_COLUMN
        ws.column_dimensions[get_column_letter(ANKARE_COLUMN)].hidden = True
        widths = {c: ws.column_dimensions[get_column_letter(c)].width or 10 for c in WRAPPED_COLUMNS}
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row.values, start=1):
                if value is None or value == "":
                    continue
                cell = ws.cell(row=r, column=c, value=value)
                if c in WRAPPED_COLUMNS:
                    set_style(cell, alignmentId=wrap)
            # The sheet is protected: the user must be able to write a justification on every row.
            set_style(ws.cell(row=r, column=motivering), protectionId=unlocked, alignmentId=wrap)
            ws.row_dimensions[r].height = row_height(row.values, widths)
            if row.link:
                cell = ws.cell(row=r, column=4)
                cell.hyperlink = Hyperlink(ref=cell.coordinate, location=row.link, display=str(cell.value))
                set_style(cell, fontId=link_font, alignmentId=top)

    def save(self, path: str) -> None:
        """Write the workbook to ``path``."""
        self.wb.save(path)
        self.wb.close()
