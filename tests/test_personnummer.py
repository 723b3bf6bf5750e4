"""Personnummer and samordningsnummer detection: property tests against an independent generator."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from kkik_xl.personnummer import (
    candidate_expr,
    contains_personnummer,
    find_personnummer,
    luhn_check_digit,
    mask,
    mask_text,
)


def _luhn_ok(ten: str) -> bool:
    """Independent Luhn check over all ten digits (doubling from the right, second digit first)."""
    total = 0
    for i, ch in enumerate(reversed(ten)):
        d = int(ch) * (2 if i % 2 == 1 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


@st.composite
def numbers(draw: st.DrawFn) -> tuple[str, bool]:
    born = draw(st.dates(min_value=date(1890, 1, 1), max_value=date(2025, 12, 31)))
    samordning = draw(st.booleans())
    serial = draw(st.integers(0, 999))
    long = draw(st.booleans())
    sep = draw(st.sampled_from(["", "-", "+"]))
    day = born.day + (60 if samordning else 0)
    date_part = f"{born.year:04d}{born.month:02d}{day:02d}" if long else f"{born:%y%m}{day:02d}"
    nine = f"{date_part[-6:]}{serial:03d}"
    check = next(c for c in range(10) if _luhn_ok(nine + str(c)))
    return f"{date_part}{sep}{serial:03d}{check}", samordning


@given(numbers(), st.text(alphabet="abc ,.;:Åäö", max_size=10), st.text(alphabet="xyz !?", max_size=10))
def test_valid_numbers_are_found_anywhere_in_text(case: tuple[str, bool], before: str, after: str) -> None:
    number, samordning = case
    found = find_personnummer(f"{before}{number}{after}")
    assert [(m.text, m.samordningsnummer) for m in found] == [(number, samordning)]
    assert found[0].start == len(before)


@given(numbers(), st.integers(1, 9))
def test_a_wrong_check_digit_is_not_a_personnummer(case: tuple[str, bool], delta: int) -> None:
    number, _ = case
    wrong = number[:-1] + str((int(number[-1]) + delta) % 10)
    assert not contains_personnummer(wrong)


@given(numbers())
def test_glued_to_more_digits_is_not_a_personnummer(case: tuple[str, bool]) -> None:
    number, _ = case
    assert not contains_personnummer("7" + number + "7")


@given(numbers(), st.text(max_size=20))
def test_masking_removes_every_digit_of_the_number(case: tuple[str, bool], rest: str) -> None:
    number, _ = case
    masked = mask_text(f"Kommentar: {number} {rest}")
    assert number not in masked
    assert mask(number) in masked
    assert not any(ch.isdigit() for ch in mask(number))


@given(st.integers(0, 999_999_999))
def test_luhn_check_digit_agrees_with_the_independent_check(nine: int) -> None:
    digits = f"{nine:09d}"
    assert _luhn_ok(digits + str(luhn_check_digit(digits)))


def test_known_examples() -> None:
    # Skatteverket's published test numbers.
    assert contains_personnummer("19121212-1212")
    assert contains_personnummer("121212-1212")
    assert contains_personnummer("201212121212")
    assert contains_personnummer("19121212+1212")
    assert find_personnummer("701063-2391")[0].samordningsnummer  # day 63 = 3rd
    assert contains_personnummer(1212121212.0)
    assert not contains_personnummer("121212-1213")  # wrong check digit
    assert not contains_personnummer("121312-1210")  # month 13
    assert not contains_personnummer("2025-03-05")
    assert not contains_personnummer(None)


def test_invalid_dates_are_refused() -> None:
    d = date(2023, 2, 28) + timedelta(days=1)
    assert d.month == 3
    nine = "230229123"  # 29 Feb 2023 does not exist; 1923 neither, 1823 neither
    assert not contains_personnummer(f"{nine[:6]}-{nine[6:]}{luhn_check_digit(nine)}")


def test_candidate_expression_prefilters_frames() -> None:
    frame = pl.DataFrame({"x": ["ring 19121212-1212 nu", "Ärende 17", None, "121212+1212"]})
    assert frame.select(candidate_expr("x")).to_series().to_list() == [True, False, False, True]
