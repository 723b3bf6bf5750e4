"""Kolada export: ``kpi;kommunkod;år;kön;värde`` rows, rounded as Kolada shows them, catalogue order."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Decimal, localcontext

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.textsafe import rows_csv

HEADER = ("kpi", "kommunkod", "år", "kön", "värde")
_DECIMALS = {m.kpi: m.decimals for m in CATALOGUE.measures}


def display_value(value: float | None, decimals: int) -> str | None:
    """``value`` rounded half away from zero to ``decimals`` decimals, with a decimal comma."""
    if value is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 400 + decimals  # every finite float has at most 309 integer digits
        rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(rounded, "f")
    if text.startswith("-") and not rounded:
        text = text[1:]
    return text.replace(".", ",")


def published_text(kpi: str, value: float | None) -> str | None:
    """``value`` as Kolada publishes ``kpi``: the catalogue's decimals (per cent and ratios one decimal,
    days whole), decimal comma. A KPI outside the catalogue keeps its shortest exact decimal."""
    if value is None:
        return None
    decimals = _DECIMALS.get(kpi)
    if decimals is not None:
        return display_value(value, decimals)
    text = format(Decimal(repr(float(value))), "f")
    return (text.rstrip("0").rstrip(".") if "." in text else text).replace(".", ",")


Row = tuple[str, str, int, str, str]  # kpi, kommunkod, år, kön, värde as Kolada shows it


def _order(kpi: str) -> int:
    for i, m in enumerate(CATALOGUE.measures):
        if m.kpi == kpi:
            return i
    return len(CATALOGUE.measures)


def kolada_rows(values: Iterable[tuple[str, str, int, str, float]]) -> list[Row]:
    """Resolved values ``(kpi, kommunkod, år, kön, värde)`` as export rows: rounded, catalogue order.

    The values come from the coordinator's resolution (one value per key, the same rule as ``merge``);
    KPIs outside the catalogue are left out (verification has already rejected their files).
    """
    known = {m.kpi: m.decimals for m in CATALOGUE.measures}
    rows = [
        (kpi, code, year, gender, display_value(value, known[kpi]) or "")
        for kpi, code, year, gender, value in values
        if kpi in known
    ]
    return sorted(rows, key=lambda r: (_order(r[0]), r[1], r[2], r[3]))


def to_csv(rows: list[Row], *, synthetic: bool = False) -> str:
    """Semicolon-separated text with the Kolada header; synthetic data get a ``syntetisk`` column."""
    header = (*HEADER, "syntetisk") if synthetic else HEADER
    return rows_csv(header, ((*row, "ja") if synthetic else row for row in rows))
