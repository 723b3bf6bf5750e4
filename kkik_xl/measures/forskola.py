"""Förskola: U11401 (plats på önskat datum) and U11402 (väntetid för sena placeringar)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult
from kkik_xl.measures.workdays import table_for, with_next_weekday

TEMPLATE, TABLE = "forskola", "Placeringar"
WISH, OFFER, UNIT = "Önskat placeringsdatum", "Erbjudet placeringsdatum", "Enhet"
EFFECTIVE = "_effective"
NO_WISH = "önskat placeringsdatum saknas"
NO_OFFER = "erbjudet placeringsdatum saknas"


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U11401 and U11402 from the Placeringar table."""
    frame = c.frame_of(tables, TEMPLATE, TABLE, ctx.year)
    part = c.split(
        frame,
        [
            (NO_WISH, c.is_null(WISH)),
            (c.OUTSIDE, c.outside(WISH, ctx.period_start, ctx.period_end)),
            (NO_OFFER, c.is_null(OFFER)),
        ],
    )
    used = with_next_weekday(part.used, WISH, EFFECTIVE, table_for(part.used, WISH, ctx.calendar))
    used = used.with_columns(c.day_difference(OFFER, EFFECTIVE).alias(c.DAYS))
    return [_on_time(used, part.excluded), _late_wait(used, part.excluded)]


def _on_time(used: pl.DataFrame, excluded: dict[str, int]) -> MeasureResult:
    on_time = pl.col(c.DAYS) <= 0
    units = c.per_unit(used, UNIT, 100 * on_time.cast(pl.Float64).mean())
    n_ok = int(used.select(on_time.sum()).item()) if used.height else 0
    extras = {"units": units} if units else {}
    return c.ratio("U11401", n_ok, used.height, rows_used=used.height, excluded=excluded, extras=extras)


def _late_wait(used: pl.DataFrame, excluded: dict[str, int]) -> MeasureResult:
    fields = {"rows_used": used.height, "excluded": excluded}
    if used.height == 0:
        return c.undefined("U11402", c.NO_ROWS, **fields)
    late = used.filter(pl.col(c.DAYS) > 0)
    total = int(late.get_column(c.DAYS).sum())
    extras = {"late": late.height, **c.wait_extras(late)}
    units = c.per_unit(late, UNIT, pl.col(c.DAYS).mean())
    if units:
        extras["units"] = units
    value = total / late.height if late.height else 0.0
    return MeasureResult(
        kpi="U11402", value=value, numerator=total, denominator=late.height, extras=extras, **fields
    )
