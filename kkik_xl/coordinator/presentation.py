"""Shared presentation helpers for the reports: Swedish numbers, areas, colours and trend symbols."""

from __future__ import annotations

from kkik_xl.catalogue import CATALOGUE, Direction, Measure, Unit
from kkik_xl.coordinator.compare import Comparison, MeasureComparison
from kkik_xl.kommuner import lookup

HEX = {"grön": "#2e9d4f", "gul": "#f2c230", "röd": "#d6453d", "grå": "#b8bcc2"}
LIGHT_HEX = {"grön": "#d5efdc", "gul": "#fbefc4", "röd": "#f6d3d0", "grå": "#e6e8eb"}
TREND_SYMBOL = {"positiv": "▲", "negativ": "▼", "oförändrad": "▶"}
TREND_HEX = {"positiv": "#2e9d4f", "negativ": "#d6453d", "oförändrad": "#6b7280"}
SYNTHETIC_BANNER = "SYNTETISKA DATA – påhittade siffror för demo och test. Inte riktiga värden."
RULE_TEXT = (
    "Färg: grön = bland den bästa fjärdedelen av kommunerna med värde, röd = bland den sämsta "
    "fjärdedelen, annars gul; grå = värde saknas. Lika värden får samma färg. Trend: utvecklingen "
    "från två år tidigare i måttets bättre riktning. KKiK-medel: oviktat medelvärde för alla kommuner."
)


def number(value: float | None, decimals: int) -> str:
    """Swedish number: decimal comma, thin space between thousands; ``–`` for no value."""
    if value is None:
        return "–"
    text = f"{value:,.{decimals}f}".replace(",", "\u2009").replace(".", ",")
    return text.replace("-", "−")


def with_unit(value: float | None, m: Measure) -> str:
    """Number with the measure's unit (``%`` directly, other units after a space)."""
    if value is None:
        return "–"
    if m.unit in (Unit.INDEX, Unit.COUNT, Unit.POINTS):
        return number(value, m.decimals)
    return f"{number(value, m.decimals)} {m.unit.value}"


def municipality_name(code: str) -> str:
    """``Namn (kod)`` or the code alone when unknown."""
    found = lookup(code)
    return f"{found.namn} ({code})" if found else code


def by_area(comparison: Comparison) -> list[tuple[str, list[tuple[Measure, MeasureComparison]]]]:
    """Measures grouped by area, in catalogue order."""
    groups: dict[str, list[tuple[Measure, MeasureComparison]]] = {}
    for mc in comparison.measures:
        m = CATALOGUE.measure(mc.kpi)
        groups.setdefault(m.area, []).append((m, mc))
    return list(groups.items())


def direction_text(m: Measure) -> str:
    """``högre är bättre`` or ``lägre är bättre``."""
    return "högre är bättre" if m.direction is Direction.HIGHER else "lägre är bättre"


def trend_text(trend: str | None) -> str:
    """Symbol and word, or ``–`` when the trend cannot be computed."""
    return f"{TREND_SYMBOL[trend]} {trend}" if trend else "–"
