"""Swedish calendar against Lag (1989:253), with the `holidays` package as an independent oracle."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kkik_xl.calendar_se import (
    SwedishCalendar,
    add_working_days,
    easter_sunday,
    eves,
    is_weekday,
    next_weekday,
    public_holidays,
    working_days_between,
)

NO_EVES = SwedishCalendar(eves_are_holidays=False)


@pytest.mark.parametrize(
    ("year", "easter"),
    [
        (2008, date(2008, 3, 23)),
        (2011, date(2011, 4, 24)),
        (2024, date(2024, 3, 31)),
        (2038, date(2038, 4, 25)),
    ],
)
def test_easter_edge_years(year: int, easter: date) -> None:
    assert easter_sunday(year) == easter


def test_2024_holidays_by_law() -> None:
    h = public_holidays(2024)
    assert h[date(2024, 3, 29)] == "Långfredagen"
    assert h[date(2024, 4, 1)] == "Annandag påsk"
    assert h[date(2024, 5, 9)] == "Kristi himmelsfärdsdag"
    assert h[date(2024, 6, 6)] == "Sveriges nationaldag"
    assert h[date(2024, 6, 22)] == "Midsommardagen"
    assert h[date(2024, 11, 2)] == "Alla helgons dag"
    assert eves(2024) == {
        date(2024, 6, 21): "Midsommarafton",
        date(2024, 12, 24): "Julafton",
        date(2024, 12, 31): "Nyårsafton",
    }


def test_2004_has_annandag_pingst_and_no_national_day() -> None:
    h = public_holidays(2004)
    assert h[date(2004, 5, 31)] == "Annandag pingst"
    assert date(2004, 6, 6) not in h
    assert is_weekday(date(2004, 6, 7))


def test_2005_has_national_day_and_no_annandag_pingst() -> None:
    h = public_holidays(2005)
    assert h[date(2005, 6, 6)] == "Sveriges nationaldag"
    assert not is_weekday(date(2005, 6, 6))
    assert is_weekday(date(2005, 5, 16))  # would have been annandag pingst


def test_ascension_on_first_of_may_2008() -> None:
    assert public_holidays(2008)[date(2008, 5, 1)] in {"Första maj", "Kristi himmelsfärdsdag"}
    assert not is_weekday(date(2008, 5, 1))


@pytest.mark.parametrize("year", range(1990, 2101))
def test_agrees_with_holidays_package(year: int) -> None:
    theirs = {d for d in holidays.Sweden(years=year, include_sundays=False) if d.year == year}
    assert set(public_holidays(year)) == theirs


@pytest.mark.parametrize("year", range(1990, 2101))
def test_eves_agree_with_holidays_package(year: int) -> None:
    theirs = holidays.Sweden(years=year, categories=("de_facto",), language="sv")
    assert eves(year) == {d: name for d, name in theirs.items() if d.year == year}


@pytest.mark.parametrize(
    ("year", "midsommardagen", "alla_helgons_dag"),
    [
        (2015, date(2015, 6, 20), date(2015, 10, 31)),  # first day of both windows
        (2010, date(2010, 6, 26), date(2010, 11, 6)),  # last day of both windows
        (2021, date(2021, 6, 26), date(2021, 11, 6)),
    ],
)
def test_saturday_window_edges(year: int, midsommardagen: date, alla_helgons_dag: date) -> None:
    h = public_holidays(year)
    assert h[midsommardagen] == "Midsommardagen" and h[alla_helgons_dag] == "Alla helgons dag"
    assert eves(year)[midsommardagen - timedelta(days=1)] == "Midsommarafton"


@pytest.mark.parametrize(
    ("year", "langfredag", "annandag_pask", "himmelsfard", "pingst"),
    [
        (2008, date(2008, 3, 21), date(2008, 3, 24), date(2008, 5, 1), date(2008, 5, 11)),  # early
        (2038, date(2038, 4, 23), date(2038, 4, 26), date(2038, 6, 3), date(2038, 6, 13)),  # late
        (1994, date(1994, 4, 1), date(1994, 4, 4), date(1994, 5, 12), date(1994, 5, 22)),
    ],
)
def test_easter_dependent_holidays_in_edge_years(
    year: int, langfredag: date, annandag_pask: date, himmelsfard: date, pingst: date
) -> None:
    h = public_holidays(year)
    assert h[langfredag] == "Långfredagen" and h[annandag_pask] == "Annandag påsk"
    assert h[himmelsfard] in ("Kristi himmelsfärdsdag", "Första maj") and h[pingst] == "Pingstdagen"
    if year < 2005:
        assert h[pingst + timedelta(days=1)] == "Annandag pingst"


def test_out_of_range_year_is_refused() -> None:
    with pytest.raises(ValueError, match="utanför"):
        public_holidays(1989)


def test_eves_switch() -> None:
    midsommarafton = date(2024, 6, 21)
    assert not is_weekday(midsommarafton)
    assert NO_EVES.is_weekday(midsommarafton)
    assert NO_EVES.next_weekday(midsommarafton) == midsommarafton


def test_next_weekday() -> None:
    assert next_weekday(date(2024, 3, 5)) == date(2024, 3, 5)  # Tuesday
    assert next_weekday(date(2024, 3, 9)) == date(2024, 3, 11)  # Saturday -> Monday
    assert next_weekday(date(2024, 3, 29)) == date(2024, 4, 2)  # Långfredag -> after Annandag påsk
    assert next_weekday(date(2024, 6, 21)) == date(2024, 6, 24)  # Midsommarafton -> Monday
    assert next_weekday(date(2024, 12, 24)) == date(2024, 12, 27)


def test_add_working_days_and_between() -> None:
    assert add_working_days(date(2024, 3, 28), 1) == date(2024, 4, 2)
    assert add_working_days(date(2024, 3, 28), 2) == date(2024, 4, 3)
    assert add_working_days(date(2024, 4, 2), -1) == date(2024, 3, 28)
    assert add_working_days(date(2024, 3, 5), 0) == date(2024, 3, 5)
    assert working_days_between(date(2024, 3, 28), date(2024, 4, 3)) == 2
    assert working_days_between(date(2024, 4, 3), date(2024, 3, 28)) == -2


def test_holiday_name() -> None:
    cal = SwedishCalendar()
    assert cal.holiday_name(date(2024, 6, 21)) == "Midsommarafton"
    assert cal.holiday_name(date(2024, 3, 10)) == "Söndag"
    assert cal.holiday_name(date(2024, 3, 11)) is None
    assert NO_EVES.holiday_name(date(2024, 12, 24)) is None


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2099, 6, 30)), st.integers(0, 40))
def test_add_then_count_round_trips(d: date, n: int) -> None:
    end = add_working_days(d, n)
    assert working_days_between(d, end) == n
    assert is_weekday(end) or n == 0


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 20)))
def test_next_weekday_is_first_weekday(d: date) -> None:
    nd = next_weekday(d)
    assert is_weekday(nd)
    assert all(not is_weekday(d + timedelta(days=i)) for i in range((nd - d).days))
