"""The vectorised working-day lookups agree with the scalar calendar on random dates."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.calendar_se import SwedishCalendar
from kkik_xl.measures.workdays import table_for, with_added_weekdays, with_next_weekday

DATES = st.lists(st.dates(date(2003, 12, 1), date(2006, 1, 31)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None)
@given(DATES, st.booleans(), st.integers(0, 3))
def test_lookup_matches_calendar(days: list[date], eves: bool, n: int) -> None:
    cal = SwedishCalendar(eves_are_holidays=eves)
    frame = pl.DataFrame({"d": days}, schema={"d": pl.Date})
    lookup = table_for(frame, "d", cal)
    out = with_next_weekday(frame, "d", "eff", lookup, ordinal="ord")
    out = with_added_weekdays(out, "ord", n, "deadline", lookup)
    expected = [cal.add_working_days(cal.next_weekday(d), n) for d in days]
    assert out.get_column("eff").to_list() == [cal.next_weekday(d) for d in days]
    assert out.get_column("deadline").to_list() == expected


def test_email_engine_matches_scalar_reference() -> None:
    from frames import context, typed_frame

    from kkik_xl.measures import ENGINES

    cal = SwedishCalendar()
    start = datetime(2025, 12, 18, 9)
    rows = [
        {
            "Fråga": f"F{i}",
            "Skickad": start + timedelta(hours=13 * i),
            "Besvarad": start + timedelta(hours=29 * i),
        }
        for i in range(40)
    ]
    ok = {1: 0, 2: 0}
    for r in rows:
        for n in ok:
            deadline = cal.add_working_days(cal.next_weekday(r["Skickad"].date()), n)
            ok[n] += r["Besvarad"].date() <= deadline
    res = ENGINES["service"]({"Epost": typed_frame("service", "Epost", rows)}, context())
    assert ok[2] != ok[1]
    assert res[0].numerator == ok[2] and res[1].numerator == ok[1]
