"""Template fingerprint: SHA-256 over a workbook's structure, recomputable from a filled-in file.

Covered: sheet names (in order), every Table's name, sheet and headers, every data-validation rule,
the formulas of computed cells (every formula outside the input sheets and ``_meta``) and the
``KKIK_*`` defined names. Not covered: cell values, Table ranges (they grow as rows are filled), the
``_meta`` sheet itself. Formula text is normalised (no ``=``, ``_xlfn.``/``_xlws.`` prefixes or spaces
outside string literals, upper case outside literals) so that a spreadsheet program re-saving a file
does not change the fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import re
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

META_SHEET = "_meta"
_LITERAL = re.compile(r'("(?:[^"]|"")*")')


def normalise_formula(text: str | None) -> str:
    """Canonical form of a formula or validation expression."""
    if text is None:
        return ""
    parts = _LITERAL.split(text.strip().removeprefix("="))
    out = []
    for i, part in enumerate(parts):
        if i % 2:
            out.append(part)
        else:
            part = re.sub(r"_xl(fn|ws)\.", "", part, flags=re.IGNORECASE)
            out.append(re.sub(r"\s+", "", part).upper())
    return "".join(out)


def _tables(ws: Worksheet) -> list[list[Any]]:
    rows = []
    for table in ws.tables.values():
        headers = [c.name for c in table.tableColumns]
        rows.append([ws.title, table.name, headers])
    return sorted(rows)


def _validations(ws: Worksheet) -> list[list[str]]:
    rows = []
    for dv in ws.data_validations.dataValidation:
        rows.append([
            ws.title, str(dv.sqref), str(dv.type or ""), str(dv.operator or ""),
            normalise_formula(dv.formula1), normalise_formula(dv.formula2),
        ])  # fmt: skip
    return sorted(rows)


def _formula_text(value: object) -> str | None:
    if isinstance(value, ArrayFormula):
        return str(value.text)
    if isinstance(value, str) and value.startswith("="):
        return value
    return None


def _formulas(ws: Worksheet) -> list[list[str]]:
    """Formula cells in row order. Only the cells the file holds are visited: ``iter_rows`` would
    create an empty cell for every position up to the last one (millions for one far cell)."""
    rows = []
    for _, cell in sorted(ws._cells.items()):
        text = _formula_text(cell.value)
        if text is not None:
            rows.append([ws.title, cell.coordinate, normalise_formula(text)])
    return rows


def _defined_names(wb: Workbook) -> list[list[str]]:
    names = [[n, normalise_formula(d.attr_text)] for n, d in wb.defined_names.items()]
    return sorted(r for r in names if r[0].upper().startswith("KKIK_"))


def structure(wb: Workbook) -> dict[str, Any]:
    """The fingerprinted structure as plain data (useful to explain a mismatch)."""
    sheets = [ws for ws in wb.worksheets if ws.title != META_SHEET]
    table_sheets = {ws.title for ws in sheets if ws.tables}
    return {
        "sheets": wb.sheetnames,
        "tables": [t for ws in sheets for t in _tables(ws)],
        "validations": [v for ws in sheets for v in _validations(ws)],
        "formulas": [f for ws in sheets if ws.title not in table_sheets for f in _formulas(ws)],
        "names": _defined_names(wb),
    }


def fingerprint(wb: Workbook) -> str:
    """SHA-256 (hex) of :func:`structure` of an openpyxl workbook loaded with formulas (not data_only)."""
    payload = json.dumps(structure(wb), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()
