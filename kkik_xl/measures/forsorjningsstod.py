"""Försörjningsstöd: U31402 (väntetid första kontakt → beslut, nybesök)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult
from kkik_xl.measures.waits import MISSING, mean_wait, negative_rules

TEMPLATE, TABLE = "forsorjningsstod", "Arenden"
FIRST, DECIDED, NEW = "Första kontakt", "Beslutsdatum", "Nybesök"
NOT_NEW = "inte nybesök"


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U31402 = mean(beslut − första kontakt) over new visits decided in the period (both applicants)."""
    frame = c.frame_of(tables, TEMPLATE, TABLE, ctx.year)
    frame = frame.with_columns(c.day_difference(DECIDED, FIRST).alias(c.DAYS))
    part = c.split(
        frame,
        [
            (MISSING, c.is_null(FIRST, DECIDED, NEW)),
            (c.OUTSIDE, c.outside(DECIDED, ctx.period_start, ctx.period_end)),
            (NOT_NEW, ~pl.col(NEW)),
            *negative_rules(ctx),
        ],
    )
    return [mean_wait("U31402", part.used, part.excluded)]
