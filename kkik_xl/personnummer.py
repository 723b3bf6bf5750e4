"""Detecting Swedish personnummer and samordningsnummer in any text, and masking them.

Pure functions, no I/O: the one detector used by the validation rules ``KKIK-PN-*``, the xlwings UDF
``KKIK_PERSONNUMMER``, the submission's scrubbing and the submission writer's last check.

Text is first seen the way a reader sees it (:func:`reader_view`): Unicode NFKC (full-width and
superscript digits become ``0``–``9``), every decimal digit of any script becomes its ASCII digit, format
and zero-width characters (``U+200B``, soft hyphen, ``U+FEFF``…), combining marks and control characters
are removed, every dash (hyphen, en/em dash, non-breaking hyphen ``U+2011``, minus sign…) becomes ``-``
and every space (no-break, narrow no-break, thin…) becomes a space.

A number is detected when it has 10 digits (``ÅÅMMDD-NNNK``) or 12 digits (``ÅÅÅÅMMDD-NNNK``),
optionally with ``-``, ``+`` or a space (or a dash between spaces) before the last four, not glued to
other digits, whose date part is a real date (the day plus 60 for a samordningsnummer) and whose last
digit is the Luhn check digit of the ten-digit form. A 10-digit number's century is unknown, so its
date is accepted when it exists in any century (1800s, 1900s or 2000s). With ``shape_only`` the date
and check digit are not required (the submission scrubs anything shaped like a number).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import polars as pl

__all__ = [
    "CANDIDATE_PATTERN",
    "DIGIT_LIKE_RANGES",
    "PersonnummerMatch",
    "candidate_expr",
    "contains_personnummer",
    "find_personnummer",
    "luhn_check_digit",
    "mask",
    "mask_data",
    "mask_text",
    "reader_view",
    "redact_text",
]

# Code points whose NFKC form holds an ASCII digit, besides the decimal digits (\d): superscripts,
# subscripts, circled, parenthesised and full-stop digits, CJK circled numbers, Unicode fractions
# (tests/test_personnummer.py checks this list against every code point).
DIGIT_LIKE_RANGES: tuple[tuple[int, int], ...] = (
    (0x00B2, 0x00B3), (0x00B9, 0x00B9), (0x00BC, 0x00BE), (0x2070, 0x2070), (0x2074, 0x2079),
    (0x2080, 0x2089), (0x2150, 0x215F), (0x2189, 0x2189), (0x2460, 0x249B), (0x24EA, 0x24EA),
    (0x3251, 0x325F), (0x32B1, 0x32CB), (0x3358, 0x3370), (0x3378, 0x3379), (0x339F, 0x33A6),
    (0x33A8, 0x33A8), (0x33AF, 0x33AF), (0x33E0, 0x33FE), (0x1F100, 0x1F10A),
)  # fmt: skip
MIN_DIGITS = 10
WINDOW, OVERLAP = 1 << 16, 256  # long texts are scanned in windows; a number with its separators and
# invisible characters is far shorter than OVERLAP


_PY_ESCAPE, _RUST_ESCAPE = "\\U{:08x}", "\\x{{{:x}}}"


def _char_class(escape: str) -> str:
    return "".join(escape.format(a) if a == b else f"{escape.format(a)}-{escape.format(b)}"
                   for a, b in DIGIT_LIKE_RANGES)  # fmt: skip


_PY_DIGIT = rf"[\d{_char_class(_PY_ESCAPE)}]"
# Ten or more digits, with at most a few characters between them that are neither letters, digits nor
# line breaks (separators, invisible characters): everything a reader could see as one number.
_CLUSTER = re.compile(rf"{_PY_DIGIT}(?:[^\w\n\r]{{0,16}}{_PY_DIGIT}){{{MIN_DIGITS - 1},}}")
_RUST_DIGIT_LIKE = rf"[\d{_char_class(_RUST_ESCAPE)}]"
_RUST_OTHER = rf"[^\d{_char_class(_RUST_ESCAPE)}]"
# Polars (Rust regex) pre-filter: at least ten digit-like characters anywhere in the text.
CANDIDATE_PATTERN = rf"(?:{_RUST_DIGIT_LIKE}{_RUST_OTHER}*){{{MIN_DIGITS}}}"
_CANDIDATE = re.compile(
    r"(?<![0-9])(?P<date>[0-9]{8}|[0-9]{6})(?P<sep> ?[-+] ?| )?(?P<tail>[0-9]{4})(?![0-9])"
)
_CENTURIES = (1900, 2000, 1800)
_DOUBLED = (0, 2, 4, 6, 8, 1, 3, 5, 7, 9)  # digit sum of twice the digit
_DROPPED = frozenset(("Cf", "Cc", "Mn", "Me", "Cs", "Co", "Cn"))
_MINUS = "\u2212"


@dataclass(frozen=True)
class PersonnummerMatch:
    """One detected number: the text found (as in the original), where, and if a samordningsnummer."""

    text: str
    start: int
    end: int
    samordningsnummer: bool

    @property
    def masked(self) -> str:
        """The number with every digit replaced by ``*`` (separators kept)."""
        return mask(self.text)

    @property
    def digits(self) -> str:
        """The ten-digit form (``1212121212`` for ``19121212-1212``): the same number however written."""
        return "".join(c for c in reader_view(self.text)[0] if c.isdigit())[-10:]


def luhn_check_digit(nine_digits: str) -> int:
    """The Luhn check digit of the first nine digits of a ten-digit personnummer."""
    d = [ord(ch) - 48 for ch in nine_digits]
    total = _DOUBLED[d[0]] + d[1] + _DOUBLED[d[2]] + d[3] + _DOUBLED[d[4]] + d[5] + _DOUBLED[d[6]] + d[7]
    return (10 - (total + _DOUBLED[d[8]]) % 10) % 10


def _simple(ch: str) -> str:
    """One character after NFKC as the detector sees it: ASCII digit, ``-``, space, kept or dropped."""
    category = unicodedata.category(ch)
    if category == "Nd":
        return str(unicodedata.decimal(ch))
    if category == "Pd" or ch == _MINUS:
        return "-"
    if category == "Zs" or ch == "\t":
        return " "
    return "" if category in _DROPPED and ch not in "\n\r" else ch


@lru_cache(maxsize=4096)
def _view_char(ch: str) -> str:
    return "".join(_simple(c) for c in unicodedata.normalize("NFKC", ch))


def reader_view(text: str) -> tuple[str, list[int]]:
    """``text`` as a reader sees it, and for each of its characters the index it came from."""
    if text.isascii() and text.isprintable():
        return text, list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        seen = _view_char(ch)
        chars.append(seen)
        origin += [i] * len(seen)
    return "".join(chars), origin


def _valid_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def _date_kind(date_part: str) -> bool | None:
    """``False`` for a personnummer date, ``True`` for a samordningsnummer date, ``None`` when neither."""
    month, day = int(date_part[-4:-2]), int(date_part[-2:])
    years = [int(date_part[:4])] if len(date_part) == 8 else [c + int(date_part[:2]) for c in _CENTURIES]
    for samordning, real_day in ((False, day), (True, day - 60)):
        if any(_valid_date(y, month, real_day) for y in years):
            return samordning
    return None


def _check(date_part: str, tail: str) -> bool | None:
    """``None`` when not a number; else whether it is a samordningsnummer."""
    if len(date_part) == 8 and date_part[:2] not in ("18", "19", "20"):
        return None
    ten = date_part[-6:] + tail
    if luhn_check_digit(ten[:9]) != int(ten[9]):  # cheaper than the date: first
        return None
    return _date_kind(date_part)


def find_personnummer(text: str, *, shape_only: bool = False) -> list[PersonnummerMatch]:
    """Every valid personnummer or samordningsnummer in ``text`` (as a reader sees it), in order.

    Positions and texts refer to ``text`` itself. ``shape_only``: every 10- or 12-digit number of the
    shape, without the date and check-digit tests. Only *clusters* (ten or more digits with at most a
    few non-word characters between them, found by one regular expression) are looked at closely, a
    very long cluster in overlapping windows: a long text (an embedded file read as text) stays fast.
    """
    found: list[PersonnummerMatch] = []
    for cluster in _CLUSTER.finditer(text):
        a, b = cluster.span()
        for start in range(a, b, WINDOW):
            first = max(start - OVERLAP, a)
            for m in _find(text[first : min(start + WINDOW + OVERLAP, b)], shape_only):
                if start <= first + m.start < start + WINDOW:  # else another window's (with context)
                    found.append(
                        PersonnummerMatch(m.text, first + m.start, first + m.end, m.samordningsnummer)
                    )
    return found


def _find(text: str, shape_only: bool) -> list[PersonnummerMatch]:
    seen, origin = reader_view(text)
    found: list[PersonnummerMatch] = []
    for m in _CANDIDATE.finditer(seen):
        kind = False if shape_only else _check(m["date"], m["tail"])
        if kind is not None:
            start, end = origin[m.start()], origin[m.end() - 1] + 1
            found.append(PersonnummerMatch(text[start:end], start, end, kind))
    return found


def contains_personnummer(text: object) -> bool:
    """True when ``text`` (any value, shown as text) holds a personnummer or samordningsnummer."""
    return bool(text is not None and find_personnummer(_as_text(text)))


def mask(number: str) -> str:
    """Digits replaced by ``*``, invisible characters dropped: ``19121212-1212`` → ``********-****``."""
    return "".join("*" if any(c.isdigit() for c in _view_char(ch)) else _view_char(ch) for ch in number)


def _replace(text: str, matches: list[PersonnummerMatch], replacement: str | None) -> str:
    out, last = [], 0
    for m in matches:
        out += [text[last : m.start], m.masked if replacement is None else replacement]
        last = m.end
    return "".join([*out, text[last:]])


def mask_text(text: str) -> str:
    """``text`` with every detected number masked and everything else kept."""
    return _replace(text, find_personnummer(text), None)


def mask_data(value: Any) -> Any:
    """JSON-like ``value`` (dicts, lists, texts, numbers) with every text and key masked (unit names in a
    measure's extras, for instance)."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {mask_data(k): mask_data(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(mask_data(v) for v in value)
    return value


def redact_text(text: str, replacement: str) -> str:
    """``text`` with every number shaped like a personnummer (valid or not) replaced by ``replacement``."""
    return _replace(text, find_personnummer(text, shape_only=True), replacement)


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def candidate_expr(column: str) -> pl.Expr:
    """Vectorised pre-filter: true where the column (as text) may hold a number; confirm with Python."""
    text = pl.col(column).cast(pl.String)
    return text.str.contains(CANDIDATE_PATTERN).fill_null(False)
