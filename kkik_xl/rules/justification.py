"""Justifications read back onto findings: the Kontroll sheet's ``Motivering`` column, or a cell note.

A user's note (Excel comment) on a flagged cell whose text starts with ``Motivering:`` (or
``Motivering -``, any case) justifies the findings of that cell. Notes written by the marking
(author ``kkik-xl``) never do, and a justification on the Kontroll sheet wins over a note.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from python_calamine import CalamineWorkbook

from kkik_xl.excel.marking import KONTROLL_SHEET, NOTE_AUTHOR
from kkik_xl.excel.workbook_text import Note
from kkik_xl.findings import Finding, Severity

Key = tuple[str, str, str, str]
"""``(Kod, Blad, Cell, Mått)``; ``Mått`` only counts for findings without a cell (``""`` otherwise)."""
NoteKey = tuple[str, str]
"""``(Blad, Cell)`` of a note."""

_PREFIX = re.compile(r"\s*motivering\s*[:\-–]\s*", re.IGNORECASE)


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read_justifications(path: Path) -> dict[Key, str]:
    """``(Kod, Blad, Cell, Mått) → Motivering`` from the Kontroll sheet (empty when there is none)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".ods"):
        return {}
    book = CalamineWorkbook.from_path(str(path))
    if KONTROLL_SHEET not in book.sheet_names:
        return {}
    rows = book.get_sheet_by_name(KONTROLL_SHEET).to_python(skip_empty_area=False)
    if not rows:
        return {}
    header = [_text(h) for h in rows[0]]
    try:
        kod, blad, cell, motivering = (header.index(h) for h in ("Kod", "Blad", "Cell", "Motivering"))
    except ValueError:
        return {}
    matt = header.index("Mått") if "Mått" in header else None
    out: dict[Key, str] = {}
    for row in rows[1:]:
        cells = [_text(v) for v in row] + [""] * len(header)
        if cells[motivering]:
            measure = cells[matt] if matt is not None and not cells[cell] else ""
            out[(cells[kod], cells[blad], cells[cell], measure)] = cells[motivering]
    return out


def note_justification(note: Note) -> str | None:
    """The justification a note gives: its text after ``Motivering:``, else ``None``.

    Excel starts a new note with its author's name (``Anna Svensson:`` on a line of its own); that line
    is skipped. A note by the marking (author ``kkik-xl``) is never a justification.
    """
    author = note.author.strip()
    if author.casefold() == NOTE_AUTHOR:
        return None
    text = note.text.strip()
    if author and text.startswith(f"{author}:"):
        text = text[len(author) + 1 :]
    match = _PREFIX.match(text)
    rest = text[match.end() :].strip() if match else ""
    return rest or None


def note_justifications(notes: Iterable[Note]) -> dict[NoteKey, str]:
    """``(Blad, Cell) → Motivering`` from the users' notes that start with ``Motivering:``."""
    return {(n.sheet, n.cell): text for n in notes if (text := note_justification(n)) is not None}


def key(finding: Finding) -> Key:
    """The matching key of a finding: its cell, or its measure when it has no cell."""
    cell = finding.cell or ""
    return (finding.code, finding.sheet or "", cell, "" if cell else finding.measure or "")


def justification_for(
    finding: Finding, justifications: Mapping[Key, str], notes: Mapping[NoteKey, str] | None = None
) -> str | None:
    """The finding's Motivering: the Kontroll sheet's, else the note on its (first) cell.

    On Kontroll, a cell-less row without Mått applies to every measure of its code and sheet.
    """
    k = key(finding)
    text = justifications.get(k) or (justifications.get((*k[:3], "")) if k[3] else None)
    if text or not notes or not finding.cell or finding.count is not None:  # a summary: Kontroll only
        return text
    return notes.get((finding.sheet or "", finding.cell.split(":")[0]))


def attach(
    findings: Iterable[Finding],
    justifications: Mapping[Key, str],
    notes: Mapping[NoteKey, str] | None = None,
) -> list[Finding]:
    """Findings with their justification attached (only warnings and infos can be justified)."""
    out: list[Finding] = []
    for f in findings:
        text = justification_for(f, justifications, notes) if justifications or notes else None
        if text and f.severity is not Severity.ERROR:
            f = f.model_copy(update={"justification": text})
        out.append(f)
    return out
