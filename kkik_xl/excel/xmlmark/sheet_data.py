"""Streaming patch of a sheet's ``<sheetData>``: new style ids on the marked cells, nothing else.

The part is read a chunk at a time and only the rows that hold a marked cell are parsed; the other
rows are copied as bytes. A marked cell that the file does not store (an empty cell) is inserted in
column order, with the style the cell shows (its row's or its column's format). ``None`` as the
action clears an earlier mark (only the fill, and only when it is a marking colour).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache

from kkik_xl.excel.columns import col_index, col_letter
from kkik_xl.excel.structure_copy import SHEET_DATA_OPEN
from kkik_xl.excel.xmlmark.package import Unsupported
from kkik_xl.findings import Severity

Action = Severity | None
Restyle = Callable[[int, Action], int]
Write = Callable[[bytes], object]

_ROW = re.compile(rb"<row\b([^>]*?)(?:/>|>(.*?)</row>)", re.S)
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_ROW_R = re.compile(rb'\sr="(\d+)"')
_CELL_R = re.compile(rb'\sr="([A-Z]{1,3})(\d+)"')
_S = re.compile(rb'\ss="(\d+)"')
_SPANS = re.compile(rb'\sspans="[^"]*"')
_COL = re.compile(rb"<col\b[^>]*>")
_ATTR = re.compile(rb'(\w+)="([^"]*)"')


def column_number(letters: str) -> int:
    """Excel's 1-based column number, as ``<col min max>`` and the marks use it: ``A`` → 1, ``AA`` → 27."""
    return col_index(letters) + 1


@cache
def column_letters(number: int) -> str:
    """The letters of 1-based column ``number``: 1 → ``A``, 27 → ``AA``."""
    return col_letter(number - 1)


def column_attributes(head: bytes) -> dict[int, dict[str, str]]:
    """Column number → the attributes of its ``<col>`` (``style``, ``width``, …) in the sheet's head."""
    out: dict[int, dict[str, str]] = {}
    for m in _COL.finditer(head):
        attrs = {k.decode(): v.decode() for k, v in _ATTR.findall(m[0])}
        if "min" in attrs:
            first = int(attrs["min"])
            for c in range(first, int(attrs.get("max", first)) + 1):
                out[c] = attrs
    return out


def column_styles(head: bytes) -> dict[int, int]:
    """Column number → style id from the ``<cols>`` of the sheet's head."""
    return {c: int(a["style"]) for c, a in column_attributes(head).items() if "style" in a}


def _style(start_tag: bytes) -> int:
    m = _S.search(start_tag)
    return int(m[1]) if m else 0


def _set_style(start_tag: bytes, style: int) -> bytes:
    if _S.search(start_tag):
        return _S.sub(b' s="%d"' % style, start_tag, count=1)
    return start_tag + b' s="%d"' % style


