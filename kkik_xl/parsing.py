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

Blank means nothing a reader can see: text made only of :data:`BLANK_CHARS` (every Unicode space,
no-break and zero-width spaces, other invisible format characters and control characters) is
empty, and those characters are trimmed from the ends of every value. A date given as the number
or text ``20250305`` (ÅÅÅÅMMDD, as business systems export it) is refused with a reason that shows
the ISO spelling, and any serial outside Excel's dates (1900-01-01 to 9999-12-31) is refused.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta

__all__ = [
    "BLANK_CHARS",
    "FALSE_WORDS",
    "TRUE_WORDS",
    "ParseError",
    "excel_serial_to_datetime",
    "is_blank",
    "normalise_number_text",
    "parse_choice",
    "parse_date",
    "parse_datetime",
    "parse_decimal",
    "parse_int",
    "parse_janej",
    "parse_time",
    "yyyymmdd",
]

TRUE_WORDS = frozenset({"ja", "j", "1", "sant", "true", "yes"})
FALSE_WORDS = frozenset({"nej", "n", "0", "falskt", "false", "no"})

_SPACES = "\u0020\u00a0\u2009\u202f\u2007"
# Soft hyphen, zero-width spaces and joiners, direction marks and embeddings, word joiner, BOM.
_INVISIBLE = "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e" + (
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_CONTROL = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]}
_WHITE = {chr(c) for c in range(0x3001) if chr(c).isspace()}
BLANK_CHARS = "".join(sorted(_CONTROL | set(_INVISIBLE) | _WHITE))
"""Characters that are trimmed from every value; text made only of them is an empty cell."""
DATE_CODE_YYYYMMDD = "KKIK-DA-010"
DATE_CODE_OUT_OF_RANGE = "KKIK-DA-011"
_MINUS = "\u2212\u2012\u2013"
_NUM_PLAIN = re.compile(r"^[+-]?(\d+)([.,]\d+)?$")
_NUM_SPACED = re.compile(rf"^[+-]?\d{{1,3}}([{_SPACES}]\d{{3}})+([.,]\d+)?$")
_NUM_DOT_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(\.\d{3})+(,\d+)?$")
_NUM_COMMA_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_YYYYMMDD = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_DATETIME = re.compile(r"^(\d{4}-\d{1,2}-\d{1,2})(?:[ T]+(.+))?$")
_EXCEL_1900 = date(1899, 12, 30)
_EXCEL_1904 = date(1904, 1, 1)
_MAX_SERIAL = 2_958_465  # 9999-12-31
_MAX_INT = 2**53  # the largest whole number a float (and so an Excel cell) holds exactly


class ParseError(ValueError):
    """A value that could not be read; ``reason`` is a Swedish sentence naming what was found."""

    def __init__(self, reason: str, code: str | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.code = code
        """The finding code when it is not the reader's general one (KKIK-LS-001)."""


def _shown(value: object) -> str:
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _clean_text(value: str) -> str:
    return value.strip(BLANK_CHARS)


def is_blank(value: object) -> bool:
    """True for ``None`` and for text with nothing visible in it (see :data:`BLANK_CHARS`)."""
    return value is None or (isinstance(value, str) and not value.strip(BLANK_CHARS))


def yyyymmdd(value: object) -> date | None:
    """The date that ``20250305`` (a whole number or its digits as text) spells as ÅÅÅÅMMDD, if any."""
    if isinstance(value, bool):
        return None
    if isinstance(value, float) and value.is_integer() and 1e7 <= value < 1e8:
        value = int(value)
    m = _YYYYMMDD.match(_clean_text(value) if isinstance(value, str) else str(value))
    if m is None or not isinstance(value, int | str) or int(m[1]) < 1900:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _compact_date_error(value: object, spelt: date) -> ParseError:
    return ParseError(
        f"Hittade {_shown(value)}, som ser ut som ett datum skrivet ÅÅÅÅMMDD – skriv {spelt.isoformat()}.",
        DATE_CODE_YYYYMMDD,
    )


def _serial_error(serial: float) -> ParseError:
    spelt = yyyymmdd(serial)
    if spelt is not None:
        return _compact_date_error(_shown_number(serial), spelt)
    return ParseError(
        f"Hittade talet {_shown_number(serial)}, men datumet ligger utanför det Excel kan visa "
        "(1900-01-01–9999-12-31).",
        DATE_CODE_OUT_OF_RANGE,
    )


def _shown_number(number: float) -> str:
    if math.isfinite(number) and number.is_integer() and abs(number) < 1e15:
        return str(int(number))
    return _shown(number)


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


def _finite(value: int | float) -> float:
    """``value`` as a float; a whole number too large for one is refused, not an OverflowError."""
    try:
        return float(value)
    except OverflowError:
        raise ParseError(f"Hittade {_shown(value)}, som är ett för stort tal.") from None


def parse_decimal(value: object) -> float:
    """A decimal number from a number or Swedish/English number text."""
    if isinstance(value, bool):
        raise ParseError(f"Hittade sanningsvärdet {value}, men här ska det vara ett tal.")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            raise ParseError(f"Hittade {value}, som inte är ett ändligt tal.")
        return _finite(value)
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
    if abs(number) > _MAX_INT:
        raise ParseError(f"Hittade {_shown(value)}, som är ett för stort heltal för den här kolumnen.")
    return int(number)


def excel_serial_to_datetime(serial: float, *, date1904: bool = False) -> datetime:
    """The datetime an Excel serial number stands for, in the 1900 or 1904 date system.

    In the 1900 system serial 60 is Excel's fictitious 29 February 1900 and is refused.
    """
    last = _MAX_SERIAL - (1462 if date1904 else 0)
    if not math.isfinite(serial) or serial < 0 or serial >= last + 1 or (not date1904 and serial < 1):
        raise _serial_error(serial)
    if not date1904 and 60 <= serial < 61:
        raise ParseError("Hittade Excel-datumet 1900-02-29, som inte finns.")
    base = _EXCEL_1904 if date1904 else _EXCEL_1900
    if not date1904 and serial < 60:
        base = base + timedelta(days=1)
    days = math.floor(serial)
    micros = round((serial - days) * 86_400_000_000)
    try:
        return datetime.combine(base, time()) + timedelta(days=days, microseconds=micros)
    except OverflowError:  # a fraction of the last day that rounds up to year 10000
        raise _serial_error(serial) from None


def _iso_date(text: str) -> date:
    m = _DATE_ISO.match(text)
    spelt = yyyymmdd(text) if m is None else None
    if spelt is not None:
        raise _compact_date_error(repr(text), spelt)
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
        moment = excel_serial_to_datetime(_finite(value), date1904=date1904)
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
        if not (0 <= value < 1 and math.isfinite(value)):
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
        return excel_serial_to_datetime(_finite(value), date1904=date1904)
    if not isinstance(value, str) or not _clean_text(value):
        raise ParseError(f"Hittade {_shown(value)!r}, men här ska det vara datum och tid.")
    m = _DATETIME.match(_clean_text(value))
    spelt = yyyymmdd(value) if m is None else None
    if spelt is not None:
        raise _compact_date_error(repr(_clean_text(value)), spelt)
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
