"""National colours per KPI and year: grön, gul, röd (and grå for no value).

Among the N municipalities with a value, ``better(v)`` counts municipalities strictly better than ``v``
and ``worse(v)`` those strictly worse (direction from the catalogue). With ``cut = ceil(N/4)`` (default
rule): **grön** when ``better < cut``, otherwise **röd** when ``worse < cut``, otherwise **gul**. Tied
values have the same better/worse counts and therefore share their colour.
"""

from __future__ import annotations

from enum import StrEnum

import polars as pl

from kkik_xl.catalogue import CATALOGUE, Direction

GREEN, YELLOW, RED, GREY = "grön", "gul", "röd", "grå"
COLOURS = (GREEN, YELLOW, RED)


class QuartileRule(StrEnum):
    """How the quarter size ``cut`` is computed from N."""

    CEIL = "ceil"
    FLOOR = "floor"
    ROUND = "round"


def direction_frame() -> pl.DataFrame:
    """KPI → sign (+1 higher is better, -1 lower is better) from the catalogue."""
    return pl.DataFrame(
        {
            "kpi": [m.kpi for m in CATALOGUE.measures],
            "_sign": [1.0 if m.direction is Direction.HIGHER else -1.0 for m in CATALOGUE.measures],
        }
    )


def _cut(n: pl.Expr, rule: QuartileRule) -> pl.Expr:
    quarter = n.cast(pl.Float64) / 4.0
    if rule is QuartileRule.FLOOR:
        return quarter.floor()
    if rule is QuartileRule.ROUND:
        # Round half up, so 2.5 → 3 (polars rounds half to even by default).
        return (quarter + 0.5).floor()
    return quarter.ceil()


def colour_frame(values: pl.DataFrame, rule: QuartileRule = QuartileRule.CEIL) -> pl.DataFrame:
    """Add ``better``, ``worse``, ``n``, ``rank``, ``mean`` and ``colour`` per (kpi, år) group.

    ``values`` has at least ``kpi``, ``kommunkod``, ``år`` and a non-null ``värde``; the colour is
    computed within each (kpi, år) over all rows given (pass one gender).
    """
    group = ["kpi", "år"]
    scored = values.join(direction_frame(), on="kpi", how="left").with_columns(
        (pl.col("värde") * pl.col("_sign")).alias("_score")
    )
    ranked = scored.with_columns(
        (pl.col("_score").rank("min", descending=True).over(group) - 1).cast(pl.Int64).alias("better"),
        (pl.col("_score").rank("min").over(group) - 1).cast(pl.Int64).alias("worse"),
        pl.len().over(group).cast(pl.Int64).alias("n"),
        pl.col("värde").mean().over(group).alias("mean"),
    )
    cut = _cut(pl.col("n"), rule)
    return ranked.with_columns(
        (pl.col("better") + 1).alias("rank"),
        pl.when(pl.col("better") < cut)
        .then(pl.lit(GREEN))
        .when(pl.col("worse") < cut)
        .then(pl.lit(RED))
        .otherwise(pl.lit(YELLOW))
        .alias("colour"),
        ((pl.col("värde") - pl.col("mean")) * pl.col("_sign") > 0).alias("better_than_mean"),
    ).drop("_score", "_sign")


def colour_of(
    value: float, distribution: list[float], kpi: str, rule: QuartileRule = QuartileRule.CEIL
) -> str:
    """The colour ``value`` would get among ``distribution`` (other municipalities' values) for ``kpi``."""
    others = pl.DataFrame({"värde": distribution}, schema={"värde": pl.Float64}).drop_nulls()
    sign = 1.0 if CATALOGUE.measure(kpi).direction is Direction.HIGHER else -1.0
    n = others.height + 1
    better = others.filter(pl.col("värde") * sign > value * sign).height
    worse = others.filter(pl.col("värde") * sign < value * sign).height
    cut = pl.select(_cut(pl.lit(n), rule)).item()
    if better < cut:
        return GREEN
    return RED if worse < cut else YELLOW
