"""Personnummer and samordningsnummer detection: property tests against an independent generator."""

from __future__ import annotations

import sys
import unicodedata
from datetime import date, timedelta

import polars as pl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kkik_xl.personnummer import (
    DIGIT_LIKE_RANGES,
    OVERLAP,
    WINDOW,
    candidate_expr,
    contains_personnummer,
    find_personnummer,
    luhn_check_digit,
    mask,
    mask_text,
    redact_text,
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


# Issue 17: a reader sees the same number whatever dash or space separates it and whatever invisible
# characters sit inside it; the detector must too.
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2015", "\u2212", "\ufe63", "\uff0d"]
SPACES = [" ", "\u00a0", "\u202f", "\u2009", "\u2007", "\u2002", "\u3000", "\t"]
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad", "\u200e", "\u202e", "\x00"]


@st.composite
def disguised(draw: st.DrawFn) -> tuple[str, str]:
    """A valid number written with any dash or space separator and invisible characters inside."""
    number, _ = draw(numbers())
    digits = number.replace("-", "").replace("+", "")
    sep = draw(st.sampled_from(["", "+", *DASHES, *SPACES, " \u2013 "]))
    plain = f"{digits[:-4]}{sep}{digits[-4:]}"
    chars = []
    for ch in plain:
        chars.append(ch)
        if draw(st.integers(0, 4)) == 0:
            chars.append(draw(st.sampled_from(INVISIBLE)))
    if draw(st.booleans()):  # full-width digits (NFKC)
        chars = [chr(ord(c) - 0x30 + 0xFF10) if c.isascii() and c.isdigit() else c for c in chars]
    return "".join(chars), digits


@given(disguised(), st.text(alphabet="abc ,.;:Åäö", max_size=10), st.text(alphabet="xyz !?", max_size=10))
def test_separators_and_invisible_characters_do_not_hide_a_number(
    case: tuple[str, str], before: str, after: str
) -> None:
    written, _ = case
    text = f"{before}{written}{after}"
    [found] = find_personnummer(text)
    assert found.text.strip("".join(INVISIBLE)) == written.strip("".join(INVISIBLE))
    masked = mask_text(text)
    assert not find_personnummer(masked) and masked.startswith(before) and masked.endswith(after)
    assert not any(unicodedata.digit(c, None) is not None for c in masked)
    frame = pl.DataFrame({"x": [text]})
    assert frame.select(candidate_expr("x")).item()


@given(disguised(), st.integers(1, 9))
def test_disguised_numbers_with_a_wrong_check_digit_are_not_flagged(
    case: tuple[str, str], delta: int
) -> None:
    written, _ = case
    last = next(i for i in range(len(written) - 1, -1, -1) if written[i].isdigit())
    wrong = str((int(unicodedata.digit(written[last])) + delta) % 10)
    assert not contains_personnummer(written[:last] + wrong + written[last + 1 :])


def test_reader_view_examples() -> None:
    assert contains_personnummer("Tolvan 1912\u200b1212\u20111212")
    assert contains_personnummer("121212\u00a01212") and contains_personnummer("121212\u202f1212")
    assert contains_personnummer("121212 \u2013 1212") and contains_personnummer("１２１２１２－１２１２")
    assert mask_text("pnr 121212\u20131212.") == "pnr ******-****."
    assert redact_text("121212-1213 och 19121212 1212", "[x]") == "[x] och [x]"
    assert not contains_personnummer("Telefon 08-123 456 78")
    assert not contains_personnummer("2025-03-05 12:00")


def test_digit_like_ranges_are_every_code_point_whose_nfkc_holds_a_digit() -> None:
    need = set()
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        nfkc = unicodedata.normalize("NFKC", ch)
        if unicodedata.category(ch) != "Nd" and any(unicodedata.category(c) == "Nd" for c in nfkc):
            need.add(cp)
    assert need == {c for a, b in DIGIT_LIKE_RANGES for c in range(a, b + 1)}


@pytest.mark.parametrize(
    "offset", [0, 5, WINDOW - 20, WINDOW - 8, WINDOW - 1, WINDOW, WINDOW + 3, 2 * WINDOW - 9]
)
def test_long_texts_are_scanned_in_windows_without_missing_or_doubling(offset: int) -> None:
    number = "1912\u200b1212\u20131212"
    text = "x" * offset + number + "y" * (WINDOW + OVERLAP)
    [found] = find_personnummer(text)
    assert (found.start, found.text) == (offset, number)
    glued = "x" * offset + "7" + number + "y" * (WINDOW + OVERLAP)  # glued to a digit: not a number
    assert find_personnummer(glued) == [] and mask_text(text).startswith("x" * offset + "********-****y")
