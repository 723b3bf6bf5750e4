"""Kost: U07409 (andel ekologiska livsmedel, i kronor)."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult

TEMPLATE, TABLE = "kost", "Fakturor"
DATE, TOTAL, ECO, GROUP = "Fakturadatum", "Belopp totalt (kr)", "Varav ekologiskt (kr)", "Varugrupp"
MISSING = "uppgift saknas"


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U07409 = 100 × Σ ekologiskt / Σ totalt for invoices dated in the period."""
    frame = c.frame_of(tables, TEMPLATE, TABLE, ctx.year)
    part = c.split(
        frame,
        [
            (MISSING, c.is_null(DATE, TOTAL)),
            (c.OUTSIDE, c.outside(DATE, ctx.period_start, ctx.period_end)),
        ],
    )
    used = part.used.with_columns(pl.col(ECO).fill_null(0.0))
    total = float(used.get_column(TOTAL).sum()) if used.height else 0.0
    eco = float(used.get_column(ECO).sum()) if used.height else 0.0
    share = pl.when(pl.col(TOTAL).sum() != 0).then(100 * pl.col(ECO).sum() / pl.col(TOTAL).sum())
    groups = c.per_unit(used, GROUP, share)
    extras = {"units": groups} if groups else {}
    return [c.ratio("U07409", eco, total, rows_used=used.height, excluded=part.excluded, extras=extras)]
