"""Template fingerprint: SHA-256 over a workbook's structure, recomputable from a filled-in file.

Covered: sheet names (in order), every Table's name, sheet and headers, every data-validation rule,
the formulas of computed cells (every formula outside the input sheets and ``_meta``) and the
``KKIK_*`` defined names. Not covered: cell values, Table ranges (they grow as rows are filled), the
``_meta`` sheet itself. Formula text is normalised (no ``=``, ``_xlfn.``/``_xlws.`` prefixes, spaces or
quotes around sheet names outside string literals, upper case outside literals) so that a spreadsheet
program re-saving a file does not change the fingerprint.

Data validations are compared as a spreadsheet program rewrites them on save (LibreOffice: a bounded
range ``A2:A1001`` for ``A2:A1048576``, ``operator="between"`` written out, a second value ``0`` where
the operator takes none, ``0`` for ``0.0``): each range by its columns and first row, the default
operator made explicit, the second value only for ``between``/``notBetween``, numbers in one form.
Files whose ``_meta`` holds a fingerprint of the earlier, literal rules (templates made before this
normalisation) are still recognised: :func:`fingerprints` gives both.
"""

from __future__ import annotations

import hashlib
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula
from openpyxl.worksheet.worksheet import Worksheet

META_SHEET = "_meta"
_LITERAL = re.compile(r'("(?:[^"]|"")*")')
_QUOTED_SHEET = re.compile(r"'((?:[^']|'')+)'!")  # LibreOffice drops quotes Excel keeps, and back


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
            part = _QUOTED_SHEET.sub(lambda m: m[1].replace("''", "'") + "!", part)
            out.append(re.sub(r"\s+", "", part).upper())
    return "".join(out)


def _tables(ws: Worksheet) -> list[list[Any]]:
    rows = []
    for table in ws.tables.values():
        headers = [c.name for c in table.tableColumns]
        rows.append([ws.title, table.name, headers])
    return sorted(rows)


_RANGED_TYPES = frozenset({"whole", "decimal", "date", "time", "textLength"})
_RANGE = re.compile(r"^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?\d+)?$")


def _area_start(sqref: str) -> str:
    """Each range of a ``sqref`` as its columns and first row (``A2:A1048576`` → ``A2:A``)."""
    out = []
    for part in sqref.split():
        match = _RANGE.match(part.upper())
        out.append(f"{match[1]}{match[2]}:{match[3] or match[1]}" if match else part)
    return " ".join(sorted(out))


def _number(text: str) -> str:
    try:
        return str(Decimal(text).normalize()) if re.fullmatch(r"-?[\d.]+(E[+-]?\d+)?", text) else text
    except InvalidOperation:
        return text


def _validation(ws: Worksheet, dv: Any, literal: bool) -> list[str]:
    kind, operator = str(dv.type or ""), str(dv.operator or "")
    first, second = normalise_formula(dv.formula1), normalise_formula(dv.formula2)
    if literal:
        return [ws.title, str(dv.sqref), kind, operator, first, second]
    operator = (operator or "between") if kind in _RANGED_TYPES else ""
    second = _number(second) if operator in ("between", "notBetween") else ""
    return [ws.title, _area_start(str(dv.sqref)), kind, operator, _number(first), second]


def _validations(ws: Worksheet, literal: bool = False) -> list[list[str]]:
    return sorted(_validation(ws, dv, literal) for dv in ws.data_validations.dataValidation)


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


def structure(wb: Workbook, literal: bool = False) -> dict[str, Any]:
    """The fingerprinted structure as plain data (useful to explain a mismatch).

    ``literal`` keeps data validations as written (the fingerprint of templates made before the
    normalisation described in the module docstring).
    """
    sheets = [ws for ws in wb.worksheets if ws.title != META_SHEET]
    table_sheets = {ws.title for ws in sheets if ws.tables}
    return {
        "sheets": wb.sheetnames,
        "tables": [t for ws in sheets for t in _tables(ws)],
        "validations": [v for ws in sheets for v in _validations(ws, literal)],
        "formulas": [f for ws in sheets if ws.title not in table_sheets for f in _formulas(ws)],
        "names": _defined_names(wb),
    }


def fingerprint(wb: Workbook, literal: bool = False) -> str:
    """SHA-256 (hex) of :func:`structure` of an openpyxl workbook loaded with formulas (not data_only)."""
    payload = json.dumps(structure(wb, literal), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def fingerprints(wb: Workbook) -> tuple[str, str]:
    """The fingerprint, then the literal one of earlier templates: a stored value matching either is valid."""
    return fingerprint(wb), fingerprint(wb, literal=True)
