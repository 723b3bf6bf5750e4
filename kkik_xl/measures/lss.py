"""LSS-bostad: U28418 (väntetid beslut → erbjuden bostad, minst 4 beslut) and U28423 (kvalitet)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.quality import quality_result
from kkik_xl.measures.result import MeasureContext, MeasureResult
from kkik_xl.measures.waits import MISSING, mean_wait, negative_rules

TEMPLATE = "lss"
DECIDED, OFFERED, REVIEW = "Beslutsdatum", "Erbjudet inflyttningsdatum", "Omprövning"
REVIEWED = "omprövning"
MIN_PARAM, MIN_DECISIONS = "lss_minsta_antal", 4


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U28418 from Beslut and U28423 from Kvalitet."""
    frame = c.frame_of(tables, TEMPLATE, "Beslut", ctx.year)
    frame = frame.with_columns(c.day_difference(OFFERED, DECIDED).alias(c.DAYS))
    part = c.split(
        frame,
        [
            (MISSING, c.is_null(DECIDED, OFFERED, REVIEW)),
            (c.OUTSIDE, c.outside(DECIDED, ctx.period_start, ctx.period_end)),
            (REVIEWED, pl.col(REVIEW)),
            *negative_rules(ctx),
        ],
    )
    minimum = int(ctx.params.get(MIN_PARAM, MIN_DECISIONS))
    too_few = f"Färre än {minimum} beslut i mätperioden: värdet redovisas inte."
    wait = mean_wait("U28418", part.used, part.excluded, minimum=minimum, too_few=too_few)
    quality = c.frame_of(tables, TEMPLATE, "Kvalitet", ctx.year)
    table = c.catalogue_table(TEMPLATE, "Kvalitet")
    return [wait, quality_result("U28423", quality, table, ctx.year)]
