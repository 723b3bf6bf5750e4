"""Förskola engine: hand-computed cases around weekends, holidays, eves and the period."""

from __future__ import annotations

from dataclasses import replace

import pytest
from frames import context, d, typed_frame

from kkik_xl.calendar_se import SwedishCalendar
from kkik_xl.measures import ENGINES

WISH, OFFER = "Önskat placeringsdatum", "Erbjudet placeringsdatum"


def _rows(*pairs: tuple[str, str | None], **extra: object) -> list[dict[str, object]]:
    return [{WISH: d(w), OFFER: d(o) if o else None, **extra} for w, o in pairs]


def _run(rows: list[dict[str, object]], calendar: SwedishCalendar | None = None) -> dict[str, object]:
    ctx = context() if calendar is None else replace(context(), calendar=calendar)
    results = ENGINES["forskola"]({"Placeringar": typed_frame("forskola", "Placeringar", rows)}, ctx)
    assert [r.kpi for r in results] == ["U11401", "U11402"]
    return {r.kpi: r for r in results}


def test_effective_date_and_late_waits() -> None:
    rows = _rows(
        ("2025-03-08", "2025-03-10"),  # Saturday → Monday 10 March: on time
        ("2025-06-20", "2025-06-23"),  # Midsommarafton → Monday 23 June: on time
        ("2025-04-21", "2025-04-22"),  # Annandag påsk → Tuesday 22 April: on time
        ("2025-04-21", "2025-04-25"),  # late 3 days from the effective 22 April (not 4)
        ("2025-02-03", "2025-02-13"),  # Monday, late 10 days
        ("2025-07-01", "2025-07-01"),  # outside the period
        ("2024-12-31", "2025-01-02"),  # outside the period
        ("2025-05-05", None),  # no offer yet
    )
    rows.append({WISH: d("2025-03-03"), OFFER: d("2025-03-03"), "_invalid": True})
    res = _run(rows)
    on_time, wait = res["U11401"], res["U11402"]
    assert on_time.value == pytest.approx(60.0)  # 3 of 5
    assert (on_time.numerator, on_time.denominator, on_time.rows_used) == (3, 5, 5)
    expected_excl = {"ogiltiga värden": 1, "utanför mätperioden": 2, "erbjudet placeringsdatum saknas": 1}
    assert on_time.excluded == expected_excl
    assert wait.value == pytest.approx(6.5)  # (3 + 10) / 2
    assert (wait.numerator, wait.denominator) == (13, 2)
    assert wait.extras["max"] == 10 and wait.extras["median"] == 6.5
    assert wait.extras["outliers"] == [{"row": 6, "days": 10}, {"row": 5, "days": 3}]


def test_eves_switch_off_makes_midsommarafton_a_weekday() -> None:
    rows = _rows(("2025-06-20", "2025-06-23"))
    res = _run(rows, SwedishCalendar(eves_are_holidays=False))
    assert res["U11401"].value == 0.0
    assert res["U11402"].value == 3.0


def test_offer_before_wish_is_on_time_and_no_late_gives_zero_wait() -> None:
    res = _run(_rows(("2025-01-14", "2025-01-10"), ("2025-01-15", "2025-01-15")))
    assert res["U11401"].value == 100.0
    assert res["U11402"].value == 0.0
    assert res["U11402"].denominator == 0


def test_per_unit_breakdown() -> None:
    rows = _rows(("2025-01-13", "2025-01-13"), Enhet="Ekorren") + _rows(
        ("2025-01-13", "2025-01-20"), ("2025-01-13", "2025-01-13"), Enhet="Myran"
    )
    units = _run(rows)["U11401"].extras["units"]
    assert units == {"Ekorren": {"value": 100.0, "rows": 1}, "Myran": {"value": 50.0, "rows": 2}}


def test_no_rows_is_undefined_with_reason() -> None:
    res = _run(_rows(("2025-08-01", "2025-08-01")))
    for r in res.values():
        assert r.value is None and r.reason
        assert r.excluded == {"utanför mätperioden": 1}
    assert ENGINES["forskola"]({}, context())[0].value is None
