"""Miljöbilar: U00437 (andel miljöbilar). No period filter: the table is the fleet at the measuring time."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult

TEMPLATE, TABLE = "miljobilar", "Fordon"
GREEN, KIND = "Miljöbil", "Fordonstyp"
NO_ANSWER = "miljöbil ej angivet"


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U00437 = 100 × vehicles with Miljöbil = Ja / vehicles with Ja or Nej."""
    frame = c.frame_of(tables, TEMPLATE, TABLE, ctx.year)
    part = c.split(frame, [(NO_ANSWER, c.is_null(GREEN))])
    used = part.used
    green = int(used.get_column(GREEN).sum()) if used.height else 0
    by_kind = c.per_unit(used, KIND, 100 * pl.col(GREEN).cast(pl.Float64).mean())
    return [
        c.ratio(
            "U00437",
            green,
            used.height,
            rows_used=used.height,
            excluded=part.excluded,
            extras={"kinds": by_kind} if by_kind else {},
        )
    ]
