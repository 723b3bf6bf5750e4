"""The demo's department workbooks: filled from the shipped examples, with a few deliberate mistakes.

The mistakes are what a department really sends in: a date typed as text, a personnummer in a free-text
comment, an application date after the offered date and an impossible age. The correction step restores
every row that validation flagged from the department's source rows, so the demo only succeeds when
validation found every mistake.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from datetime import date, timedelta
from pathlib import Path

import openpyxl

from kkik_xl.atomic import save_with
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.demo.examples import EXAMPLES
from kkik_xl.excel.example_rows import Row
from kkik_xl.excel.marking import KONTROLL_HEADERS, KONTROLL_SHEET
from kkik_xl.excel.template_examples import template_rows
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.findings import Finding, Severity
from kkik_xl.personnummer import luhn_check_digit

Rows = dict[str, list[Row]]
CONTACT_ROLE = "Enhetschef"
CONTACT_ROLE_CELL = "B7"


def fictional_personnummer() -> str:
    """19121212-1212 (Tolvan Tolvansson): a well-known fictional test personnummer, valid check digit."""
    nine = "121212121"
    return f"19{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}"


def clean_rows(template_id: str, year: int) -> Rows:
    """The department's source rows: the shipped example files of the template."""
    return template_rows(CATALOGUE.template(template_id), year, EXAMPLES)


def _forskola(rows: Rows) -> None:
    placeringar = rows["Placeringar"]
    placeringar[3]["Önskat placeringsdatum"] = "5 mars"
    placeringar[7]["Kommentar"] = f"Ring vårdnadshavare, pnr {fictional_personnummer()}"


def _sarskilt_boende(rows: Rows) -> None:
    ansokningar = rows["Ansokningar"]
    offered = ansokningar[1]["Erbjudet inflyttningsdatum"]
    if isinstance(offered, date):
        ansokningar[1]["Ansökningsdatum"] = offered + timedelta(days=12)
    ansokningar[4]["Ålder vid ansökan"] = 200


MISTAKES = {"forskola": _forskola, "sarskilt-boende": _sarskilt_boende}


def with_mistakes(template_id: str, rows: Rows) -> Rows:
    """A deep copy of ``rows`` with the template's deliberate mistakes (unchanged when it has none)."""
    out = copy.deepcopy(rows)
    if template_id in MISTAKES:
        MISTAKES[template_id](out)
    return out


def fill(blank: Path, target: Path, rows: Rows, kommun: str) -> Path:
    """Fill a copy of the blank template with rows, municipality and contact role (never a name)."""
    fill_template(blank, target, rows, kommun=kommun)
    wb = openpyxl.load_workbook(target)
    wb["Uppgifter"][CONTACT_ROLE_CELL] = CONTACT_ROLE
    save_with(target, wb.save)
    return target


def rows_to_restore(findings: Iterable[Finding]) -> dict[str, set[int]]:
    """Per sheet, the worksheet rows of every error finding (what the department looks up and re-enters)."""
    out: dict[str, set[int]] = {}
    for f in findings:
        if f.severity is Severity.ERROR and f.sheet and f.row:
            out.setdefault(f.sheet, set()).add(f.row)
    return out


def corrected(template_id: str, typed: Rows, clean: Rows, findings: Iterable[Finding]) -> Rows:
    """``typed`` with every flagged row replaced by the source row (row 2 of a sheet = index 0)."""
    out = copy.deepcopy(typed)
    sheets = {t.sheet: t.name for t in CATALOGUE.template(template_id).tables}
    for sheet, rows in rows_to_restore(findings).items():
        table = sheets.get(sheet)
        for row in rows:
            if table is not None and 0 <= row - 2 < len(clean[table]):
                out[table][row - 2] = dict(clean[table][row - 2])
    return out


def justify(path: Path, findings: Iterable[Finding], reason: str | Callable[[Finding], str]) -> int:
    """Write a Motivering (``reason``, or ``reason(finding)``) for every unjustified warning on Kontroll.

    The Motivering goes beside the warning's row when Kontroll lists it (a marked copy), else on a new
    row with Kod, Blad and Cell. Returns how many warnings were justified.
    """
    warnings = [f for f in findings if f.severity is Severity.WARNING and not f.justification]
    wb = openpyxl.load_workbook(path)
    ws = wb[KONTROLL_SHEET]
    col = {h: i + 1 for i, h in enumerate(KONTROLL_HEADERS)}
    listed = {
        tuple(str(ws.cell(r, col[h]).value or "") for h in ("Kod", "Blad", "Cell", "Mått")): r
        for r in range(2, ws.max_row + 1)
    }
    free = max([1, *(r for r in listed.values() if ws.cell(r, col["Kod"]).value)]) + 1
    for f in warnings:
        text = reason if isinstance(reason, str) else reason(f)
        row = listed.get((f.code, f.sheet or "", f.cell or "", f.measure or ""))
        if row is None:
            row, free = free, free + 1
            for header, value in (("Kod", f.code), ("Blad", f.sheet), ("Cell", f.cell)):
                ws.cell(row, col[header], value)
        ws.cell(row, col["Motivering"], text)
    save_with(path, wb.save)
    return len(warnings)
