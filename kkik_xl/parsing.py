"""Single-value parsers for Swedish input: numbers, dates, times, datetimes, ja/nej and choices.

Used by the CSV reader (for cells the vectorised fast path does not accept), the xlsx reader
(for text in typed cells), the xlwings UDFs and the rules. Each parser returns a value or raises
:class:`ParseError` whose ``reason`` is a Swedish sentence saying what was found.

Accepted formats (decided here, documented in the Swedish user docs):

- Numbers: ``1234,5``, ``1234.5``, ``1 234,5`` (space, no-break space or thin space between groups
  of three), ``1.234,5`` and ``1,234.5`` (the last separator is the decimal one), minus as ``-`` or
  ``−``. A single comma is always a decimal comma: ``1,500`` is one and a half.
- Dates: ISO ``2024-03-05`` (optionally ``2024-3-5``, optionally followed by a midnight time such as
  ``00:00``), Excel serial numbers in the 1900 or 1904 date system. ``5/3 2024`` and ``03/05/2024``
  are refused: day/month order is ambiguous between Swedish and American habits.
- Times: ``07:30``, ``7:30``, ``7.30``, ``07:30:15``, Excel day fractions in [0, 1).
- Datetimes: a date as above plus a time, separated by a space or ``T``; Excel serial numbers.
- Ja/nej: Ja/Nej/J/N/1/0/Sant/Falskt/True/False/Yes/No in any case.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

__all__ = [
    "FALSE_WORDS",
    "TRUE_WORDS",
    "ParseError",
    "excel_serial_to_datetime",
    "normalise_number_text",
    "parse_choice",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_int",
    "parse_janej",
    "parse_time",
]

TRUE_WORDS = frozenset({"ja", "j", "1", "sant", "true", "yes"})
FALSE_WORDS = frozenset({"nej", "n", "0", "falskt", "false", "no"})

_SPACES = "\u0020\u00a0\u2009\u202f\u2007"
_MINUS = "\u2212\u2012\u2013"
_NUM_PLAIN = re.compile(r"^[+-]?(\d+)([.,]\d+)?$")
_NUM_SPACED = re.compile(rf"^[+-]?\d{{1,3}}([{_SPACES}]\d{{3}})+([.,]\d+)?$")
_NUM_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUM_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_DATETIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(.+))?$")
_EXCEL_1900 = date(1899, 12, 30)
_EXCEL_1904 = date(1904, 1, 1)
_MAX_SERIAL = 2_958_465  # 9999-12-31


class ParseError(ValueError):
    """A value that could not be read; ``reason`` is a Swedish sentence naming what was found."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _clean_text(value: str) -> str:
    return value.strip().strip(_SPACES)


def normalise_number_text(text: str) -> str | None:
    """``text`` as a plain ``[-]digits[.digits]`` string, or ``None`` when it is no number."""
    s = _clean_text(text)
    for ch in _MINUS:
        s = s.replace(ch, "-")
    if _NUM_PLAIN.match(s):
        return s.replace(",", ".")
    if _NUM_SPACED.match(s):
        return re.sub(f"[{_SPACES}]", "", s).replace(",", ".")
    if _NUM_DOT_THOUSANDS.match(s):
        return s.replace(".", "").replace(",", ".")
    if _NUM_COMMA_THOUSANDS.match(s) and "." in s:
        return s.replace(",", "")
    return None


def parse_decimal(value: object) -> float:
    """A decimal number from a number or Swedish/English number text."""
    if isinstance(value, bool):
        raise ParseError(f"Hittade sanningsvärdet {value}, men här ska det vara ett tal.")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ParseError(f"Hittade {value}, som inte är ett ändligt tal.")
        return float(value)
    if not isinstance(value, str) or not _clean_text(value):
        raise ParseError(f"Hittade {_shown(value)!r}, men här ska det vara ett tal.")
    plain = normalise_number_text(value)
    if plain is None:
        raise ParseError(f"Hittade {_shown(value)!r}, som inte är ett tal (skriv till exempel 1234,5).")
    return float(plain)


def parse_int(value: object) -> int:
    """A whole number; ``1,5`` is refused with a reason, ``3,0`` is accepted as 3."""
    number = parse_decimal(value)
    if not number.is_integer():
        raise ParseError(f"Hittade {_shown(value)}, men här ska det vara ett heltal.")
    return int(number)


def excel_serial_to_datetime(serial: float, *, date1904: bool = False) -> datetime:
    """The datetime an Excel serial number stands for, in the 1900 or 1904 date system.

    In the 1900 system serial 60 is Excel's fictitious 29 February 1900 and is refused.
    """
    if not math.isfinite(serial) or serial < 0 or serial > _MAX_SERIAL:
        raise ParseError(f"Hittade talet {_shown(serial)}, som inte är ett giltigt Excel-datum.")
    if not date1904:
        if 60 <= serial < 61:
            raise ParseError("Hittade Excel-datumet 1900-02-29, som inte finns.")
        if serial < 1:
            raise ParseError(f"Hittade talet {_shown(serial)}, som inte är ett giltigt Excel-datum.")
    base = _EXCEL_1904 if date1904 else _EXCEL_1900
    if not date1904 and serial < 60:
        base = base + timedelta(days=1)
    days = math.floor(serial)
    micros = round((serial - days) * 86_400_000_000)
    return datetime.combine(base, time()) + timedelta(days=days, microseconds=micros)


