"""KKIK-PN-010: personnummer in a part of the file that no cell shows (error, masked).

The package scan (:mod:`kkik_xl.excel.package_text`) names each place in Swedish: the sheet name, a
header or footer, a document property, a data-validation list, a hyperlink, a chart, a text box, a
formula, a shared string no cell uses, a threaded comment, a note's author, an embedded file, a pivot
or external-link cache… A copy of what cells show (shared strings, caches, Table headers) is reported
only when the number was not already found in a cell. A whole number that a cell's number format shows
as a personnummer is a cell finding (``KKIK-PN-001``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from kkik_xl.codes import register
from kkik_xl.excel.package_places import PartText
from kkik_xl.excel.package_text import package_texts
from kkik_xl.findings import Finding, Severity
from kkik_xl.personnummer import PersonnummerMatch, find_personnummer, mask_text

IN_PART = register(
    "KKIK-PN-010",
    Severity.ERROR,
    "Personnummer i filens övriga delar",
    "{place}{where} innehåller {what} ({value}). Personuppgifter får inte finnas någonstans i filen, inte "
    "heller där cellerna inte syns: ta bort det där och spara filen igen.",
)
CONTEXT = 40  # characters shown on each side of the number
CellFinding = Callable[[str, str, str], Finding | None]


def what(found: list[PersonnummerMatch]) -> str:
    """``ett samordningsnummer`` when every number is one, else ``ett personnummer``."""
    return "ett samordningsnummer" if all(m.samordningsnummer for m in found) else "ett personnummer"


def excerpt(text: str, found: list[PersonnummerMatch]) -> str:
    """The text around the first number, masked, at most about 2 × :data:`CONTEXT` characters."""
    start, end = max(found[0].start - CONTEXT, 0), min(found[-1].end + CONTEXT, len(text))
    if end - start > 4 * CONTEXT:
        end = min(found[0].end + CONTEXT, len(text))
    shown = "".join(c if c.isprintable() else " " for c in mask_text(text[start:end]))
    return ("…" if start else "") + " ".join(shown.split()) + ("…" if end < len(text) else "")


def _part_finding(item: PartText, found: list[PersonnummerMatch]) -> Finding:
    where = f" på bladet {item.sheet}" if item.sheet else ""
    where += f" (cell {item.cell})" if item.cell else ""
    return IN_PART.finding(
        sheet=item.sheet, cell=item.cell, place=item.place, where=where, what=what(found),
        value=excerpt(item.text, found),
    )  # fmt: skip


def package_findings(path: Path, seen: set[str], cell_finding: CellFinding) -> list[Finding]:
    """Findings for the package's texts; ``seen`` holds the ten-digit numbers the cells already had."""
    return list(_findings(package_texts(path), seen, cell_finding))


def _findings(items: Iterable[PartText], seen: set[str], cell_finding: CellFinding) -> Iterable[Finding]:
    for item in items:
        found = find_personnummer(item.text)
        numbers = {m.digits for m in found}
        if not found or (item.mirror and numbers <= seen):
            continue
        if item.shown_in_cell:
            if item.sheet and item.cell and not numbers <= seen:
                f = cell_finding(item.sheet, item.cell, item.text)
                yield from [f] if f is not None else []
            continue
        yield _part_finding(item, found)
