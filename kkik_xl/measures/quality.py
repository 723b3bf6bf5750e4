"""Quality aspects per unit (Kvalitet sheets): the points logic shared by U23488 and U28423."""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Any

import polars as pl

from kkik_xl.catalogue import Table
from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureResult

PLACES, UNIT = "Antal platser", "Enhet"
NO_PLACES = "antal platser saknas"
MAX_POINTS = 5


def points(share: Fraction) -> int:
    """Points for a share in [0, 1]: 0 → 0, (0, ¼] → 1, (¼, ½] → 2, (½, ¾] → 3, (¾, 1) → 4, 1 → 5."""
    if share <= 0:
        return 0
    if share >= 1:
        return MAX_POINTS
    return math.ceil(share * 4)


def indicators_for(table: Table, year: int) -> list[str]:
    """Names of the quality indicators asked in ``year``."""
    return list(table.quality_names(year))


def quality_result(kpi: str, frame: pl.DataFrame, table: Table, year: int) -> MeasureResult:
    """Σ points / (5 × indicators) × 100 over the year's indicators, with per-aspect and per-unit extras."""
    names = indicators_for(table, year)
    part = c.split(frame, [(NO_PLACES, c.is_null(PLACES) | (pl.col(PLACES) < 1))])
    used = part.used
    fields: dict[str, Any] = {"rows_used": used.height, "excluded": part.excluded}
    missing = [n for n in names if n not in frame.columns]
    if missing:
        return c.undefined(kpi, f"Kvalitetsaspekten saknas i tabellen: {', '.join(missing)}.", **fields)
    total = int(used.get_column(PLACES).sum()) if used.height else 0
    if total == 0 or not names:
        return c.undefined(kpi, c.NO_ROWS, **fields)
    sums = used.select(
        *(pl.col(PLACES).filter(pl.col(n).fill_null(False)).sum().alias(f"ja:{n}") for n in names),
        *(pl.col(n).is_null().sum().alias(f"tom:{n}") for n in names),
    ).row(0, named=True)
    blank = [n for n in names if sums[f"tom:{n}"] == used.height]
    if blank:
        return c.undefined(kpi, f"Ingen enhet har svarat på kvalitetsaspekten: {', '.join(blank)}.", **fields)
    aspects = {n: _aspect(int(sums[f"ja:{n}"]), total, int(sums[f"tom:{n}"])) for n in names}
    score = sum(a["points"] for a in aspects.values())
    extras = {"aspects": aspects, "units": _units(used, names)}
    return c.ratio(kpi, score, MAX_POINTS * len(names), extras=extras, **fields)


def _aspect(ja_places: int, total: int, unanswered: int) -> dict[str, Any]:
    share = Fraction(ja_places, total)
    return {"share": float(100 * share), "points": points(share), "unanswered": unanswered}


def _units(used: pl.DataFrame, names: list[str]) -> dict[str, dict[str, Any]]:
    ja = pl.sum_horizontal(*(pl.col(n).fill_null(False).cast(pl.Int64) for n in names))
    return c.per_unit(used, UNIT, (100 * ja / len(names)).mean())
