"""docs/definitioner.md, "Guiden, vår läsning och valen": one row per rule, every engine parameter."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.measures.settings import SETTINGS

DOC = Path(__file__).parent.parent / "docs" / "definitioner.md"
GUIDE = Path("/work/shared/reference/kkik-guide-2014.txt")


def _table() -> list[list[str]]:
    text = DOC.read_text(encoding="utf-8").split("## Guiden, vår läsning och valen", 1)[1].split("\n## ")[0]
    lines = [ln for ln in text.splitlines() if ln.startswith("| ") and not ln.startswith("| Mått")]
    return [[cell.strip() for cell in ln.strip("|").split(" | ")] for ln in lines]


ROWS = _table()


def test_every_row_has_six_cells() -> None:
    assert ROWS and all(len(r) == 6 for r in ROWS)


def test_every_engine_parameter_has_a_row_with_its_default() -> None:
    documented = {p.strip("`"): row[5] for row in ROWS for p in re.findall(r"`[a-z_]+`", row[4])}
    parameters = set(SETTINGS) | {p.name for t in CATALOGUE.templates for p in t.parameters}
    assert parameters <= set(documented)
    for name, setting in SETTINGS.items():
        assert documented[name] == f"`{setting.default}`", name


@pytest.mark.skipif(not GUIDE.exists(), reason="the KKiK guide is not on this machine")
def test_every_quote_is_the_guides_sentence() -> None:
    guide = " ".join(GUIDE.read_text(encoding="utf-8").replace("*", "").split())
    quotes = [q for row in ROWS for q in re.findall(r"”([^”]+)”", row[1])]
    assert quotes
    for quote in quotes:
        assert " ".join(quote.split()) in guide, quote


def test_the_guide_numbers_in_the_table_are_the_catalogues() -> None:
    for row in ROWS:
        for kpi, number in re.findall(r"(U\d{5}) \(Mått (\d+[AB]?)\)", row[0]):
            assert CATALOGUE.measure(kpi).number == number, kpi
