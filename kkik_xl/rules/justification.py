"""Justifications read back onto findings: the Kontroll sheet's ``Motivering`` column, or a cell note.

A Kontroll row finds its finding in this order:

1. by its ``Ankare`` (code, column and a hash of the row's values, :mod:`kkik_xl.rules.anchors`):
   the Motivering follows its row wherever the row has moved, and is never given to another row;
2. without an anchor (a Kontroll sheet from before anchors, or a row typed by hand) by Kod + Blad + Cell,
   or Kod + Blad + Mått for a finding without a cell (an empty Mått covers every measure);
3. a row with Cell but without Kod and/or Blad applies to every finding in that cell (on its Blad, or
   on the one sheet that has findings in that cell).

A user's note (Excel comment) on a flagged cell whose text starts with ``Motivering:`` (or
``Motivering -``, any case) justifies the findings of that cell when Kontroll has nothing for it.
Notes written by the marking (author ``kkik-xl``) never do. A Motivering that fits no finding is
reported (:mod:`kkik_xl.rules.orphans`) and kept on Kontroll, never silently moved or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from python_calamine import CalamineWorkbook

from kkik_xl.excel.marking import KONTROLL_SHEET, NOTE_AUTHOR
from kkik_xl.excel.sheet_rows import sheet_rows
from kkik_xl.excel.workbook_text import Note
from kkik_xl.findings import Finding, Severity
from kkik_xl.personnummer import mask_text
from kkik_xl.rules.anchors import RowIndex
from kkik_xl.rules.orphans import Entry, orphan_findings

Key = tuple[str, str, str, str]
"""``(Kod, Blad, Cell, Mått)``; ``Mått`` only counts for findings without a cell (``""`` otherwise)."""
NoteKey = tuple[str, str]
"""``(Blad, Cell)`` of a note."""

_PREFIX = re.compile(r"\s*motivering\s*[:\-–]\s*", re.IGNORECASE)
_FIELDS = {"Kod": "kod", "Blad": "blad", "Cell": "cell", "Mått": "matt", "Värde": "varde", "Ankare": "ankare"}
"""Kontroll headers read into :class:`Entry` fields (``Ankare`` is missing on sheets from before anchors)."""


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read_entries(path: Path | None) -> list[Entry]:
    """Every Kontroll row with a Motivering (empty when the file has no Kontroll sheet)."""
    if path is None or path.suffix.lower() not in (".xlsx", ".xlsm", ".xls", ".ods") or not path.is_file():
        return []
    book = CalamineWorkbook.from_path(str(path))
    if KONTROLL_SHEET not in book.sheet_names:
        return []
    rows = sheet_rows(book, path, KONTROLL_SHEET)
    header = [_text(h) for h in rows[0]] if rows else []
    if "Motivering" not in header or "Cell" not in header:
        return []
    at = {h: header.index(h) for h in (*_FIELDS, "Motivering") if h in header}
    out: list[Entry] = []
    for number, row in enumerate(rows[1:], start=2):
        cells = [_text(v) for v in row]
        get = {h: cells[i] if i < len(cells) else "" for h, i in at.items()}
        if get["Motivering"]:
            fields = {name: get.get(header, "") for header, name in _FIELDS.items()}
            # findings carry masked sheet names and values: compare the Kontroll row's masked too
            fields["blad"], fields["varde"] = mask_text(fields["blad"]), mask_text(fields["varde"])
            out.append(Entry(number, text=get["Motivering"], **fields))
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
    return {(mask_text(n.sheet), n.cell): text for n in notes if (text := note_justification(n)) is not None}


def key(finding: Finding) -> Key:
    """The matching key of a finding: its cell, or its measure when it has no cell."""
    cell = finding.cell or ""
    return (finding.code, finding.sheet or "", cell, "" if cell else finding.measure or "")


def _first_cell(finding: Finding) -> str:
    return (finding.cell or "").split(":")[0]


class _Matcher:
    """Gives each finding the Motivering of its Kontroll row; remembers which rows were used."""

    def __init__(self, entries: Sequence[Entry], findings: Sequence[Finding]) -> None:
        self.used: set[int] = set()
        self.anchored: dict[str, list[int]] = {}
        self.address: dict[Key, int] = {}
        wild: list[int] = []
        self.entries = list(entries)
        for i, e in enumerate(self.entries):
            if e.ankare:
                self.anchored.setdefault(e.ankare, []).append(i)
            elif e.kod and e.blad:
                self.address.setdefault((e.kod, e.blad, e.cell, "" if e.cell else e.matt), i)
            elif e.cell:
                wild.append(i)
        self.wild = self._unambiguous(wild, findings)

    def _unambiguous(self, wild: list[int], findings: Sequence[Finding]) -> dict[tuple[str, str], list[int]]:
        """``(Blad, Cell)`` → wildcard rows that fit findings there, when they fit on one sheet only."""
        out: dict[tuple[str, str], list[int]] = {}
        for i in wild:
            e = self.entries[i]
            fits = {
                f.sheet or ""
                for f in findings
                if _first_cell(f) == e.cell and e.kod in ("", f.code) and e.blad in ("", f.sheet or "")
            }
            if len(fits) == 1:
                out.setdefault((fits.pop(), e.cell), []).append(i)
        return out

    def _by_anchor(self, f: Finding) -> int | None:
        candidates = [i for i in self.anchored.get(f.anchor or "", []) if i not in self.used]
        same_place = [i for i in candidates if self.entries[i].cell == (f.cell or "")]
        best = same_place or candidates
        return best[0] if best else None

    def text(self, f: Finding) -> str | None:
        """The Motivering of ``f`` from Kontroll, marking the row(s) it came from as used."""
        if f.anchor and (i := self._by_anchor(f)) is not None:
            self.used.add(i)
            return self.entries[i].text
        k = key(f)
        i = self.address.get(k, self.address.get((*k[:3], "")) if k[3] else None)
        if i is not None:
            self.used.add(i)
            return self.entries[i].text
        wild = [
            i
            for i in self.wild.get((f.sheet or "", _first_cell(f)), [])
            if self.entries[i].kod in ("", f.code)
        ]
        self.used.update(wild)
        return self.entries[wild[0]].text if wild else None

    def unused(self) -> list[Entry]:
        """Rows that fit no finding, except copies of a used row (same anchor or place, same text)."""
        seen = {self.entries[i].identity() for i in self.used}
        return [e for i, e in enumerate(self.entries) if i not in self.used and e.identity() not in seen]


def attach(
    findings: Iterable[Finding],
    entries: Sequence[Entry],
    notes: Mapping[NoteKey, str] | None = None,
    rows: RowIndex | None = None,
) -> list[Finding]:
    """Findings with their justification (only warnings and infos), plus one per Motivering that fits none."""
    findings = list(findings)
    matcher = _Matcher(entries, findings)
    out: list[Finding] = []
    for f in findings:
        text = matcher.text(f) if entries else None
        if not text and notes and f.cell and f.count is None:  # a summary: Kontroll only
            text = notes.get((f.sheet or "", _first_cell(f)))
        if text and f.severity is not Severity.ERROR:
            f = f.model_copy(update={"justification": text})
        out.append(f)
    return out + orphan_findings(matcher.unused(), rows or RowIndex({}))
