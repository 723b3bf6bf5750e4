"""Miljöbilar: U00437 (andel miljöbilar). No period filter: the table is the fleet at the measuring time."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult

TEMPLATE, TABLE = "miljobilar", "Fordon"
GREEN, KIND = "Miljöbil", "Fordonstyp"


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U00437 = 100 × vehicles with Miljöbil = Ja / every vehicle (a blank Miljöbil: no value)."""
    frame = c.frame_of(tables, TEMPLATE, TABLE, ctx.year)
    stop = c.incomplete("U00437", frame, c.is_null(GREEN), "fordon")
    if stop is not None:
        return [stop]
    green = int(frame.get_column(GREEN).sum()) if frame.height else 0
    by_kind = c.per_unit(frame, KIND, 100 * pl.col(GREEN).cast(pl.Float64).mean())
    extras = {"kinds": by_kind} if by_kind else {}
    return [c.ratio("U00437", green, frame.height, rows_used=frame.height, extras=extras)]
