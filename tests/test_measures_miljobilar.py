"""Miljöbilar engine."""

from __future__ import annotations

import pytest
from frames import context, typed_frame

from kkik_xl.measures import ENGINES


def _car(reg: str, kind: str, green: bool | None, **kw: object) -> dict[str, object]:
    return {"Registreringsnummer": reg, "Fordonstyp": kind, "Miljöbil": green, **kw}


def test_share_of_green_vehicles_over_every_vehicle() -> None:
    rows = [
        _car("ABC123", "Personbil", True),
        _car("ABC124", "Personbil", False),
        _car("ABC125", "Lätt lastbil", True),
        _car("ABC126", "Lätt lastbil", False),
    ]
    [res] = ENGINES["miljobilar"]({"Fordon": typed_frame("miljobilar", "Fordon", rows)}, context())
    assert res.kpi == "U00437"
    assert (res.numerator, res.denominator, res.rows_used) == (2, 4, 4)
    assert res.value == pytest.approx(100 * 2 / 4)
    assert res.extras["kinds"]["Personbil"] == {"value": 50.0, "rows": 2}


@pytest.mark.parametrize("blank", [{"Miljöbil": None}, {"_invalid": True}])
def test_a_blank_or_unreadable_vehicle_gives_no_value(blank: dict[str, object]) -> None:
    # The denominator is every vehicle: dropping ABC126 would give 2/3 = 66,7 % instead of 2/4 or 3/4.
    rows = [_car("ABC123", "Personbil", True), _car("ABC124", "Personbil", False)]
    rows += [_car("ABC125", "Personbil", True), _car("ABC126", "Personbil", True) | blank]
    [res] = ENGINES["miljobilar"]({"Fordon": typed_frame("miljobilar", "Fordon", rows)}, context())
    assert res.value is None
    assert res.reason is not None and "1 av 4 fordon" in res.reason and "rad 5" in res.reason
    assert res.excluded == {"tom eller ogiltig cell": 1}


def test_no_vehicles_is_undefined() -> None:
    [res] = ENGINES["miljobilar"]({}, context())
    assert res.value is None and res.reason
