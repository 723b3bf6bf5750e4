"""Typed cores of the helper worksheet functions (calendar, personnummer, likely colour).

Each takes the raw value Excel passes and either returns the cell value or raises
:class:`~kkik_xl.xl.convert.InputError` with a Swedish sentence. Logic lives in
:mod:`kkik_xl.calendar_se`, :mod:`kkik_xl.personnummer` and :mod:`kkik_xl.coordinator.colours`.
"""

from __future__ import annotations

import os
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from kkik_xl.calendar_se import DEFAULT_CALENDAR
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.parsing import ParseError, parse_date, parse_decimal
from kkik_xl.personnummer import find_personnummer
from kkik_xl.xl.convert import InputError, is_blank, parse_year

REFERENCE_ENV = "KKIK_REFERENSVARDEN"
REFERENCE_FILE = "referensvarden.csv"


def _date(value: Any, what: str = "Datumet") -> date:
    if is_blank(value):
        raise InputError(f"{what} saknas.")
    try:
        return parse_date(value)
    except ParseError as err:
        raise InputError(f"{what} kan inte läsas: {err.reason}") from None


def _checked(d: date) -> date:
    if not 1990 <= d.year <= 2100:
        raise InputError(f"Datumet {d:%Y-%m-%d} ligger utanför 1990–2100.")
    return d


def next_weekday(value: Any) -> date:
    """The date itself when it is a weekday, otherwise the first weekday after it."""
    return DEFAULT_CALENDAR.next_weekday(_checked(_date(value)))


def working_days(start: Any, end: Any) -> int:
    """Weekdays after ``start`` up to and including ``end`` (negative when ``end`` is earlier)."""
    first = _checked(_date(start, "Startdatumet"))
    last = _checked(_date(end, "Slutdatumet"))
    return DEFAULT_CALENDAR.working_days_between(first, last)


def holiday(value: Any) -> str:
    """The Swedish name of the holiday (or Söndag), or empty text for an ordinary day."""
    return DEFAULT_CALENDAR.holiday_name(_checked(_date(value))) or ""


def looks_like_personnummer(value: Any) -> bool:
    """True when the whole text is one valid personnummer or samordningsnummer."""
    if is_blank(value):
        return False
    text = str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
    matches = find_personnummer(text)
    return len(matches) == 1 and matches[0].start == 0 and matches[0].end == len(text)


def reference_path() -> Path:
    """The cached reference values: ``%KKIK_REFERENSVARDEN%``, else ``%LOCALAPPDATA%\\kkik-xl\\…``."""
    explicit = os.environ.get(REFERENCE_ENV)
    if explicit:
        return Path(explicit)
    base = os.environ.get("LOCALAPPDATA") or str(Path.home() / ".local" / "share")
    return Path(base) / "kkik-xl" / REFERENCE_FILE


@lru_cache(maxsize=4)
def _reference(path: str, mtime: float) -> Any:
    from kkik_xl.coordinator.values import ValuesError, load_values

    try:
        return load_values([Path(path)]).frame
    except ValuesError as err:
        raise InputError(f"Referensfilen {path} kan inte läsas: {err}") from None


def colour(kpi: Any, value: Any, year: Any = None) -> str:
    """Likely colour of ``value`` for ``kpi`` among the other municipalities in the reference file."""
    from kkik_xl.coordinator.colours import colour_of
    from kkik_xl.coordinator.preview import reference_year

    kpi_id = str(kpi or "").strip().upper()
    try:
        CATALOGUE.measure(kpi_id)
    except KeyError:
        raise InputError(f"Nyckeltalet {kpi_id or '(tomt)'} finns inte i katalogen.") from None
    try:
        number = parse_decimal(value)
    except ParseError as err:
        raise InputError(f"Värdet kan inte läsas: {err.reason}") from None
    path = reference_path()
    if not path.is_file():
        raise InputError(f"Referensfilen saknas ({path}); be samordnaren om referensvärden.")
    frame = _reference(str(path), path.stat().st_mtime)
    own = frame.filter(frame["kpi"] == kpi_id)
    if own.height == 0:
        raise InputError(f"Referensfilen har inga värden för {kpi_id}.")
    ref_year = reference_year(own, None if is_blank(year) else parse_year(year))
    values = own.filter(own["år"] == ref_year)["värde"].to_list()
    if not values:
        raise InputError(f"Referensfilen har inga värden för {kpi_id} år {ref_year}.")
    return colour_of(number, values, kpi_id)
