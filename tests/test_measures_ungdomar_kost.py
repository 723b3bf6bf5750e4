"""Ungdomar (U33400, period = first half of the previous year) and kost (U07409)."""

from __future__ import annotations

from typing import Any

import pytest
from frames import context, d, typed_frame

from kkik_xl.measures import ENGINES


def _youth(age: int, closed: str, back: bool, alone: bool = False, only_aid: bool = False) -> dict[str, Any]:
    return {
        "Person": "p",
        "Ålder vid avslut": age,
        "Avslutsdatum": d(closed),
        "Återaktualiserad inom ett år": back,
        "Ensamkommande": alone,
        "Endast ekonomiskt bistånd": only_aid,
    }


YOUTH_ROWS = [
    _youth(13, "2024-01-01", False),
    _youth(20, "2024-06-30", True),
    _youth(16, "2024-03-01", False),
    _youth(12, "2024-03-01", False),
    _youth(21, "2024-03-01", False),
    _youth(16, "2025-01-10", False),  # closed in the measuring year itself: outside
    _youth(16, "2024-03-01", False, alone=True),  # an unaccompanied minor who did not come back
    _youth(16, "2024-03-01", True, only_aid=True),
]


def test_youth_share_not_back_counts_unaccompanied_minors_by_default() -> None:
    # Guide Mått 30 excludes only ekonomiskt bistånd: rows 1, 2, 3 and the unaccompanied minor count.
    # Not back: 13-year-old, 16-year-old, the minor = 3 of 4 → 75 %.
    [res] = ENGINES["ungdomar"]({"Avslut": typed_frame("ungdomar", "Avslut", YOUTH_ROWS)}, context(2025))
    assert res.kpi == "U33400"
    assert (res.numerator, res.denominator) == (3, 4)
    assert res.value == pytest.approx(100 * 3 / 4)
    assert res.excluded == {
        "utanför mätperioden": 1,
        "ålder utanför 13–20": 2,
        "endast ekonomiskt bistånd": 1,
    }


def test_youth_setting_excludes_unaccompanied_minors() -> None:
    # With ungdomar_ensamkommande=utesluta the minor is out: 2 of 3 not back → 66,7 %.
    frames = {"Avslut": typed_frame("ungdomar", "Avslut", YOUTH_ROWS)}
    [res] = ENGINES["ungdomar"](frames, context(2025, ungdomar_ensamkommande="utesluta"))
    assert (res.numerator, res.denominator) == (2, 3)
    assert res.value == pytest.approx(100 * 2 / 3)
    assert res.excluded["ensamkommande"] == 1


def test_youth_blank_unaccompanied_only_matters_with_the_setting() -> None:
    rows = [_youth(15, "2024-02-01", False) | {"Ensamkommande": None}, _youth(15, "2024-02-01", True)]
    frames = {"Avslut": typed_frame("ungdomar", "Avslut", rows)}
    [default] = ENGINES["ungdomar"](frames, context(2025))
    assert (default.numerator, default.denominator) == (1, 2)  # blank is not needed: 1 of 2 = 50 %
    [strict] = ENGINES["ungdomar"](frames, context(2025, ungdomar_ensamkommande="utesluta"))
    assert (strict.numerator, strict.denominator) == (0, 1) and strict.excluded == {"uppgift saknas": 1}


def test_organic_share_in_kronor() -> None:
    def row(day: str, total: float | None, eco: float | None, **kw: Any) -> dict[str, Any]:
        return {"Leverantör": "L", "Varugrupp": "Mejeri", "Fakturadatum": d(day),
                "Belopp totalt (kr)": total, "Varav ekologiskt (kr)": eco, **kw}  # fmt: skip

    rows = [
        row("2025-01-15", 1000.0, 250.0),
        row("2025-06-30", 500.0, None),  # empty organic amount = 0 kr
        row("2025-07-01", 800.0, 800.0),
        row("2025-02-01", None, 10.0),
        row("2025-02-01", 100.0, 100.0, _invalid=True),
    ]
    [res] = ENGINES["kost"]({"Fakturor": typed_frame("kost", "Fakturor", rows)}, context())
    assert res.value == pytest.approx(100 * 250 / 1500)
    assert (res.numerator, res.denominator, res.rows_used) == (250.0, 1500.0, 2)
    assert res.excluded == {"ogiltiga värden": 1, "uppgift saknas": 1, "utanför mätperioden": 1}
    assert res.extras["units"]["Mejeri"] == {"value": pytest.approx(100 * 250 / 1500), "rows": 2}
