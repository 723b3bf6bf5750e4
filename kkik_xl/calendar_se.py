"""Swedish public holidays and working days.

Holidays follow Lag (1989:253) om allmänna helgdagar for 1990–2100. By default midsommarafton,
julafton and nyårsafton also count as non-weekdays (Lag 1930:173 treats them like Sundays for
deadlines); switch that off with ``eves_are_holidays=False``.

A *weekday* (vardag) here is any day that is not Saturday, Sunday or a holiday.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

MIN_YEAR = 1990
MAX_YEAR = 2100


def easter_sunday(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    lg = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * lg) // 451
    month, day = divmod(h + lg - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(year: int, month: int, first_day: int) -> date:
    """The Saturday in the 7-day window starting at ``first_day`` of ``month``."""
    start = date(year, month, first_day)
    return start + timedelta(days=(5 - start.weekday()) % 7)


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"Året {year} ligger utanför {MIN_YEAR}–{MAX_YEAR}.")


@lru_cache(maxsize=256)
def public_holidays(year: int) -> dict[date, str]:
    """The public holidays of ``year`` (Sundays not listed) with their Swedish names."""
    _check_year(year)
    easter = easter_sunday(year)
    days = {
        date(year, 1, 1): "Nyårsdagen",
        date(year, 1, 6): "Trettondedag jul",
        easter - timedelta(days=2): "Långfredagen",
        easter: "Påskdagen",
        easter + timedelta(days=1): "Annandag påsk",
        date(year, 5, 1): "Första maj",
        easter + timedelta(days=39): "Kristi himmelsfärdsdag",
        easter + timedelta(days=49): "Pingstdagen",
        _saturday_between(year, 6, 20): "Midsommardagen",
        _saturday_between(year, 10, 31): "Alla helgons dag",
        date(year, 12, 25): "Juldagen",
        date(year, 12, 26): "Annandag jul",
    }
    if year >= 2005:
        days[date(year, 6, 6)] = "Sveriges nationaldag"
    else:
        days[easter + timedelta(days=50)] = "Annandag pingst"
    return days


@lru_cache(maxsize=256)
def eves(year: int) -> dict[date, str]:
    """Midsommarafton, julafton and nyårsafton of ``year``."""
    _check_year(year)
    return {
        _saturday_between(year, 6, 20) - timedelta(days=1): "Midsommarafton",
        date(year, 12, 24): "Julafton",
        date(year, 12, 31): "Nyårsafton",
    }


@dataclass(frozen=True)
class SwedishCalendar:
    """Working-day arithmetic over the Swedish calendar.

    ``eves_are_holidays`` (default on) treats midsommarafton, julafton and nyårsafton as non-weekdays.
    """

    eves_are_holidays: bool = True
    _cache: dict[int, frozenset[date]] = field(default_factory=dict, compare=False, repr=False)

    def non_weekdays(self, year: int) -> frozenset[date]:
        """Holidays (and eves when switched on) of ``year``, excluding plain weekends."""
        if year not in self._cache:
            days = set(public_holidays(year))
            if self.eves_are_holidays:
                days |= set(eves(year))
            self._cache[year] = frozenset(days)
        return self._cache[year]

    def holiday_name(self, d: date) -> str | None:
        """Swedish name of the holiday (or eve, when counted) on ``d``; ``None`` otherwise."""
        name = public_holidays(d.year).get(d)
        if name is None and self.eves_are_holidays:
            name = eves(d.year).get(d)
        if name is None and d.weekday() == 6:
            name = "Söndag"
        return name

    def is_weekday(self, d: date) -> bool:
        """True for a vardag: not Saturday, Sunday, a public holiday or (by default) an eve."""
        return d.weekday() < 5 and d not in self.non_weekdays(d.year)

    def next_weekday(self, d: date) -> date:
        """``d`` itself when it is a weekday, otherwise the first weekday after it."""
        while not self.is_weekday(d):
            d += timedelta(days=1)
        return d

    def add_working_days(self, d: date, n: int) -> date:
        """The date ``n`` weekdays after ``d`` (``n`` may be negative; 0 returns ``d``)."""
        step = 1 if n >= 0 else -1
        remaining = abs(n)
        while remaining:
            d += timedelta(days=step)
            if self.is_weekday(d):
                remaining -= 1
        return d

    def working_days_between(self, start: date, end: date) -> int:
        """Weekdays in the half-open interval (start, end]; negative when ``end`` < ``start``."""
        if end < start:
            return -self.working_days_between(end, start)
        count, d = 0, start
        while d < end:
            d += timedelta(days=1)
            count += self.is_weekday(d)
        return count

    def holidays_in(self, year: int) -> list[date]:
        """Sorted weekday holidays (and eves) of ``year``: the holiday range Excel's WORKDAY needs."""
        return sorted(d for d in self.non_weekdays(year) if d.weekday() < 5)


DEFAULT_CALENDAR = SwedishCalendar()


def is_weekday(d: date) -> bool:
    """Module-level shortcut on the default calendar."""
    return DEFAULT_CALENDAR.is_weekday(d)


def next_weekday(d: date) -> date:
    """Module-level shortcut on the default calendar."""
    return DEFAULT_CALENDAR.next_weekday(d)


def add_working_days(d: date, n: int) -> date:
    """Module-level shortcut on the default calendar."""
    return DEFAULT_CALENDAR.add_working_days(d, n)


def working_days_between(start: date, end: date) -> int:
    """Module-level shortcut on the default calendar."""
    return DEFAULT_CALENDAR.working_days_between(start, end)
