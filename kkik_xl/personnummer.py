"""Detecting Swedish personnummer and samordningsnummer in any text, and masking them.

Pure functions, no I/O: used by the validation rule ``KKIK-PN-001``, the xlwings UDF
``KKIK_PERSONNUMMER`` and the submission's personal-data scan.

A number is detected when it has 10 digits (``ÅÅMMDD-NNNK``) or 12 digits (``ÅÅÅÅMMDD-NNNK``),
optionally with ``-`` or ``+`` before the last four, not glued to other digits, whose date part is a
real date (the day plus 60 for a samordningsnummer) and whose last digit is the Luhn check digit of
the ten-digit form. A 10-digit number's century is unknown, so its date is accepted when it exists in
any century (1800s, 1900s or 2000s).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import polars as pl

__all__ = [
    "CANDIDATE_PATTERN",
    "PersonnummerMatch",
    "candidate_expr",
    "contains_personnummer",
    "find_personnummer",
    "luhn_check_digit",
    "mask",
    "mask_text",
]

CANDIDATE_PATTERN = r"(?:^|[^0-9])(?:\d{6}|\d{8})[-+]?\d{4}(?:$|[^0-9])"
_CANDIDATE = re.compile(r"(?<!\d)(?P<date>\d{8}|\d{6})(?P<sep>[-+]?)(?P<tail>\d{4})(?!\d)")
_CENTURIES = (1900, 2000, 1800)


@dataclass(frozen=True)
class PersonnummerMatch:
    """One detected number: the text found, where it is, and whether it is a samordningsnummer."""

    text: str
    start: int
    end: int
    samordningsnummer: bool

    @property
    def masked(self) -> str:
        """The number with every digit replaced by ``*`` (separators kept)."""
        return mask(self.text)


def luhn_check_digit(nine_digits: str) -> int:
    """The Luhn check digit of the first nine digits of a ten-digit personnummer."""
    total = 0
    for i, ch in enumerate(nine_digits):
        product = int(ch) * (2 if i % 2 == 0 else 1)
        total += product // 10 + product % 10
    return (10 - total % 10) % 10


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
    kind = _date_kind(date_part)
    if kind is None:
        return None
    ten = date_part[-6:] + tail
    return kind if luhn_check_digit(ten[:9]) == int(ten[9]) else None


def find_personnummer(text: str) -> list[PersonnummerMatch]:
    """Every valid personnummer or samordningsnummer in ``text``, in order."""
    found: list[PersonnummerMatch] = []
    for m in _CANDIDATE.finditer(text):
        kind = _check(m["date"], m["tail"])
        if kind is not None:
            found.append(PersonnummerMatch(m.group(0), m.start(), m.end(), kind))
    return found


def contains_personnummer(text: object) -> bool:
    """True when ``text`` (any value, shown as text) holds a personnummer or samordningsnummer."""
    return bool(text is not None and find_personnummer(_as_text(text)))


def mask(number: str) -> str:
    """Every digit replaced by ``*``: ``19121212-1212`` → ``********-****``."""
    return re.sub(r"\d", "*", number)


def mask_text(text: str) -> str:
    """``text`` with every detected number masked and everything else kept."""
    out, last = [], 0
    for m in find_personnummer(text):
        out += [text[last : m.start], m.masked]
        last = m.end
    return "".join([*out, text[last:]])


def _as_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def candidate_expr(column: str) -> pl.Expr:
    """Vectorised pre-filter: true where the column (as text) may hold a number; confirm with Python."""
    text = pl.col(column).cast(pl.String)
    return text.str.contains(CANDIDATE_PATTERN).fill_null(False)