def _iso_date(text: str) -> date:
    m = _DATE_ISO.match(text)
    if m is None:
        if re.match(r"^\d{1,2}[/.-]\d{1,2}([/.\- ]+\d{2,4})?$", text):
            raise ParseError(
                f"Hittade {_shown(text)!r}. Skriv datum som ÅÅÅÅ-MM-DD, till exempel 2025-03-05."
            )
        raise ParseError(f"Hittade {_shown(text)!r}, som inte är ett datum (skriv ÅÅÅÅ-MM-DD).")
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ParseError(f"Hittade {_shown(text)!r}, som inte är ett giltigt datum.") from None


def parse_date(value: object, *, date1904: bool = False) -> date:
    """A date from a date, a midnight datetime, an Excel serial number or ISO text."""
    if isinstance(value, datetime):
        if value.time() != time():
            raise ParseError(
                f"Hittade {value:%Y-%m-%d %H:%M}, men här ska det vara ett datum utan klockslag."
            )
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        moment = excel_serial_to_datetime(float(value), date1904=date1904)
        if moment.time() != time():
            raise ParseError(f"Hittade {_shown(value)}, som har ett klockslag; här ska det vara ett datum.")
        return moment.date()
    if not isinstance(value, str) or not _clean_text(value):
        raise ParseError(f"Hittade {_shown(value)!r}, men här ska det vara ett datum.")
    text = _clean_text(value)
    m = _DATETIME.match(text)
    if m is not None and m[2] is not None:
        if _time_text(m[2]) != time():
            raise ParseError(f"Hittade {_shown(value)!r}, men här ska det vara ett datum utan klockslag.")
        text = m[1]
    return _iso_date(text)


def _time_text(text: str) -> time:
    m = _TIME.match(_clean_text(text))
    if m is None:
        raise ParseError(
            f"Hittade {_shown(text)!r}, som inte är ett klockslag (skriv tt:mm, till exempel 07:30)."
        )
    hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ParseError(f"Hittade {_shown(text)!r}, som inte är ett giltigt klockslag (00:00–23:59).")
    return time(hour, minute, second)


def parse_time(value: object) -> time:
    """A time of day from a time, an Excel day fraction in [0, 1) or text like ``07:30``/``7.30``."""
    if isinstance(value, datetime):
        raise ParseError(f"Hittade {value:%Y-%m-%d %H:%M}, men här ska det vara bara ett klockslag.")
    if isinstance(value, time):
        return value
    if isinstance(value, timedelta):
        value = value.total_seconds() / 86_400
    if isinstance(value, int | float) and not isinstance(value, bool):
        if not (math.isfinite(value) and 0 <= value < 1):
            raise ParseError(f"Hittade {_shown(value)}, som inte är ett klockslag (en del av ett dygn).")
        micros = round(value * 86_400_000_000)
        if micros >= 86_400_000_000:
            raise ParseError(f"Hittade {_shown(value)}, som avrundas till 24:00.")
        return (datetime.min + timedelta(microseconds=micros)).time()
    if not isinstance(value, str) or not _clean_text(value):
        raise ParseError(f"Hittade {_shown(value)!r}, men här ska det vara ett klockslag.")
    return _time_text(value)


def parse_datetime(value: object, *, date1904: bool = False) -> datetime:
    """A date and time from a datetime, an Excel serial number or text like ``2025-03-05 14:30``."""
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        raise ParseError(f"Hittade datumet {value:%Y-%m-%d} utan klockslag; skriv datum och tid.")
    if isinstance(value, int | float) and not isinstance(value, bool):
        return excel_serial_to_datetime(float(value), date1904=date1904)
    if not isinstance(value, str) or not _clean_text(value):
        raise ParseError(f"Hittade {_shown(value)!r}, men här ska det vara datum och tid.")
    m = _DATETIME.match(_clean_text(value))
    if m is None:
        raise ParseError(f"Hittade {_shown(value)!r}, som inte är datum och tid (skriv ÅÅÅÅ-MM-DD tt:mm).")
    if m[2] is None:
        raise ParseError(f"Hittade {_shown(value)!r} utan klockslag; skriv datum och tid (ÅÅÅÅ-MM-DD tt:mm).")
    return datetime.combine(_iso_date(m[1]), _time_text(m[2]))


def parse_janej(value: object) -> bool:
    """``True`` for Ja/J/1/Sant/True/Yes, ``False`` for Nej/N/0/Falskt/False/No (any case)."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = _clean_text(value).casefold() if isinstance(value, str) else None
    if text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    raise ParseError(f"Hittade {_shown(value)!r}, men här ska det stå Ja eller Nej.")


def parse_choice(value: object, choices: Sequence[str]) -> str:
    """One of ``choices`` in its catalogue spelling, matched ignoring case and outer spaces."""
    text = _clean_text(str(value)).casefold() if value is not None else ""
    for choice in choices:
        if choice.casefold() == text:
            return choice
    allowed = ", ".join(choices)
    raise ParseError(f"Hittade {_shown(value)!r}, men här ska det stå något av: {allowed}.")
