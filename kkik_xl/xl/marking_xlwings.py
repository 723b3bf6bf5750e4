"""The xlwings implementation of :class:`kkik_xl.excel.marking.MarkWriter`: marks the live workbook.

COM calls are batched: fills go to union ranges (``"C2:C40,D9"``, at most 250 characters each), the
Kontroll rows are written with one value assignment. Notes and links are one call per cell (Excel
has no bulk API for them), so at most :data:`MAX_NOTES` notes and :data:`MAX_LINKS` links are
written; every finding is always listed on Kontroll. Marks of the previous run (the cells listed on
Kontroll before it is rewritten) are cleared first, so fixed cells lose their colour.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from kkik_xl.excel.marking import (
    COLOURS,
    KONTROLL_HEADERS,
    KONTROLL_SHEET,
    LAST_COLUMN,
    KontrollRow,
    cell_ranges,
)
from kkik_xl.findings import Severity

A1_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]{0,6}$")
MAX_NOTES = 300
MAX_LINKS = 500
MAX_ADDRESS = 250
NOTE_PREFIX = "KKIK-"


def union_addresses(ranges: Iterable[str]) -> list[str]:
    """Ranges joined by commas into addresses Excel accepts (each at most :data:`MAX_ADDRESS` long)."""
    out: list[str] = []
    current = ""
    for ref in ranges:
        candidate = f"{current},{ref}" if current else ref
        if len(candidate) > MAX_ADDRESS and current:
            out.append(current)
            candidate = ref
        current = candidate
    return [*out, current] if current else out


_FORMULA_STARTS = ("=", "+", "-", "@", "'")


def as_typed_text(value: Any) -> Any:
    """A value as written through ``Range.value``: text that Excel would read as a formula (``=``, ``+``,
    ``-``, ``@``) or whose apostrophe it would eat gets Excel's text prefix ``'``, so it stays text."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


class XlwingsMarkWriter:
    """Marks an open ``xlwings.Book`` in place; saving is left to the user."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.notes_skipped = 0
        self.links_skipped = 0
        self._notes_written = 0

    def sheet_names(self) -> list[str]:
        """Names of the workbook's sheets."""
        return [s.name for s in self.book.sheets]

    def fill(self, sheet: str, ranges: Sequence[str], severity: Severity) -> None:
        """Colour the ranges, a few union ranges per COM call."""
        ws = self.book.sheets[sheet]
        for address in union_addresses(ranges):
            ws.range(address).color = f"#{COLOURS[severity]}"

    def notes(self, sheet: str, notes: Mapping[str, str]) -> None:
        """One note per cell, up to :data:`MAX_NOTES` in all; a user's own note is kept, not overwritten.

        Excel holds one note per cell: a cell whose note the user wrote (a ``Motivering:`` for instance)
        keeps it, and the finding is shown by the fill and on Kontroll, as in the marked copy.
        """
        ws = self.book.sheets[sheet]
        for cell, text in notes.items():
            if self._notes_written >= MAX_NOTES:
                self.notes_skipped += 1
                continue
            rng = ws.range(cell)
            note = rng.note
            if note is None:
                rng.add_note(text[:32_000])
            elif note.text.startswith(NOTE_PREFIX):
                note.text = text[:32_000]
            else:
                continue
            self._notes_written += 1

    def clear_previous(self) -> None:
        """Remove the fills and kkik-xl notes of the cells the current Kontroll sheet lists."""
        if KONTROLL_SHEET not in self.sheet_names():
            return
        ws = self.book.sheets[KONTROLL_SHEET]
        last = ws.used_range.last_cell.row
        if last < 2:
            return
        listed = ws.range(f"C2:D{last}").value
        by_sheet: dict[str, list[str]] = defaultdict(list)
        for sheet, cell in listed if isinstance(listed[0], list) else [listed]:
            if sheet in self.sheet_names() and sheet != KONTROLL_SHEET and A1_CELL.match(str(cell or "")):
                by_sheet[str(sheet)].append(str(cell))
        for sheet, cells in by_sheet.items():
            target = self.book.sheets[sheet]
            for address in union_addresses(cell_ranges(cells)):
                target.range(address).color = None
            for cell in cells[:MAX_NOTES]:
                note = target.range(cell).note
                if note is not None and note.text.startswith(NOTE_PREFIX):
                    note.delete()

    def _links(self, ws: Any, rows: Sequence[KontrollRow]) -> None:
        """Internal links on the Cell column (no formulas: they would change the template fingerprint)."""
        linked = [(i, r) for i, r in enumerate(rows) if r.link]
        for i, row in linked[:MAX_LINKS]:
            ws.range(f"D{i + 2}").add_hyperlink(f"#{row.link}", str(row.values[3]), "Gå till cellen")
        self.links_skipped = max(0, len(linked) - MAX_LINKS)

    def write_kontroll(self, rows: Sequence[KontrollRow]) -> None:
        """Rewrite Kontroll below its header: one call for the values, one for the links."""
        if KONTROLL_SHEET not in self.sheet_names():
            self.book.sheets.add(KONTROLL_SHEET, after=self.book.sheets[len(self.book.sheets) - 1])
        ws = self.book.sheets[KONTROLL_SHEET]
        protected = bool(ws.api.ProtectContents)
        if protected:
            ws.api.Unprotect()
        try:
            last = ws.used_range.last_cell.row
            if last >= 2:
                ws.range(f"A2:{LAST_COLUMN}{last}").clear_contents()
            ws.range("A1").value = [list(KONTROLL_HEADERS)]
            if rows:
                ws.range("A2").value = [[as_typed_text(v) for v in row.values] for row in rows]
                self._links(ws, rows)
        finally:
            if protected:
                ws.api.Protect(Contents=True, AllowFiltering=True, AllowFormattingColumns=True)
