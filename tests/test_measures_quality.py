"""Quality points (U23488, U28423): boundaries, the indicator file, blanks and missing columns.

The hand-computed cases use a coordinator's indicator file with seven SÄBO and six LSS indicators
(``--indikatorer``), so the arithmetic does not change when the shipped list does.
"""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from frames import context, typed_frame

from kkik_xl.catalogue.indicator_files import use_file
from kkik_xl.measures import ENGINES
from kkik_xl.measures.quality import points

ASPECTS_2025 = [
    "Genomförandeplan",
    "Kontaktperson",
    "Val av maträtt",
    "Utevistelse",
    "Aktivitet",
    "Nattfasta",
    "Läkemedelsgenomgång",
]
LSS_ASPECTS = ["Genomförandeplan", "Kontaktperson", "Brukarinflytande", "Egen nyckel", "Fritid", "Hälsa"]


def _entry(kpi: str, name: str) -> str:
    return f'[[indikator]]\nmatt = "{kpi}"\nnamn = "{name}"\nfraga = "{name}?"\nkalla = "test"\n'


@pytest.fixture(autouse=True)
def _seven_aspects(tmp_path: Path) -> Iterator[None]:
    entries = [_entry("U23488", n) for n in ASPECTS_2025] + [_entry("U28423", n) for n in LSS_ASPECTS]
    path = tmp_path / "indikatorer.toml"
    path.write_text('ar = 2025\nkalla = "test"\n' + "".join(entries), encoding="utf-8")
    use_file(path)
    yield
    use_file(None)


@pytest.mark.parametrize(
    ("percent", "expected"),
    [
        ("0", 0),
        ("0.0001", 1),
        ("25", 1),
        ("25.0001", 2),
        ("50", 2),
        ("75", 3),
        ("75.0001", 4),
        ("99.99", 4),
        ("100", 5),
    ],
)
def test_points_boundaries(percent: str, expected: int) -> None:
    assert points(Fraction(percent) / 100) == expected


def _units(drop: str | None = None) -> list[dict[str, object]]:
    a = [True, False, True, False, True, True, False]
    b = [True, False, False, True, None, True, True]
    rows: list[dict[str, object]] = []
    for unit, places, answers in (("A", 10, a), ("B", 30, b), ("C", None, a), ("D", 5, b)):
        row = {"Enhet": unit, "Antal platser": places}
        row |= {n: v for n, v in zip(ASPECTS_2025, answers, strict=True) if n != drop}
        rows.append(row | {"_invalid": unit == "D"})
    return rows


def _sabo(rows: list[dict[str, object]], year: int = 2025, drop: str | None = None) -> object:
    frame = typed_frame("sarskilt-boende", "Kvalitet", rows, year=year)
    if drop:
        frame = frame.drop(drop)
    return ENGINES["sarskilt-boende"]({"Kvalitet": frame}, context(year))[1]


def test_sabo_quality_hand_computed() -> None:
    res = _sabo(_units())
    # shares: 100, 0, 25, 75, 25 (blank = not Ja), 100, 75 → points 5, 0, 1, 3, 1, 5, 3 = 18 of 35
    assert res.kpi == "U23488"
    assert res.value == pytest.approx(100 * 18 / 35)
    assert (res.numerator, res.denominator, res.rows_used) == (18, 35, 2)
    assert res.excluded == {"ogiltiga värden": 1, "antal platser saknas": 1}
    aspects = res.extras["aspects"]
    assert aspects["Genomförandeplan"] == {"share": 100.0, "points": 5, "unanswered": 0}
    assert aspects["Kontaktperson"] == {"share": 0.0, "points": 0, "unanswered": 0}
    assert aspects["Aktivitet"] == {"share": 25.0, "points": 1, "unanswered": 1}
    assert res.extras["units"]["A"] == {"value": pytest.approx(400 / 7), "rows": 1}


def test_aspects_follow_the_file(tmp_path: Path) -> None:
    # A list without Nattfasta: shares 100, 0, 25, 75, 25, 75 → 5 + 0 + 1 + 3 + 1 + 3 = 13 of 30 points
    entries = [_entry("U23488", n) for n in ASPECTS_2025 if n != "Nattfasta"] + [_entry("U28423", "Hälsa")]
    path = tmp_path / "utan_nattfasta.toml"
    path.write_text('ar = 2025\nkalla = "test"\n' + "".join(entries), encoding="utf-8")
    use_file(path)
    res = _sabo([{k: v for k, v in r.items() if k != "Nattfasta"} for r in _units()])
    assert res.value == pytest.approx(100 * 13 / 30)


def test_missing_aspect_column_is_undefined() -> None:
    res = _sabo(_units(drop="Nattfasta"), drop="Nattfasta")
    assert res.value is None and "Nattfasta" in (res.reason or "")


def test_unanswered_aspect_is_undefined() -> None:
    rows = _units()
    for row in rows:
        row["Utevistelse"] = None
    res = _sabo(rows)
    assert res.value is None and "Utevistelse" in (res.reason or "")


def test_lss_quality_all_yes_and_no_units() -> None:
    rows = [{"Enhet": "Gruppbostaden", "Antal platser": 6} | dict.fromkeys(LSS_ASPECTS, True)]
    res = ENGINES["lss"]({"Kvalitet": typed_frame("lss", "Kvalitet", rows)}, context())[1]
    assert (res.kpi, res.value, res.numerator, res.denominator) == ("U28423", 100.0, 30, 30)
    empty = ENGINES["lss"]({}, context())[1]
    assert empty.value is None and empty.reason
