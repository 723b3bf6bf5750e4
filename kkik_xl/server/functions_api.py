"""``POST /api/functions/{NAME}``: the worksheet functions over HTTP, in Office.js conventions.

Arguments arrive as Office.js custom functions pass them: dates as serial numbers, ranges as lists
of rows, blank cells as ``""``. They are turned into what xlwings passes (a column as a flat list,
a block as rows, ``None`` for blanks) and handed to the same definitions as the xlwings UDFs
(:mod:`kkik_xl.xl.definitions`). A date result is returned as a serial number, as Excel stores it.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

from kkik_xl.server.errors import ApiError
from kkik_xl.xl.definitions import FunctionDef, call, find

EXCEL_EPOCH = date(1899, 12, 30)


def _blank(value: Any) -> Any:
    return None if value == "" else value


def _rows(value: Any) -> list[list[Any]]:
    if isinstance(value, list):
        return [[_blank(v) for v in row] if isinstance(row, list) else [_blank(row)] for row in value]
    return [[_blank(value)]]


def argument(value: Any, ndim: int | None) -> Any:
    """One Office.js argument in the shape the definitions take (xlwings' shape)."""
    rows = _rows(value)
    if ndim == 2:
        return rows
    cells = [v for row in rows for v in row]
    if ndim == 1:
        return cells
    if len(cells) != 1:
        raise ApiError(422, "Argumentet ska vara ett enda värde, inte ett område.")
    return cells[0]


def result(value: Any) -> Any:
    """The cell value as JSON: dates as serial numbers, non-finite numbers as text."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return (value - EXCEL_EPOCH).days
    if isinstance(value, float) and not math.isfinite(value):
        return "Inget värde."
    return value


def definition(name: str) -> FunctionDef:
    """The definition for ``NAME`` (with or without ``KKIK_``), or 404 in Swedish."""
    found = find(name)
    if found is None:
        raise ApiError(404, f"Funktionen {name[:40]} finns inte. Se /openapi.json och docs/api.md.")
    return found


def evaluate(name: str, args: list[Any]) -> Any:
    """``{"result": ...}`` for a call of function ``name``."""
    fn = definition(name)
    values = [argument(v, fn.args[i][2] if i < len(fn.args) else None) for i, v in enumerate(args)]
    return result(call(fn, values))
