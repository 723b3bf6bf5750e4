"""The demo's correction loop in the marked copy: a second ``--mark``, a deleted row, every Motivering kept.

A user motivates each warning beside it in the marked copy (the working file), marks the original once
more by mistake (the Motiveringar are carried over), deletes a data row above other motivated rows and
validates the marked copy again: the Motiveringar follow their rows, the deleted row's one is reported
(KKIK-MA-010) and emptied by the user. The loop fails unless every Motivering ends on its own row.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import openpyxl

from kkik_xl.atomic import save_with
from kkik_xl.demo import workbooks
from kkik_xl.demo.runner import DemoError
from kkik_xl.excel.marking import KONTROLL_HEADERS, KONTROLL_SHEET
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.orphans import ROW_GONE

Validate = Callable[[Path, str], list[Finding]]


def numbered(text: str) -> Callable[[Finding], str]:
    """``reason(finding)``: ``text`` with a running number, so that each Motivering can be told apart."""
    count = iter(range(1, 1_000_000))
    return lambda _f: f"{text} (motivering {next(count)})"


def anchors_of(path: Path) -> dict[str, str]:
    """Motivering → the anchor beside it on Kontroll (what it was written for)."""
    ws = openpyxl.load_workbook(path, read_only=True)[KONTROLL_SHEET]
    at = {h: i for i, h in enumerate(KONTROLL_HEADERS)}
    rows = ws.iter_rows(min_row=2, values_only=True)
    return {str(r[at["Motivering"]]): str(r[at["Ankare"]] or "") for r in rows if r[at["Motivering"]]}


def row_to_delete(findings: list[Finding]) -> tuple[str, int] | None:
    """(sheet, row) of the first motivated row with another motivated row below it on the same sheet."""
    rows = sorted({(f.sheet, f.row) for f in findings if f.justification and f.anchor and f.sheet and f.row})
    for (sheet, row), (next_sheet, _) in pairwise(rows):
        if sheet == next_sheet and sheet is not None and row is not None:
            return sheet, row
    return None


def delete_row(path: Path, sheet: str, row: int) -> None:
    """Delete one worksheet row, as a user does (the rows below move up)."""
    wb = openpyxl.load_workbook(path)
    wb[sheet].delete_rows(row)
    save_with(path, wb.save)


def empty_orphans(path: Path) -> int:
    """Empty the Motivering of every KKIK-MA-010 row: the user deleted that row on purpose."""
    wb = openpyxl.load_workbook(path)
    ws = wb[KONTROLL_SHEET]
    kod, motivering = KONTROLL_HEADERS.index("Kod") + 1, KONTROLL_HEADERS.index("Motivering") + 1
    emptied = 0
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, kod).value == ROW_GONE.code and ws.cell(r, motivering).value:
            ws.cell(r, motivering).value = None
            emptied += 1
    save_with(path, wb.save)
    return emptied


def check_own_rows(findings: list[Finding], written: dict[str, str], where: str) -> int:
    """Raise unless every Motivering sits on the finding it was written for; return how many there are."""
    wrong = [f for f in findings if f.justification and written.get(f.justification, f.anchor) != f.anchor]
    if wrong:
        f = wrong[0]
        raise DemoError(f"{where}: motiveringen ”{f.justification}” hamnade på fel rad ({f.cell}).")
    return sum(bool(f.justification) for f in findings)


def loop(validate: Validate, original: Path, marked: Path, reason: str) -> list[str]:
    """Run the loop on ``marked`` (absolute paths); return Swedish lines for the summary."""
    written = anchors_of(marked)
    kept = check_own_rows(validate(original, "markera_originalet_igen"), written, original.name)
    findings = validate(marked, "validera_markerade_kopian")
    place = row_to_delete(findings)
    if place is None:
        raise DemoError(f"{marked.name}: ingen motiverad rad att ta bort i demon.")
    delete_row(marked, *place)
    after = validate(marked, "validera_efter_borttagen_rad")
    gone = [f for f in after if f.code == ROW_GONE.code]
    if len(gone) != 1:
        raise DemoError(f"{marked.name}: motiveringen till den borttagna raden rapporterades inte.")
    emptied = empty_orphans(marked)
    workbooks.justify(marked, after, numbered(f"{reason} Ny varning efter borttagen rad"))
    written |= anchors_of(marked)
    final = validate(marked, "validera_sista_gangen")
    if any(f.severity is Severity.ERROR for f in final):
        raise DemoError(f"{marked.name}: fel finns kvar efter att raden togs bort.")
    own = check_own_rows(final, written, marked.name)
    return [
        f"{original.name} markerades igen: {kept} motiveringar fördes över till den markerade kopian.",
        f"{marked.name}: rad {place[1]} på {place[0]} togs bort; {own} motiveringar följde sina rader och "
        f"{emptied} motivering till den borttagna raden rapporterades ({ROW_GONE.code}) och tömdes.",
    ]
