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


def test_youth_share_not_back() -> None:
    rows = [
        _youth(13, "2024-01-01", False),
        _youth(20, "2024-06-30", True),
        _youth(16, "2024-03-01", False),
        _youth(12, "2024-03-01", False),
        _youth(21, "2024-03-01", False),
        _youth(16, "2025-01-10", False),  # closed in the measuring year itself: outside
        _youth(16, "2024-03-01", False, alone=True),
        _youth(16, "2024-03-01", True, only_aid=True),
    ]
    [res] = ENGINES["ungdomar"]({"Avslut": typed_frame("ungdomar", "Avslut", rows)}, context(2025))
    assert res.kpi == "U33400"
    assert res.value == pytest.approx(200 / 3)
    assert res.excluded == {
        "utanför mätperioden": 1,
        "ålder utanför 13–20": 2,
        "ensamkommande": 1,
        "endast ekonomiskt bistånd": 1,
    }


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
