"""Three-year trend per KPI and municipality: year−2 → year, in the catalogue's better direction."""

from __future__ import annotations

import polars as pl

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.colours import direction_frame

POSITIVE, NEGATIVE, UNCHANGED = "positiv", "negativ", "oförändrad"


def _decimals_frame() -> pl.DataFrame:
    return pl.DataFrame(
        {"kpi": [m.kpi for m in CATALOGUE.measures], "_dec": [m.decimals for m in CATALOGUE.measures]}
    )


def trend_frame(values: pl.DataFrame, year: int) -> pl.DataFrame:
    """``kpi``, ``kommunkod``, ``trend`` for every pair with a value in ``year`` or ``year - 2``.

    ``trend`` is null when either year is missing. Values are compared as displayed (rounded to the
    measure's decimals), so a difference that would not show is ``oförändrad``.
    """
    keys = ["kpi", "kommunkod"]
    now = values.filter(pl.col("år") == year).select(*keys, pl.col("värde").alias("_now"))
    then = values.filter(pl.col("år") == year - 2).select(*keys, pl.col("värde").alias("_then"))
    both = now.join(then, on=keys, how="full", coalesce=True)
    both = both.join(direction_frame(), on="kpi", how="left").join(_decimals_frame(), on="kpi", how="left")
    diff = (_rounded("_now") - _rounded("_then")) * pl.col("_sign")
    trend = (
        pl.when(pl.col("_now").is_null() | pl.col("_then").is_null())
        .then(None)
        .when(diff > 0)
        .then(pl.lit(POSITIVE))
        .when(diff < 0)
        .then(pl.lit(NEGATIVE))
        .otherwise(pl.lit(UNCHANGED))
    )
    return both.select(*keys, trend.alias("trend"))


def _rounded(col: str) -> pl.Expr:
    """``col`` scaled by 10**decimals and rounded half away from zero (vectorised)."""
    x = pl.col(col) * pl.lit(10.0).pow(pl.col("_dec").cast(pl.Float64))
    return (x.abs() + 0.5 + 1e-9).floor() * x.sign()
