"""Single-value parsers: Swedish numbers, dates, times, datetimes, ja/nej, choices."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.parsing import (
    ParseError,
    excel_serial_to_datetime,
    is_blank,
    parse_choice,
    parse_date,
    parse_datetime,
    parse_decimal,
    parse_int,
    parse_janej,
    parse_time,
)

PARSERS = [parse_decimal, parse_int, parse_date, parse_time, parse_datetime, parse_janej]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1234,5", 1234.5),
        ("1234.5", 1234.5),
        ("1 234,5", 1234.5),
        ("1\u00a0234,5", 1234.5),
        ("1\u2009234\u2009567,25", 1234567.25),
        ("1.234,5", 1234.5),
        ("1,234.5", 1234.5),
        ("−12,5", -12.5),
        ("-0,5", -0.5),
        ("+7", 7.0),
        ("  42 ", 42.0),
        ("1,500", 1.5),
    ],
)
def test_decimal_formats(text: str, expected: float) -> None:
    assert parse_decimal(text) == pytest.approx(expected)


@pytest.mark.parametrize("text", ["", "abc", "1,2,3", "12 34", "1e5", "nan", "inf", "1..2", "--1", "12 kr"])
def test_decimal_refuses_with_reason(text: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_decimal(text)
    assert "Hittade" in err.value.reason


def test_int_refuses_fraction_and_names_it() -> None:
    with pytest.raises(ParseError, match=r"1,5.*heltal"):
        parse_int("1,5")
    assert parse_int("3,0") == 3
    assert parse_int("1 940") == 1940
    assert parse_int(7.0) == 7
    with pytest.raises(ParseError):
        parse_int(True)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", date(2024, 3, 5)),
        ("2024-3-5", date(2024, 3, 5)),
        ("2024-03-05 00:00", date(2024, 3, 5)),
        ("2024-03-05T00:00:00", date(2024, 3, 5)),
        (datetime(2024, 3, 5), date(2024, 3, 5)),
        (45356, date(2024, 3, 5)),
        (45356.0, date(2024, 3, 5)),
        (1, date(1900, 1, 1)),
        (59, date(1900, 2, 28)),
        (61, date(1900, 3, 1)),
    ],
)
def test_dates(value: object, expected: date) -> None:
    assert parse_date(value) == expected


def test_date_1904_system() -> None:
    assert parse_date(0, date1904=True) == date(1904, 1, 1)
    assert parse_date(45356 - 1462, date1904=True) == date(2024, 3, 5)


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("5/3 2024", "ÅÅÅÅ-MM-DD"),
        ("03/05/2024", "ÅÅÅÅ-MM-DD"),
        ("2024-02-30", "giltigt datum"),
        ("igår", "igår"),
        ("2024-03-05 07:30", "klockslag"),
        (60, "1900-02-29"),
        (45356.5, "klockslag"),
        (-1, "utanför det Excel kan visa"),
        (20250305, "ÅÅÅÅMMDD – skriv 2025-03-05"),
        (20250305.0, "ÅÅÅÅMMDD – skriv 2025-03-05"),
        ("20250305", "ÅÅÅÅMMDD – skriv 2025-03-05"),
        ("\u00a020250305\u200b", "ÅÅÅÅMMDD – skriv 2025-03-05"),
        (20251332, "utanför det Excel kan visa"),
        (2958466, "utanför det Excel kan visa"),
        (-1e308, "utanför det Excel kan visa"),
        (1e308, "utanför det Excel kan visa"),
        (2958465.99999999, "klockslag"),
    ],
)
def test_dates_refused(value: object, fragment: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_date(value)
    assert fragment in err.value.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("07:30", time(7, 30)),
        ("7:30", time(7, 30)),
        ("7.30", time(7, 30)),
        ("07:30:15", time(7, 30, 15)),
        (0.3125, time(7, 30)),
        (0.0, time(0, 0)),
        (timedelta(hours=21, minutes=59), time(21, 59)),
        (time(8, 0), time(8, 0)),
    ],
)
def test_times(value: object, expected: time) -> None:
    assert parse_time(value) == expected


@pytest.mark.parametrize(
    "value", ["24:00", "7:60", "0730", "kväll", 1.0, -0.1, 1.25, datetime(2024, 1, 1, 7)]
)
def test_times_refused(value: object) -> None:
    with pytest.raises(ParseError):
        parse_time(value)


def test_datetimes() -> None:
    assert parse_datetime("2025-03-05 14:30") == datetime(2025, 3, 5, 14, 30)
    assert parse_datetime("2025-03-05T14:30:05") == datetime(2025, 3, 5, 14, 30, 5)
    assert parse_datetime("2025-03-05 7.05") == datetime(2025, 3, 5, 7, 5)
    assert parse_datetime(45356.5) == datetime(2024, 3, 5, 12, 0)
    with pytest.raises(ParseError, match="klockslag"):
        parse_datetime("2025-03-05")
    with pytest.raises(ParseError, match="klockslag"):
        parse_datetime(date(2025, 3, 5))


@pytest.mark.parametrize(
    "word", ["Ja", "JA", "ja", "J", "j", "1", "Sant", "SANT", "True", "true", 1, 1.0, True]
)
def test_ja(word: object) -> None:
    assert parse_janej(word) is True


@pytest.mark.parametrize("word", ["Nej", "NEJ", "n", "N", "0", "Falskt", "false", "FALSE", 0, False])
def test_nej(word: object) -> None:
    assert parse_janej(word) is False


@pytest.mark.parametrize("word", ["kanske", "", "2", "Jaa", None, 0.5])
def test_janej_refused(word: object) -> None:
    with pytest.raises(ParseError, match="Ja eller Nej"):
        parse_janej(word)


def test_choice_normalises_spelling() -> None:
    assert parse_choice(" omsorgspersonal ", ("Omsorgspersonal", "Hemsjukvård")) == "Omsorgspersonal"
    with pytest.raises(ParseError, match="Omsorgspersonal, Hemsjukvård"):
        parse_choice("HSL", ("Omsorgspersonal", "Hemsjukvård"))


# --- properties -------------------------------------------------------------------------------


def _swedish(number: int, decimals: str, sep: str) -> str:
    groups = f"{abs(number):,}".replace(",", sep)
    sign = "−" if number < 0 else ""
    return f"{sign}{groups},{decimals}" if decimals else f"{sign}{groups}"


@given(
    st.integers(-(10**12), 10**12),
    st.text("0123456789", max_size=4),
    st.sampled_from([" ", "\u00a0", "\u2009", "\u202f"]),
)
def test_formatted_numbers_round_trip(number: int, decimals: str, sep: str) -> None:
    text = _swedish(number, decimals, sep)
    expected = float(f"{'-' if number < 0 else ''}{abs(number)}.{decimals or '0'}")
    assert parse_decimal(text) == pytest.approx(expected)
    assert parse_decimal(text.replace(",", ".").replace(sep, ",") if decimals else text) == pytest.approx(
        expected
    )


@given(st.integers(-(10**15), 10**15))
def test_int_round_trip(number: int) -> None:
    assert parse_int(str(number)) == number
    assert parse_int(f"{number:,}".replace(",", " ")) == number


@given(st.dates(date(1900, 3, 1), date(9999, 12, 31)))
def test_date_round_trips(d: date) -> None:
    assert parse_date(d.isoformat()) == d
    serial = (d - date(1899, 12, 30)).days
    assert parse_date(serial) == d
    if d >= date(1904, 1, 1):
        assert parse_date(serial - 1462, date1904=True) == d
    assert excel_serial_to_datetime(serial).date() == d


@given(st.times().map(lambda t: t.replace(microsecond=0)))
def test_time_round_trips(t: time) -> None:
    assert parse_time(t.strftime("%H:%M:%S")) == t
    fraction = (t.hour * 3600 + t.minute * 60 + t.second) / 86_400
    assert parse_time(fraction) == t


@given(
    st.datetimes(datetime(1901, 1, 1), datetime(9999, 12, 31)).map(
        lambda d: d.replace(second=0, microsecond=0)
    )
)
def test_datetime_round_trips(d: datetime) -> None:
    assert parse_datetime(d.strftime("%Y-%m-%d %H:%M")) == d


@given(st.one_of(st.text(), st.integers(), st.floats(), st.booleans(), st.none(), st.dates(), st.times()))
def test_invalid_inputs_never_crash(value: object) -> None:
    for parse in PARSERS:
        try:
            parse(value)
        except ParseError as err:
            assert err.reason.strip()


@pytest.mark.parametrize(
    ("value", "code"),
    [(20250305, "KKIK-DA-010"), ("20250305", "KKIK-DA-010"), (3e6, "KKIK-DA-011"), (-1e308, "KKIK-DA-011")],
)
def test_refused_dates_carry_their_code(value: object, code: str) -> None:
    with pytest.raises(ParseError) as err:
        parse_date(value)
    assert err.value.code == code
    with pytest.raises(ParseError) as err:
        parse_datetime(value)
    assert err.value.code == code


def test_last_moment_of_9999_is_read_and_the_next_day_refused() -> None:
    assert parse_datetime(2958465.99999999).date() == date(9999, 12, 31)
    with pytest.raises(ParseError, match="utanför"):
        parse_datetime(2958466)


def test_huge_whole_numbers_are_refused() -> None:
    with pytest.raises(ParseError, match="för stort"):
        parse_int(1e300)
    assert parse_int(999_999_999_999_999) == 999_999_999_999_999


@pytest.mark.parametrize("text", ["", " ", "\u00a0", "\u200b\u2060\ufeff", "\u3000\t\r\n", "\x01\u202e"])
def test_blank_text_is_blank(text: str) -> None:
    assert is_blank(text)
    assert not is_blank(text + "x")


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.floats(),
        st.integers(-(10**400), 10**400),
        st.text(),
        st.booleans(),
        st.none(),
        st.sampled_from([20250305, "20250305", -1e308, 1e308, 2958466, "9999-12-31 23:59:59"]),
    )
)
def test_parsers_refuse_with_a_reason_or_read_never_crash(value: object) -> None:
    """Any value from a cell: a typed value or a ParseError with a Swedish reason, nothing else."""
    for parse in PARSERS:
        try:
            parse(value)
        except ParseError as err:
            assert err.reason.startswith("Hittade")
