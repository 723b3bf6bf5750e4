"""Mean-wait measures (SÄBO, försörjningsstöd, LSS): negative-wait rule and the shared result."""

from __future__ import annotations

from typing import Any

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult

NEGATIVE = "negativ väntetid"
MISSING = "uppgift saknas"
NEGATIVE_PARAM = "negativa_vantetider"
INCLUDE = "ta_med"


def negative_rules(ctx: MeasureContext) -> list[c.Rule]:
    """Exclude negative waits unless ``ctx.params["negativa_vantetider"] == "ta_med"``."""
    if ctx.params.get(NEGATIVE_PARAM) == INCLUDE:
        return []
    return [(NEGATIVE, pl.col(c.DAYS) < 0)]


def mean_wait(
    kpi: str,
    used: pl.DataFrame,
    excluded: dict[str, int],
    *,
    minimum: int = 1,
    too_few: str = c.NO_ROWS,
    extras: dict[str, Any] | None = None,
) -> MeasureResult:
    """Mean of ``used[_days]``; undefined with ``too_few`` when fewer than ``minimum`` rows."""
    n = used.height
    total = int(used.get_column(c.DAYS).sum()) if n else 0
    fields: dict[str, Any] = {"numerator": total, "denominator": n, "rows_used": n, "excluded": excluded}
    if n < max(minimum, 1):
        return c.undefined(kpi, too_few if n else c.NO_ROWS, **fields)
    return MeasureResult(kpi=kpi, value=total / n, extras={**c.wait_extras(used), **(extras or {})}, **fields)
