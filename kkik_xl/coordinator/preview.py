"""Likely colour of new values against a reference year's national distribution (before submitting)."""

from __future__ import annotations

import polars as pl
from pydantic import BaseModel

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.colours import GREY, QuartileRule, colour_of


class PreviewRow(BaseModel):
    """One measure: the new value, its likely colour and what it was compared with."""

    kpi: str
    value: float | None
    colour: str
    reference_year: int
    n: int
    previous_value: float | None
    synthetic_reference: bool = False  # the reference values are invented (synthetic dataset)


def reference_year(reference: pl.DataFrame, year: int | None) -> int:
    """The year asked for, else the latest year in the reference values."""
    if year is not None:
        return year
    latest = reference.select(pl.col("år").max()).item()
    if latest is None:
        raise ValueError("referensvärdena är tomma")
    return int(latest)


def preview(
    values: dict[str, float | None],
    municipality: str,
    reference: pl.DataFrame,
    year: int,
    rule: QuartileRule = QuartileRule.CEIL,
    *,
    synthetic: bool = False,
) -> list[PreviewRow]:
    """Colour each value among the other municipalities' values for ``year`` (own old value left out)."""
    ref = reference.filter(pl.col("år") == year)
    others = ref.filter(pl.col("kommunkod") != municipality)
    own = dict(ref.filter(pl.col("kommunkod") == municipality).select("kpi", "värde").iter_rows())
    grouped = dict(others.group_by("kpi").agg(pl.col("värde")).iter_rows())
    rows = []
    for m in CATALOGUE.measures:
        if m.kpi not in values:
            continue
        value, distribution = values[m.kpi], list(grouped.get(m.kpi, []))
        colour = GREY if value is None or not distribution else colour_of(value, distribution, m.kpi, rule)
        rows.append(
            PreviewRow(
                kpi=m.kpi,
                value=value,
                colour=colour,
                reference_year=year,
                n=len(distribution),
                previous_value=own.get(m.kpi),
                synthetic_reference=synthetic,
            )
        )
    return rows
