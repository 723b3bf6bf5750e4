"""Justifications written in the Kontroll sheet's ``Motivering`` column, read back onto findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from python_calamine import CalamineWorkbook

from kkik_xl.excel.marking import KONTROLL_SHEET
from kkik_xl.findings import Finding, Severity

Key = tuple[str, str, str, str]
"""``(Kod, Blad, Cell, Mått)``; ``Mått`` only counts for findings without a cell (``""`` otherwise)."""


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


def key(finding: Finding) -> Key:
    """The matching key of a finding: its cell, or its measure when it has no cell."""
    cell = finding.cell or ""
    return (finding.code, finding.sheet or "", cell, "" if cell else finding.measure or "")


def justification_for(finding: Finding, justifications: dict[Key, str]) -> str | None:
    """The finding's Motivering; a cell-less row without Mått applies to every measure of its sheet."""
    k = key(finding)
    return justifications.get(k) or (justifications.get((*k[:3], "")) if k[3] else None)


def attach(findings: Iterable[Finding], justifications: dict[Key, str]) -> list[Finding]:
    """Findings with their justification attached (only warnings and infos can be justified)."""
    out: list[Finding] = []
    for f in findings:
        text = justification_for(f, justifications) if justifications else None
        if text and f.severity is not Severity.ERROR:
            f = f.model_copy(update={"justification": text})
        out.append(f)
    return out
