"""Engine settings: computation choices with a default, set by name (``MeasureContext.params``).

Unlike a template's parameters (``catalogue``: filled in the workbook, such as hemtjänst's
``period_start``), a setting is not part of the template: it changes how a measure is computed and is
given on the command line (``--installning namn=värde``) or from Python. Each setting parses its text
value or raises :class:`SettingError` with a Swedish reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kkik_xl.measures.lss import MIN_DECISIONS, MIN_PARAM
from kkik_xl.measures.ungdomar import ALONE_DEFAULT, ALONE_PARAM
from kkik_xl.measures.waits import INCLUDE, NEGATIVE_PARAM

EXCLUDE = "utesluta"
SUMMARY_FROM = "sammanfatta_fran"
"""More identical findings than this (same code, sheet and column) become a summary finding."""
SUMMARY_SHOWN = "visa_forsta"
"""How many of a summarised group's findings are still listed one by one (cells marked)."""
DEFAULT_SUMMARY_FROM, DEFAULT_SUMMARY_SHOWN = 20, 5


class SettingError(ValueError):
    """A setting name or value that cannot be used; ``reason`` is a Swedish sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Setting:
    """A named engine setting: what it does (Swedish), its values, default and templates."""

    name: str
    description: str
    values: str
    default: str
    templates: tuple[str, ...]
    """The templates the setting changes; empty: every template (the rules, not a measure)."""
    parse: Callable[[str], Any]


def _negative(text: str) -> str:
    """``utesluta`` or ``ta_med`` (any case)."""
    value = text.strip().casefold()
    if value not in (EXCLUDE, INCLUDE):
        raise SettingError(f"ska vara {EXCLUDE} eller {INCLUDE}, inte {text!r}")
    return value


def _minimum(text: str) -> int:
    value = text.strip()
    if not value.isdigit() or int(value) < 1:
        raise SettingError(f"ska vara ett heltal, minst 1, inte {text!r}")
    return int(value)


def _count(text: str) -> int:
    value = text.strip()
    if not value.isdigit():
        raise SettingError(f"ska vara ett heltal, minst 0, inte {text!r}")
    return int(value)


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            NEGATIVE_PARAM,
            "negativa väntetider räknas inte (utesluta) eller räknas ändå (ta_med)",
            f"{EXCLUDE} eller {INCLUDE}",
            EXCLUDE,
            ("sarskilt-boende", "forsorjningsstod", "lss"),
            _negative,
        ),
        Setting(
            ALONE_PARAM,
            "ensamkommande ungdomar räknas som alla andra (ta_med, som KKiK-guiden) eller räknas bort "
            "(utesluta)",
            f"{INCLUDE} eller {EXCLUDE}",
            ALONE_DEFAULT,
            ("ungdomar",),
            _negative,
        ),
        Setting(
            MIN_PARAM,
            "minsta antal LSS-beslut för att väntetiden ska redovisas",
            "heltal, minst 1",
            str(MIN_DECISIONS),
            ("lss",),
            _minimum,
        ),
        Setting(
            SUMMARY_FROM,
            "fler likadana fynd än så (samma kod och kolumn) sammanfattas i ett fynd med antal och rader",
            "heltal, minst 1",
            str(DEFAULT_SUMMARY_FROM),
            (),
            _minimum,
        ),
        Setting(
            SUMMARY_SHOWN,
            "hur många av de sammanfattade fynden som ändå visas ett och ett (och markeras i cellen)",
            "heltal, minst 0",
            str(DEFAULT_SUMMARY_SHOWN),
            (),
            _count,
        ),
    )
}


def parse_setting(name: str, text: str) -> Any:
    """The typed value of setting ``name`` given as ``text``, or :class:`SettingError`."""
    setting = SETTINGS.get(name.strip())
    if setting is None:
        known = ", ".join(SETTINGS)
        raise SettingError(f"Inställningen {name.strip()!r} finns inte. Kända inställningar: {known}.")
    try:
        return setting.parse(text)
    except SettingError as err:
        raise SettingError(f"Inställningen {setting.name} {err.reason} ({setting.description}).") from None
