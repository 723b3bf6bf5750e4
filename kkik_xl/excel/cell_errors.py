"""Classifying the cells fastexcel could not convert: Excel errors, text to rescue, wrong types.

fastexcel describes each such cell as ``Expected date but got 'String("igår")'``; the calamine
value kind and its content are taken from that text (:func:`kkik_xl.excel.sheet_load.parse_detail`).
A date-formatted number outside the calendar comes as ``DateTime(ExcelDateTime { value: 1e12, … })``
and is judged by its serial; text with nothing visible in it is an empty cell.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from kkik_xl.catalogue import Column, ColumnType
from kkik_xl.excel import read_codes as rc
from kkik_xl.excel.convert import KIND_SV, CellProblem, parse_cells
from kkik_xl.excel.frames import ExcelErrorCell, Placement
from kkik_xl.excel.sheet_load import RawCell
from kkik_xl.findings import Finding
from kkik_xl.parsing import is_blank

_SERIAL = re.compile(r"value: (?P<serial>[-+0-9.eE]+|NaN|inf|-inf)")
EXCEL_ERRORS = {
    "Div0": "#DIV/0!",
    "NA": "#N/A",
    "Name": "#NAME?",
    "Null": "#NULL!",
    "Num": "#NUM!",
    "Ref": "#REF!",
    "Value": "#VALUE!",
    "GettingData": "#GETTING_DATA",
}


_TEXT_TYPES = (ColumnType.TEXT, ColumnType.CHOICE, ColumnType.JANEJ)


@dataclass(frozen=True)
class TextRescued:
    """Text in a typed cell that parsed: reported as information."""

    pos: int
    column: Column
    text: str
    value: Any

    def finding(self, place: Placement) -> Finding:
        """The info finding for this cell."""
        row = place.first_row + self.pos
        cell = f"{place.letters.get(self.column.name, '?')}{row}"
        shown = self.value.isoformat() if hasattr(self.value, "isoformat") else str(self.value)
        return rc.TEXT_AS_VALUE.finding(
            sheet=place.sheet,
            cell=cell,
            row=row,
            column=self.column.name,
            value=self.text,
            parsed=shown,
            kind=KIND_SV[self.column.type],
        )


def _raw_value(kind: str, body: str) -> Any:
    if kind == "DateTime":
        m = _SERIAL.search(body)
        body, kind = (m["serial"], "Float") if m else (body, kind)
    if kind in ("Int", "Float"):
        try:
            number = float(body)
        except ValueError:
            return body
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "Bool":
        return body == "true"
    return body


def classify_errors(
    cells: Iterable[RawCell], columns: Mapping[int, Column], date1904: bool
) -> tuple[list[CellProblem], list[ExcelErrorCell], dict[str, list[tuple[int, Any]]], list[TextRescued]]:
    """Split the cells fastexcel could not convert into problems, Excel error cells, rescued values
    and infos (text read as a number, date or time)."""
    problems: list[CellProblem] = []
    excel: list[ExcelErrorCell] = []
    rescued: dict[str, list[tuple[int, Any]]] = {}
    infos: list[TextRescued] = []
    for pos, col_index, kind, body in ((c.pos, c.col, c.kind, c.body) for c in cells):
        column = columns.get(col_index)
        if column is None or (kind == "String" and is_blank(body)):
            continue
        if kind == "Error":
            excel.append(ExcelErrorCell(pos, column.name, EXCEL_ERRORS.get(body, f"#{body}")))
            continue
        ok, bad = parse_cells(column, [(pos, _raw_value(kind, body))], date1904=date1904)
        problems.extend(bad)
        if ok:
            rescued.setdefault(column.name, []).append(ok[0])
            if kind == "String" and column.type not in _TEXT_TYPES:
                infos.append(TextRescued(pos, column, body, ok[0][1]))
    return problems, excel, rescued, infos
