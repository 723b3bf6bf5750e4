"""Kolada export: ``kpi;kommunkod;år;kön;värde`` rows, rounded as Kolada shows them, catalogue order."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.submission.model import Submission
from kkik_xl.textsafe import rows_csv

HEADER = ("kpi", "kommunkod", "år", "kön", "värde")


def display_value(value: float | None, decimals: int) -> str | None:
    """``value`` rounded half away from zero to ``decimals`` decimals, with a decimal comma."""
    if value is None:
        return None
    rounded = Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = format(rounded, "f")
    if text.startswith("-") and not rounded:
        text = text[1:]
    return text.replace(".", ",")


@dataclass
class KoladaExport:
    """Rows to key into Kolada, plus what could not be exported and why (Swedish)."""

    rows: list[tuple[str, str, int, str, str]] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _order(kpi: str) -> int:
    for i, m in enumerate(CATALOGUE.measures):
        if m.kpi == kpi:
            return i
    return len(CATALOGUE.measures)


def kolada_rows(subs: list[Submission]) -> KoladaExport:
    """The export rows of ``subs`` in catalogue order (then municipality, year, gender)."""
    out = KoladaExport()
    seen: dict[tuple[str, str, int, str], str] = {}
    for sub in subs:
        code = sub.municipality.code
        for m in sub.measures:
            key = (m.kpi, code, sub.year, m.gender)
            if not any(c.kpi == m.kpi for c in CATALOGUE.measures):
                out.conflicts.append(f"{m.kpi} för {code} år {sub.year} finns inte i katalogen.")
                continue
            shown = display_value(m.value, CATALOGUE.measure(m.kpi).decimals)
            if shown is None:
                out.missing.append(f"{m.kpi} för {code} år {sub.year}: {m.reason or 'inget värde'}")
                continue
            if key in seen and seen[key] != shown:
                out.conflicts.append(
                    f"{m.kpi} för {code} år {sub.year} finns två gånger med olika värden "
                    f"({seen[key]} och {shown})."
                )
            seen.setdefault(key, shown)
    out.rows = sorted(((*k, v) for k, v in seen.items()), key=lambda r: (_order(r[0]), r[1], r[2], r[3]))
    return out


def to_csv(rows: list[tuple[str, str, int, str, str]]) -> str:
    """Semicolon-separated text with the Kolada header."""
    return rows_csv(HEADER, rows)
