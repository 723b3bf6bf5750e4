"""Classifying the cells fastexcel could not convert: Excel errors, text to rescue, wrong types.

fastexcel describes each such cell as ``Expected date but got 'String("igår")'``; the calamine
value kind and its content are taken from that text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kkik_xl.catalogue import Column
from kkik_xl.excel import read_codes as rc
from kkik_xl.excel.convert import KIND_SV, CellProblem, parse_cells
from kkik_xl.excel.frames import ExcelErrorCell, Placement
from kkik_xl.findings import Finding

_DETAIL = re.compile(r"got '(?P<kind>\w+)\((?P<body>.*)\)'?\s*$", re.DOTALL)
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


def parse_detail(detail: str) -> tuple[str, str]:
    """``(kind, content)`` of a fastexcel error detail, e.g. ``("String", "igår")``."""
    m = _DETAIL.search(detail)
    if m is None:
        return "Unknown", detail
    kind, body = m["kind"], m["body"]
    if kind == "String":
        try:
            body = json.loads(body)
        except ValueError:
            body = body.strip('"')
    return kind, body


def _raw_value(kind: str, body: str) -> Any:
    if kind in ("Int", "Float"):
        try:
            return float(body)
        except ValueError:
            return body
    if kind == "Bool":
        return body == "true"
    return body


def classify_errors(
    errors: Any, columns: Mapping[int, Column], date1904: bool
) -> tuple[list[CellProblem], list[ExcelErrorCell], dict[str, list[tuple[int, Any]]], list[TextRescued]]:
    """Split fastexcel's cell errors into problems, Excel error cells, rescued values and infos."""
    problems: list[CellProblem] = []
    excel: list[ExcelErrorCell] = []
    rescued: dict[str, list[tuple[int, Any]]] = {}
    infos: list[TextRescued] = []
    for err in errors.errors if errors is not None else []:
        pos, col_index = err.offset_position
        column = columns.get(col_index)
        if column is None:
            continue
        kind, body = parse_detail(err.detail)
        if kind == "Error":
            excel.append(ExcelErrorCell(pos, column.name, EXCEL_ERRORS.get(body, f"#{body}")))
            continue
        ok, bad = parse_cells(column, [(pos, _raw_value(kind, body))], date1904=date1904)
        problems.extend(bad)
        if ok:
            rescued.setdefault(column.name, []).append(ok[0])
            if kind == "String":
                infos.append(TextRescued(pos, column, body, ok[0][1]))
    return problems, excel, rescued, infos
