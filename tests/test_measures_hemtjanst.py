"""Hemtjänst (U21401): 14-day window, qualifying visits, age, visits per day and distinct staff."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

import pytest
from frames import context, typed_frame

from kkik_xl.measures import ENGINES

START = date(2025, 10, 6)
DAYS = [START + timedelta(days=i) for i in range(14)]


def _visit(who: str, born: int, day: date, at: str, staff: str, **kw: Any) -> dict[str, Any]:
    row = {"Brukare": who, "Födelseår": born, "Datum": day, "Starttid": time.fromisoformat(at),
           "Personal": staff, "Personalkategori": "Omsorgspersonal", "Besökstyp": "Omsorg"}  # fmt: skip
    return row | kw


def _run(rows: list[dict[str, Any]], **params: Any) -> Any:
    [res] = ENGINES["hemtjanst"]({"Besok": typed_frame("hemtjanst", "Besok", rows)}, context(**params))
    assert res.kpi == "U21401"
    return res


def _rows() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for day in DAYS:
        rows += [_visit("R1", 1940, day, "08:00", "P1", Hemtjänstgrupp="Norr")]
        rows += [_visit("R1", 1940, day, "12:00", "P2", Hemtjänstgrupp="Norr")]
        rows += [_visit("R3", 1961, day, "08:00", "P1"), _visit("R3", 1961, day, "12:00", "P2")]
        rows += [_visit("R4", 1945, day, "07:00", "P1", Hemtjänstgrupp="Söder")]
        rows += [_visit("R4", 1945, day, "21:59", "P7", Hemtjänstgrupp="Söder")]
        if day != DAYS[-1]:
            rows += [_visit("R2", 1950, day, "08:00", "P1"), _visit("R2", 1950, day, "12:00", "P5")]
    first = DAYS[0]
    rows += [
        _visit("R1", 1940, first, "17:00", "P3"),  # double-staffed: both P3 and P4 count
        _visit("R1", 1940, first, "17:00", "P4"),
        _visit("R1", 1940, first, "10:00", "N1", Personalkategori="Hemsjukvård"),  # HSL: ignored
        _visit("R1", 1940, first, "22:00", "P9"),  # starts at 22:00: ignored
        _visit("R1", 1940, first, "09:00", "P8", Besökstyp="Trygghetslarm"),
        _visit("R1", 1940, DAYS[-1] + timedelta(days=1), "08:00", "P10"),  # outside the window
        # R2's last day: one double-staffed visit is still only one visit → R2 is excluded
        _visit("R2", 1950, DAYS[-1], "08:00", "P1"),
        _visit("R2", 1950, DAYS[-1], "08:00", "P6"),
    ]
    return rows


def test_continuity_hand_computed() -> None:
    res = _run(_rows(), period_start=START)
    # R1 meets P1, P2, P3, P4 (4); R4 meets P1, P7 (2); R2 has one visit on a day; R3 is 64.
    assert (res.value, res.numerator, res.denominator) == (3.0, 6, 2)
    assert res.rows_used == 30 + 28
    assert res.excluded == {
        "utanför mätperioden": 1,
        "inte omsorgsbesök": 1,
        "hemsjukvård (HSL)": 1,
        "utanför 07–22": 1,
        "brukare under 65 år": 28,
        "brukare utan två besök varje dag": 28,
    }
    extras = res.extras
    assert extras["recipients_excluded"] == {"brukare under 65 år": 1, "brukare utan två besök varje dag": 1}
    assert (extras["median"], extras["max"], extras["share_over_20"]) == (3.0, 4, 0.0)
    assert extras["units"] == {"Norr": {"value": 4.0, "rows": 1}, "Söder": {"value": 2.0, "rows": 1}}


def test_window_comes_from_the_parameter() -> None:
    res = _run(_rows(), period_start=START + timedelta(days=1))  # day 14 of the log falls outside
    assert res.value is None and res.reason


def test_default_window_is_first_of_october() -> None:
    rows = [_visit("R", 1940, date(2025, 10, 1) + timedelta(days=i), t, s) for i in range(14)
            for t, s in (("08:00", "A"), ("09:00", "B"))]  # fmt: skip
    assert _run(rows).value == 2.0


def test_share_with_more_than_20_staff() -> None:
    rows = [_visit("R", 1940, day, t, f"P{(2 * i + k) % 21}") for i, day in enumerate(DAYS)
            for k, t in enumerate(("08:00", "13:00"))]  # fmt: skip
    res = _run(rows, period_start=START)
    assert res.value == 21.0
    assert res.extras["share_over_20"] == pytest.approx(100.0)


def test_differing_birth_years_use_the_latest() -> None:
    rows = [_visit("R", 1950 if i == 0 else 1961, day, t, s) for i, day in enumerate(DAYS)
            for t, s in (("08:00", "A"), ("09:00", "B"))]  # fmt: skip
    res = _run(rows, period_start=START)
    assert res.value is None
    assert res.extras["recipients_excluded"] == {"brukare under 65 år": 1}


def test_period_start_as_datetime_or_text() -> None:
    from datetime import datetime

    rows = _rows()
    as_dt = _run(rows, period_start=datetime(2025, 10, 6, 0, 0))
    as_text = _run(rows, period_start="2025-10-06")
    assert as_dt.value == as_text.value == 3.0
