"""Compare a municipality with all municipalities: colour, rank, mean, trend and three years of values."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

import polars as pl
from pydantic import BaseModel, ConfigDict, Field

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.colours import COLOURS, GREY, QuartileRule, colour_frame
from kkik_xl.coordinator.trend import trend_frame


class MeasureComparison(BaseModel):
    """One KPI for one municipality and year."""

    model_config = ConfigDict(frozen=True)

    kpi: str
    value: float | None
    colour: str
    rank: int | None
    n: int
    mean: float | None
    better_than_mean: bool | None
    trend: str | None
    values_by_year: dict[str, float | None]
    distribution: tuple[float, ...] = Field(default=(), exclude=True)
    distribution_colours: tuple[str, ...] = Field(default=(), exclude=True)


class Summary(BaseModel):
    """Shares (0–1) of coloured measures, and the number of grey (no value) measures."""

    model_config = ConfigDict(frozen=True, populate_by_name=True)

    green: float = Field(alias="grön")
    yellow: float = Field(alias="gul")
    red: float = Field(alias="röd")
    grey: int = Field(alias="grå")

    def percentages(self) -> tuple[int, int, int]:
        """Whole percentages that sum to 100 (largest remainder), or zeros when nothing is coloured."""
        shares = [self.green * 100, self.yellow * 100, self.red * 100]
        if sum(shares) == 0:
            return (0, 0, 0)
        floors = [int(s) for s in shares]
        order = sorted(range(3), key=lambda i: shares[i] - floors[i], reverse=True)
        for i in order[: 100 - sum(floors)]:
            floors[i] += 1
        return (floors[0], floors[1], floors[2])


class Comparison(BaseModel):
    """A municipality's comparison for one year (the ``compare`` JSON document)."""

    year: int
    municipality: str
    synthetic: bool = False
    measures: list[MeasureComparison]
    summary: Summary
    previous_summary: Summary | None = None

    def sentence(self) -> str:
        """E.g. ``55 % gröna, 36 % gula och 9 % röda, jämfört med 37/46/17 året före``."""
        g, y, r = self.summary.percentages()
        text = f"{g} % gröna, {y} % gula och {r} % röda"
        if self.previous_summary is not None:
            pg, py, pr = self.previous_summary.percentages()
            if pg + py + pr:
                text += f", jämfört med {pg}/{py}/{pr} året före"
        return text


def summarise(colours: list[str]) -> Summary:
    """Shares of grön/gul/röd among coloured measures, and the count of grå."""
    coloured = [c for c in colours if c in COLOURS]
    total = len(coloured) or 1
    shares = [round(coloured.count(c) / total, 4) for c in COLOURS]
    return Summary(green=shares[0], yellow=shares[1], red=shares[2], grey=colours.count(GREY))


@dataclass
class National:
    """Colours of every municipality, KPI and year, plus trends for the comparison year."""

    year: int
    coloured: pl.DataFrame
    trends: pl.DataFrame
    synthetic: bool = False

    def municipalities(self) -> list[str]:
        """Codes with at least one value in the comparison year, sorted."""
        codes = self.coloured.filter(pl.col("år") == self.year)["kommunkod"].unique().sort()
        return codes.to_list()

    def compare(self, code: str) -> Comparison:
        """The comparison document for municipality ``code``."""
        measures = [self._measure(m.kpi, code) for m in CATALOGUE.measures]
        previous = [self._colour_in.get((m.kpi, code, self.year - 1), GREY) for m in CATALOGUE.measures]
        return Comparison(
            year=self.year,
            municipality=code,
            synthetic=self.synthetic,
            measures=measures,
            summary=summarise([m.colour for m in measures]),
            previous_summary=summarise(previous) if any(c != GREY for c in previous) else None,
        )

    @cached_property
    def _colour_in(self) -> dict[tuple[str, str, int], str]:
        rows = self.coloured.select("kpi", "kommunkod", "år", "colour")
        return {(k, c, y): col for k, c, y, col in rows.iter_rows()}

    @cached_property
    def _groups(self) -> dict[str, tuple[int, float | None, tuple[float, ...], tuple[str, ...]]]:
        """KPI → (n, mean, sorted values, their colours) in the comparison year."""
        stats = (
            self.coloured.filter(pl.col("år") == self.year)
            .group_by("kpi")
            .agg(
                pl.len().alias("n"),
                pl.col("värde").mean().alias("mean"),
                pl.col("colour").sort_by("värde"),
                pl.col("värde").sort(),
            )
        )
        return {k: (n, mean, tuple(vs), tuple(cs)) for k, n, mean, cs, vs in stats.iter_rows()}

    @cached_property
    def _own(self) -> dict[tuple[str, str], dict[str, Any]]:
        rows = self.coloured.filter(pl.col("år") == self.year)
        return {(r["kpi"], r["kommunkod"]): r for r in rows.iter_rows(named=True)}

    @cached_property
    def _by_year(self) -> dict[tuple[str, str], dict[int, float]]:
        out: dict[tuple[str, str], dict[int, float]] = {}
        for k, c, y, v in self.coloured.select("kpi", "kommunkod", "år", "värde").iter_rows():
            out.setdefault((k, c), {})[y] = v
        return out

    @cached_property
    def _trend(self) -> dict[tuple[str, str], str | None]:
        return {(k, c): t for k, c, t in self.trends.iter_rows()}

    def _measure(self, kpi: str, code: str) -> MeasureComparison:
        n, mean, distribution, colours = self._groups.get(kpi, (0, None, (), ()))
        row = self._own.get((kpi, code))
        by_year = self._by_year.get((kpi, code), {})
        # Built from already-validated frames: construct without re-validating the distribution tuples.
        return MeasureComparison.model_construct(
            kpi=kpi,
            value=row["värde"] if row else None,
            colour=str(row["colour"]) if row else GREY,
            rank=row["rank"] if row else None,
            n=n,
            mean=round(mean, 4) if mean is not None else None,
            better_than_mean=row["better_than_mean"] if row else None,
            trend=self._trend.get((kpi, code)),
            values_by_year={str(y): by_year.get(y) for y in range(self.year - 2, self.year + 1)},
            distribution=distribution,
            distribution_colours=colours,
        )


def national(
    values: pl.DataFrame, year: int, rule: QuartileRule = QuartileRule.CEIL, *, synthetic: bool = False
) -> National:
    """Colour every (kpi, år) and compute trends to ``year``; ``values`` is one gender, nulls removed."""
    window = values.filter(pl.col("år").is_between(year - 2, year))
    coloured = colour_frame(window, rule)
    return National(year=year, coloured=coloured, trends=trend_frame(window, year), synthetic=synthetic)
