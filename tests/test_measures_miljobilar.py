"""Miljöbilar engine."""

from __future__ import annotations

import pytest
from frames import context, typed_frame

from kkik_xl.measures import ENGINES


def test_share_of_green_vehicles() -> None:
    rows = [
        {"Registreringsnummer": "ABC123", "Fordonstyp": "Personbil", "Miljöbil": True},
        {"Registreringsnummer": "ABC124", "Fordonstyp": "Personbil", "Miljöbil": False},
        {"Registreringsnummer": "ABC125", "Fordonstyp": "Lätt lastbil", "Miljöbil": True},
        {"Registreringsnummer": "ABC126", "Fordonstyp": "Lätt lastbil", "Miljöbil": None},
        {"Registreringsnummer": "ABC127", "Fordonstyp": "Personbil", "Miljöbil": True, "_invalid": True},
    ]
    [res] = ENGINES["miljobilar"]({"Fordon": typed_frame("miljobilar", "Fordon", rows)}, context())
    assert res.kpi == "U00437"
    assert res.value == pytest.approx(200 / 3)
    assert (res.numerator, res.denominator, res.rows_used) == (2, 3, 3)
    assert res.excluded == {"ogiltiga värden": 1, "miljöbil ej angivet": 1}
    assert res.extras["kinds"]["Personbil"] == {"value": 50.0, "rows": 2}


def test_no_vehicles_is_undefined() -> None:
    [res] = ENGINES["miljobilar"]({}, context())
    assert res.value is None and res.reason
