"""Ungdomar: U33400 (andel som inte återaktualiserats inom ett år). Period: första halvåret året före."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult

TEMPLATE, TABLE = "ungdomar", "Avslut"
AGE, CLOSED, BACK = "Ålder vid avslut", "Avslutsdatum", "Återaktualiserad inom ett år"
ALONE, ONLY_AID = "Ensamkommande", "Endast ekonomiskt bistånd"
MISSING = "uppgift saknas"
MIN_AGE, MAX_AGE = 13, 20
ALONE_PARAM = "ungdomar_ensamkommande"
ALONE_INCLUDE, ALONE_EXCLUDE = "ta_med", "utesluta"
ALONE_DEFAULT = ALONE_INCLUDE


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U33400 = 100 × not re-actualised / rows, ages 13–20 closed in the first half of year − 1.

    Unaccompanied minors count like everyone else (the guide excludes only ekonomiskt bistånd) unless
    the setting ``ungdomar_ensamkommande`` is ``utesluta``.
    """
    frame = c.frame_of(tables, TEMPLATE, TABLE, ctx.year)
    start, end = ctx.shifted_first_half(1)
    exclude_alone = ctx.params.get(ALONE_PARAM, ALONE_DEFAULT) == ALONE_EXCLUDE
    needed = (AGE, CLOSED, BACK, ONLY_AID, ALONE) if exclude_alone else (AGE, CLOSED, BACK, ONLY_AID)
    rules: list[c.Rule] = [
        (MISSING, c.is_null(*needed)),
        (c.OUTSIDE, c.outside(CLOSED, start, end)),
        (f"ålder utanför {MIN_AGE}–{MAX_AGE}", ~pl.col(AGE).is_between(MIN_AGE, MAX_AGE)),
        ("endast ekonomiskt bistånd", pl.col(ONLY_AID)),
    ]
    if exclude_alone:
        rules.append(("ensamkommande", pl.col(ALONE)))
    part = c.split(frame, rules)
    used = part.used
    stayed = int((~used.get_column(BACK)).sum()) if used.height else 0
    return [c.ratio("U33400", stayed, used.height, rows_used=used.height, excluded=part.excluded)]
