"""A fake of the xlwings subset the macros use, backed by an openpyxl workbook on disk.

``FakeBook.save()`` writes the openpyxl workbook to ``fullname``, so the macros' "save, then read the
saved file" path is real. Every public name here must exist on the real xlwings class it stands for
(tested in ``test_xl_fake.py``); ``FakeSheetApi`` stands for the raw COM ``Worksheet`` object
(``sheet.api``) and only offers ``ProtectContents``, ``Protect`` and ``Unprotect``.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill
from openpyxl.utils import range_boundaries
from openpyxl.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

HYPERLINK = re.compile(r'^=HYPERLINK\("(?:[^"]|"")*","((?:[^"]|"")*)"\)$')
CALLS: Counter[str] = Counter()  # "COM calls" per kind, for the batching tests


class FakeApp:
    """Stands for ``xlwings.App``: records message boxes."""

    def __init__(self) -> None:
        self.alerts: list[dict[str, Any]] = []
        self.answers: list[str] = []  # what the user clicks in yes/no boxes, in order

    def alert(
        self,
        prompt: str,
        title: str | None = None,
        buttons: str = "ok",
        mode: str | None = None,
        callback: Any = None,
    ) -> str:
        self.alerts.append({"prompt": prompt, "title": title, "mode": mode})
        return self.answers.pop(0) if buttons != "ok" else "ok"


class FakeNote:
    """Stands for ``xlwings.main.Note``."""

    def __init__(self, cell: Any) -> None:
        self._cell = cell

    @property
    def text(self) -> str:
        return str(self._cell.comment.text)

    @text.setter
    def text(self, value: str) -> None:
        CALLS["note"] += 1
        self._cell.comment = Comment(value, "kkik-xl")

    def delete(self) -> None:
        CALLS["note"] += 1
        self._cell.comment = None


def _shown(value: Any) -> Any:
    """What Excel shows for a cell: the one formula kind the macros write (``=HYPERLINK``) is evaluated."""
    if isinstance(value, str) and value.startswith("=HYPERLINK("):
        match = HYPERLINK.match(value)
        assert match, value
        return match[1].replace('""', '"')
    return value


class FakeRange:
    """Stands for ``xlwings.Range``; ``address`` may be a union such as ``"C2:C4,D9"``."""

    def __init__(self, sheet: FakeSheet, address: str) -> None:
        self._sheet = sheet
        self._address = address
        self._areas = [range_boundaries(a.replace("$", "")) for a in address.split(",")]

    @property
    def sheet(self) -> FakeSheet:
        return self._sheet

    @property
    def address(self) -> str:
        return self._address

    def _cells(self) -> list[Any]:
        ws = self.sheet.ws
        return [
            ws.cell(row=r, column=c)
            for (c1, r1, c2, r2) in self._areas
            for r in range(r1, r2 + 1)
            for c in range(c1, c2 + 1)
        ]

    @property
    def value(self) -> Any:
        c1, r1, c2, r2 = self._areas[0]
        rows = [
            [_shown(self.sheet.ws.cell(row=r, column=c).value) for c in range(c1, c2 + 1)]
            for r in range(r1, r2 + 1)
        ]
        if len(rows) == 1 and len(rows[0]) == 1:
            return rows[0][0]
        if len(rows) == 1:
            return rows[0]
        return [r[0] for r in rows] if c1 == c2 else rows

    @value.setter
    def value(self, data: Any) -> None:
        CALLS["value"] += 1
        c1, r1, _, _ = self._areas[0]
        rows = data if isinstance(data, list) and data and isinstance(data[0], list) else [[data]]
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                cell = self.sheet.ws.cell(row=r1 + i, column=c1 + j)
                self._writable(cell)
                if isinstance(v, str) and v.startswith("'"):  # Excel's text prefix: stored as text
                    cell.value = v[1:]
                    cell.data_type = "s"
                else:
                    cell.value = v  # as Excel: text starting with "=" becomes a formula

    def _writable(self, cell: Any) -> None:
        if self.sheet.ws.protection.sheet and cell.protection.locked:
            raise PermissionError(f"{self.sheet.name}!{cell.coordinate} is locked on a protected sheet")

    @property
    def formula(self) -> Any:
        return self.value

    @formula.setter
    def formula(self, data: Any) -> None:
        self.value = data

    @property
    def color(self) -> tuple[int, int, int] | None:
        fill = self._cells()[0].fill
        if fill is None or fill.fill_type != "solid":
            return None
        rgb = str(fill.start_color.rgb)[-6:]
        return (int(rgb[0:2], 16), int(rgb[2:4], 16), int(rgb[4:6], 16))

    @color.setter
    def color(self, value: str | None) -> None:
        CALLS["color"] += 1
        fill = PatternFill() if value is None else PatternFill("solid", start_color=value.lstrip("#"))
        for cell in self._cells():
            cell.fill = fill

    @property
    def note(self) -> FakeNote | None:
        cell = self._cells()[0]
        return FakeNote(cell) if cell.comment is not None else None

    def add_note(self, text: str) -> FakeNote:
        CALLS["note"] += 1
        cell = self._cells()[0]
        cell.comment = Comment(text, "kkik-xl")
        return FakeNote(cell)

    def add_hyperlink(
        self, address: str, text_to_display: str | None = None, screen_tip: str | None = None
    ) -> None:
        CALLS["link"] += 1
        cell = self._cells()[0]
        cell.hyperlink = Hyperlink(
            ref=cell.coordinate, location=address.removeprefix("#"), display=text_to_display
        )

    def clear_contents(self) -> None:
        CALLS["value"] += 1
        for cell in self._cells():
            self._writable(cell)
            cell.value = None

    @property
    def last_cell(self) -> FakeRange:
        _, _, c2, r2 = self._areas[-1]
        return FakeRange(self.sheet, f"{openpyxl.utils.get_column_letter(c2)}{r2}")

    @property
    def row(self) -> int:
        return self._areas[0][1]


class FakeSheetApi:
    """Stands for the COM ``Worksheet`` behind ``Sheet.api`` (protection only)."""

    def __init__(self, ws: Worksheet) -> None:
        self._ws = ws

    @property
    def ProtectContents(self) -> bool:
        return bool(self._ws.protection.sheet)

    def Unprotect(self, Password: str = "") -> None:
        if not self.ProtectContents:
            raise AssertionError("Unprotect on an unprotected sheet")
        self._ws.protection.sheet = False

    def Protect(self, **options: Any) -> None:
        self._ws.protection.sheet = True


class FakeSheet:
    """Stands for ``xlwings.Sheet``; writing a locked cell of a protected sheet fails like Excel."""

    def __init__(self, book: FakeBook, ws: Worksheet) -> None:
        self._book = book
        self.ws = ws

    @property
    def book(self) -> FakeBook:
        return self._book

    @property
    def name(self) -> str:
        return str(self.ws.title)

    @property
    def api(self) -> FakeSheetApi:
        return FakeSheetApi(self.ws)

    def range(self, cell1: str, cell2: str | None = None) -> FakeRange:
        CALLS["range"] += 1
        return FakeRange(self, cell1 if cell2 is None else f"{cell1}:{cell2}")

    @property
    def used_range(self) -> FakeRange:
        return FakeRange(self, f"A1:{openpyxl.utils.get_column_letter(self.ws.max_column)}{self.ws.max_row}")


class FakeSheets:
    """Stands for ``xlwings.main.Sheets``."""

    def __init__(self, book: FakeBook) -> None:
        self._book = book

    def __getitem__(self, key: str | int) -> FakeSheet:
        wb = self._book.wb
        ws = wb.worksheets[key] if isinstance(key, int) else wb[key]
        return FakeSheet(self._book, ws)

    def __iter__(self) -> Any:
        return iter([FakeSheet(self._book, ws) for ws in self._book.wb.worksheets])

    def __len__(self) -> int:
        return len(self._book.wb.worksheets)

    def add(self, name: str | None = None, before: Any = None, after: Any = None) -> FakeSheet:
        return FakeSheet(self._book, self._book.wb.create_sheet(name))


class FakeBook:
    """Stands for ``xlwings.Book`` opened in Excel from ``fullname``."""

    def __init__(self, path: Path | str, *, loaded_from: Path | None = None) -> None:
        self._fullname = str(path)
        source = loaded_from or Path(path)
        self.wb: Workbook = openpyxl.load_workbook(source)
        self._app = FakeApp()
        self.saves = 0

    @property
    def fullname(self) -> str:
        return self._fullname

    @property
    def app(self) -> FakeApp:
        return self._app

    @property
    def name(self) -> str:
        return Path(self.fullname).name

    @property
    def sheets(self) -> FakeSheets:
        return FakeSheets(self)

    def save(self, path: str | None = None, password: str | None = None) -> None:
        self.saves += 1
        self.wb.save(path or self.fullname)


FAKES_AND_REAL_NAMES = {
    FakeApp: "App",
    FakeBook: "Book",
    FakeSheets: "main.Sheets",
    FakeSheet: "Sheet",
    FakeRange: "Range",
    FakeNote: "main.Note",
}
