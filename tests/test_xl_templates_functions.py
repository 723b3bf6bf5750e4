"""The shipped templates' Resultat sheets call only KKIK_ worksheet functions that exist."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from kkik_xl.xl.udfs import ALL_FUNCTIONS

TEMPLATES = sorted((Path(__file__).parent.parent / "workbook_templates").glob("*.xlsx"))
CALL = re.compile(r"\b(KKIK_\w+)\s*\(", re.IGNORECASE)


def resultat_formulas(path: Path) -> list[str]:
    wb = load_workbook(path)
    ws = wb["Resultat"]
    texts = []
    for row in ws.iter_rows():
        for cell in row:
            value = cell.value
            text = getattr(value, "text", value)  # array formulas are ArrayFormula objects
            if isinstance(text, str) and text.startswith("="):
                texts.append(text)
    return texts


def test_templates_are_there() -> None:
    assert len(TEMPLATES) >= 9


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_resultat_calls_only_existing_functions(path: Path) -> None:
    calls = {name for f in resultat_formulas(path) for name in CALL.findall(f)}
    assert {c.upper() for c in calls} <= set(ALL_FUNCTIONS)
    assert calls == {c.upper() for c in calls}, "Excel names are case-insensitive, but keep one spelling"


def test_some_template_really_calls_a_udf() -> None:
    """Guards the scan itself: at least one measure (U21401) is previewed through the add-in."""
    calls = {name for p in TEMPLATES for f in resultat_formulas(p) for name in CALL.findall(f)}
    assert "KKIK_U21401" in calls