@dataclass
class SheetPatch:
    """Marks for one sheet: row → column index → action; run with :meth:`run`."""

    cells: Mapping[int, Mapping[int, Action]]
    restyle: Restyle
    edit_tail: Callable[[bytes], bytes] = lambda tail: tail
    col_styles: dict[int, int] = field(default_factory=dict)
    tail: bytes = b""

    def run(self, chunks: Iterator[bytes], write: Write) -> None:
        """Copy the sheet from ``chunks`` to ``write`` with the marks applied."""
        self._rows = sorted(self.cells)
        self._next = 0
        buffer = self._head(chunks, write)
        while (end := buffer.find(b"</sheetData>")) < 0:
            cut = buffer.rfind(b"<row")
            if cut > 0:
                write(self._segment(buffer[:cut]))
                buffer = buffer[cut:]
            chunk = next(chunks, b"")
            if not chunk:
                raise Unsupported("bladet saknar </sheetData>")
            buffer += chunk
        write(self._segment(buffer[:end]) + self._rest())
        self.tail = buffer[end:] + b"".join(chunks)
        write(self.edit_tail(self.tail))

    def _head(self, chunks: Iterator[bytes], write: Write) -> bytes:
        buffer = b""
        while (m := SHEET_DATA_OPEN.search(buffer)) is None:
            chunk = next(chunks, b"")
            if not chunk:
                raise Unsupported("bladet saknar <sheetData>")
            buffer += chunk
        head = buffer[: m.start()]
        if re.search(rb"<\w+:worksheet\b", head):
            raise Unsupported("blad med prefix")
        self.col_styles = column_styles(head)
        if m[1]:  # <sheetData/>: no rows at all
            write(head + b"<sheetData>")
            return b"</sheetData>" + buffer[m.end() :]
        write(buffer[: m.end()])
        return buffer[m.end() :]

    def _segment(self, segment: bytes) -> bytes:
        """Whole rows: copied unless one of them (or a gap before one) is to be marked."""
        if self._next >= len(self._rows):
            return segment
        last = segment.rfind(b"<row")
        m = _ROW_R.search(segment, last) if last >= 0 else None
        if m is None or self._rows[self._next] > int(m[1]):
            return segment
        out, pos = [], 0
        for row in _ROW.finditer(segment):
            r = _ROW_R.search(row[1])
            if r is None:
                raise Unsupported("rad utan radnummer")
            out += [segment[pos : row.start()], self._new_rows_before(int(r[1]))]
            marked = self._next < len(self._rows) and self._rows[self._next] == int(r[1])
            out.append(self._patch_row(row, int(r[1])) if marked else row[0])
            self._next += marked
            pos = row.end()
        out.append(segment[pos:])
        return b"".join(out)

    def _new_rows_before(self, r: int | None) -> bytes:
        out = []
        while self._next < len(self._rows) and (r is None or self._rows[self._next] < r):
            row = self._rows[self._next]
            cells = self._new_cells(row, self.cells[row], None)
            if cells:
                out.append(b'<row r="%d">%s</row>' % (row, cells))
            self._next += 1
        return b"".join(out)

    def _rest(self) -> bytes:
        return self._new_rows_before(None)

    def _new_cells(self, row: int, todo: Mapping[int, Action], row_style: int | None) -> bytes:
        """Empty cells to insert (in column order) for marked columns the file does not store."""
        out = []
        for col in sorted(todo):
            action = todo[col]
            if action is not None:
                base = row_style if row_style is not None else self.col_styles.get(col, 0)
                ref = b"%s%d" % (column_letters(col).encode(), row)
                out.append(b'<c r="%s" s="%d"/>' % (ref, self.restyle(base, action)))
        return b"".join(out)

    def _patch_row(self, row: re.Match[bytes], r: int) -> bytes:
        attrs, body = row[1], row[2] or b""
        todo = self.cells[r]
        custom = b'customFormat="1"' in attrs or b'customFormat="true"' in attrs
        row_style = _style(attrs) if custom else None
        out, pos, done = [], 0, 0
        for cell in _CELL.finditer(body):
            ref = _CELL_R.search(cell[1])
            if ref is None:
                raise Unsupported("cell utan referens")
            col = column_number(ref[1].decode())
            between = {c: a for c, a in todo.items() if done < c < col}
            out += [body[pos : cell.start()], self._new_cells(r, between, row_style)]
            out.append(self._restyle_cell(cell, todo[col]) if col in todo else cell[0])
            pos, done = cell.end(), col
        after = {c: a for c, a in todo.items() if c > done}
        out += [body[pos:], self._new_cells(r, after, row_style)]
        new_body = b"".join(out)
        if new_body == body:
            return row[0]
        return b"<row" + _SPANS.sub(b"", attrs) + b">" + new_body + b"</row>"

    def _restyle_cell(self, cell: re.Match[bytes], action: Action) -> bytes:
        old = _style(cell[1])
        new = self.restyle(old, action)
        if new == old:
            return cell[0]
        return b"<c" + _set_style(cell[1], new) + cell[0][len(cell[1]) + 2 :]
