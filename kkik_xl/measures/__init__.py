"""Indicator engines: one pure module per template, typed polars frames in, results out.

Frame convention (see docs/arkitektur.md): one ``pl.DataFrame`` per table, keyed by the table's
ListObject name; columns named exactly as the catalogue headers with polars dtypes per column type,
plus ``_row`` (Int64, the Excel row number the user sees) and ``_invalid`` (Boolean, true when any
cell of the row failed to parse — such rows are excluded with reason ``"ogiltiga värden"``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import polars as pl

from kkik_xl.measures import (
    forskola,
    forsorjningsstod,
    hemtjanst,
    kost,
    lss,
    miljobilar,
    sarskilt_boende,
    service,
    ungdomar,
)
from kkik_xl.measures.result import MeasureContext, MeasureResult

Engine = Callable[[Mapping[str, pl.DataFrame], MeasureContext], list[MeasureResult]]

ENGINES: dict[str, Engine] = {
    "forskola": forskola.compute,
    "sarskilt-boende": sarskilt_boende.compute,
    "forsorjningsstod": forsorjningsstod.compute,
    "hemtjanst": hemtjanst.compute,
    "ungdomar": ungdomar.compute,
    "lss": lss.compute,
    "kost": kost.compute,
    "service": service.compute,
    "miljobilar": miljobilar.compute,
}


def compute_template(
    template_id: str, tables: Mapping[str, pl.DataFrame], ctx: MeasureContext
) -> list[MeasureResult]:
    """Compute every measure of ``template_id`` in catalogue order."""
    return ENGINES[template_id](tables, ctx)


__all__ = ["ENGINES", "Engine", "MeasureContext", "MeasureResult", "compute_template"]
