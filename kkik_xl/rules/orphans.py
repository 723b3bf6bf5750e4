"""KKIK-MA-010/011/012: a Motivering on Kontroll that fits no finding is reported, never moved or dropped.

Each such finding carries the Motivering (so the next marked copy lists it again, in its own row with
the old anchor) and, in ``value``, what the Motivering was written for. A Motivering whose row comes
back (the deletion undone) finds its finding again by the anchor.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kkik_xl.codes import CODES, CodeSpec, register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.anchors import RowIndex

ROW_GONE = register(
    "KKIK-MA-010",
    Severity.ERROR,
    "Motiveringen gäller en rad som inte finns längre",
    "Motiveringen skrevs för {reference} på en rad som inte finns längre eller har ändrats. Den har inte "
    "flyttats till någon annan rad. Skriv den på rätt rad om den fortfarande gäller, och töm sedan "
    "Motivering på den här raden.",
)
NOT_NEEDED = register(
    "KKIK-MA-011",
    Severity.INFO,
    "Motiveringen hör inte till någon avvikelse längre",
    "Motiveringen skrevs för {reference}, som inte längre ger någon avvikelse. Den behövs inte och följer "
    "inte med i inlämningen; töm Motivering på den här raden om du vill ta bort den.",
)
UNUSABLE = register(
    "KKIK-MA-012",
    Severity.INFO,
    "Motiveringen kan inte kopplas till en avvikelse",
    "En motivering på bladet Kontroll kan inte kopplas till någon avvikelse ({reference}). Fyll i Kod, "
    "Blad och Cell som på raderna kkik-xl skrev, eller skriv motiveringen på avvikelsens rad.",
)
ORPHAN_CODES = frozenset(spec.code for spec in (ROW_GONE, NOT_NEEDED, UNUSABLE))


@dataclass(frozen=True)
class Entry:
    """One Kontroll row with a Motivering: its place (``row`` on Kontroll), what it names, and its text."""

    row: int
    kod: str = ""
    blad: str = ""
    cell: str = ""
    matt: str = ""
    varde: str = ""
    ankare: str = ""
    text: str = ""

    def identity(self) -> tuple[str, ...]:
        """What makes two rows the same Motivering (copies from the marked copy and the original)."""
        if self.ankare:
            return (self.ankare, self.text)
        return (self.kod, self.blad, self.cell, self.matt, self.text)

    def reference(self) -> str:
        """What the Motivering was written for: ``KKIK-DA-001 i Placeringar!B3`` (kept across runs)."""
        if self.kod in ORPHAN_CODES:
            return self.varde or "en avvikelse som inte finns längre"
        place = f"{self.blad}!{self.cell}" if self.blad and self.cell else self.blad or self.cell
        measure = f"({self.matt})" if self.matt and not self.cell else ""
        what = " ".join(p for p in (self.kod, measure, f"i {place}" if place else "") if p)
        return what or f"rad {self.row} på bladet Kontroll"


def _reason(entry: Entry) -> str:
    if not entry.cell:
        return "raden saknar Kod, Blad och Cell" if not entry.kod else "raden saknar Blad"
    if entry.blad:
        return f"det finns ingen sådan avvikelse i cellen {entry.cell}"
    return f"cellen {entry.cell} har ingen avvikelse på något blad, eller avvikelser på flera (fyll i Blad)"


def _spec(entry: Entry, rows: RowIndex) -> CodeSpec:
    if entry.ankare:
        return NOT_NEEDED if rows.row_exists(entry.blad, entry.ankare) else ROW_GONE
    if entry.kod in ORPHAN_CODES:
        return CODES[entry.kod]
    return NOT_NEEDED if entry.kod and entry.blad else UNUSABLE


def orphan(entry: Entry, rows: RowIndex) -> Finding:
    """The finding that reports ``entry``'s Motivering (it carries the text and the anchor forward)."""
    spec = _spec(entry, rows)
    reference = entry.reference()
    if spec is UNUSABLE and entry.kod not in ORPHAN_CODES:
        reference = f"{reference}: {_reason(entry)}"
    found = spec.finding(
        sheet=entry.blad or None, measure=entry.matt or None, value=reference, reference=reference
    )
    return found.model_copy(update={"justification": entry.text, "anchor": entry.ankare or None})


def orphan_findings(entries: Iterable[Entry], rows: RowIndex) -> list[Finding]:
    """One finding per Kontroll Motivering that fits no finding."""
    return [orphan(e, rows) for e in entries]
