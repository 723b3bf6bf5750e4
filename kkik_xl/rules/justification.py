"""Justifications written in the Kontroll sheet's ``Motivering`` column, read back onto findings."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from python_calamine import CalamineWorkbook

from kkik_xl.excel.marking import KONTROLL_SHEET
from kkik_xl.findings import Finding, Severity

Key = tuple[str, str, str]


def _text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value).strip()


def read_justifications(path: Path) -> dict[Key, str]:
    """``(Kod, Blad, Cell) → Motivering`` from the Kontroll sheet (empty when there is none)."""
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
    out: dict[Key, str] = {}
    for row in rows[1:]:
        cells = [_text(v) for v in row] + [""] * len(header)
        if cells[motivering]:
            out[(cells[kod], cells[blad], cells[cell])] = cells[motivering]
    return out


def key(finding: Finding) -> Key:
    """The matching key of a finding."""
    return (finding.code, finding.sheet or "", finding.cell or "")


def attach(findings: Iterable[Finding], justifications: dict[Key, str]) -> list[Finding]:
    """Findings with their justification attached (only warnings and infos can be justified)."""
    out: list[Finding] = []
    for f in findings:
        text = justifications.get(key(f))
        if text and f.severity is not Severity.ERROR:
            f = f.model_copy(update={"justification": text})
        out.append(f)
    return out
