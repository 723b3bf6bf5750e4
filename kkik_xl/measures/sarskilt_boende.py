"""Särskilt boende: U23401 (väntetid ansökan → erbjudet inflyttningsdatum) and U23488 (kvalitet)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.quality import quality_result
from kkik_xl.measures.result import MeasureContext, MeasureResult
from kkik_xl.measures.waits import MISSING, mean_wait, negative_rules

TEMPLATE = "sarskilt-boende"
AGE, APPLIED, DECIDED, OFFERED = (
    "Ålder vid ansökan",
    "Ansökningsdatum",
    "Beslutsdatum",
    "Erbjudet inflyttningsdatum",
)
UNDER_65 = "ålder under 65"
MIN_AGE = 65


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U23401 from Ansokningar and U23488 from Kvalitet."""
    frame = c.frame_of(tables, TEMPLATE, "Ansokningar", ctx.year)
    frame = frame.with_columns(c.day_difference(OFFERED, APPLIED).alias(c.DAYS))
    part = c.split(
        frame,
        [
            (MISSING, c.is_null(AGE, APPLIED, OFFERED)),
            (c.OUTSIDE, c.outside(OFFERED, ctx.period_start, ctx.period_end)),
            (UNDER_65, pl.col(AGE) < MIN_AGE),
            *negative_rules(ctx),
        ],
    )
    wait = mean_wait("U23401", part.used, part.excluded, extras=_phases(part.used))
    quality = c.frame_of(tables, TEMPLATE, "Kvalitet", ctx.year)
    table = c.catalogue_table(TEMPLATE, "Kvalitet")
    return [wait, quality_result("U23488", quality, table, ctx.year)]


def _phases(used: pl.DataFrame) -> dict[str, Any]:
    """Mean utredningstid (beslut − ansökan) and verkställighetstid (erbjudet − beslut) where decided."""
    decided = used.filter(pl.col(DECIDED).is_not_null())
    if decided.height == 0:
        return {"with_decision": 0}
    return {
        "with_decision": decided.height,
        "mean_utredningstid": c.mean_of(decided.select(c.day_difference(DECIDED, APPLIED)).to_series()),
        "mean_verkstallighetstid": c.mean_of(decided.select(c.day_difference(OFFERED, DECIDED)).to_series()),
    }
