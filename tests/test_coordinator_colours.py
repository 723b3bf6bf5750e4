"""National colours, ranks, means and trends follow the KKiK rule and the catalogue's direction."""

from __future__ import annotations

import polars as pl
import pytest

from kkik_xl.coordinator.colours import QuartileRule, colour_frame, colour_of
from kkik_xl.coordinator.compare import Summary, national
from kkik_xl.coordinator.trend import trend_frame
from kkik_xl.kommuner import all_municipalities

CODES = [k.kod for k in all_municipalities()]
SCHEMA = {"kpi": pl.String, "kommunkod": pl.String, "år": pl.Int64, "kön": pl.String, "värde": pl.Float64}
HIGHER, LOWER = "U00412", "U11402"  # e-post (högre bättre), väntetid förskola (lägre bättre)


def frame(kpi: str, values: list[float | None], year: int = 2025) -> pl.DataFrame:
    """One row per value, municipalities in code order; None values are left out (no value)."""
    rows = [(kpi, CODES[i], year, "T", v) for i, v in enumerate(values) if v is not None]
    return pl.DataFrame(
        rows,
        schema=SCHEMA,
        orient="row",
    )


def colours(kpi: str, values: list[float], rule: QuartileRule = QuartileRule.CEIL) -> list[str]:
    out = colour_frame(frame(kpi, values), rule).sort("kommunkod")
    return out["colour"].to_list()


def test_eight_distinct_values_give_two_green_two_red() -> None:
    got = colours(HIGHER, [80, 70, 60, 50, 40, 30, 20, 10])
    assert got == ["grön", "grön", "gul", "gul", "gul", "gul", "röd", "röd"]


def test_tied_group_shares_its_colour() -> None:
    # N=8, cut=2: the three tied at 70 have one strictly better municipality, so all are green.
    got = colours(HIGHER, [80, 70, 70, 70, 40, 30, 20, 20])
    assert got[:4] == ["grön"] * 4
    assert got[4:6] == ["gul", "gul"]
    assert got[6:] == ["röd", "röd"]


def test_tied_group_at_the_cut_is_yellow_together() -> None:
    # 90 and 80 are better than the tied 70s → better=2, not < 2: all three tied are yellow.
    got = colours(HIGHER, [90, 80, 70, 70, 70, 50, 40, 30])
    assert got[2:5] == ["gul", "gul", "gul"]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([5.0], ["grön"]),
        ([5.0, 3.0], ["grön", "röd"]),
        ([5.0, 4.0, 3.0], ["grön", "gul", "röd"]),
        ([4.0, 4.0, 4.0], ["grön", "grön", "grön"]),
    ],
)
def test_fewer_than_four_municipalities(values: list[float], expected: list[str]) -> None:
    assert colours(HIGHER, values) == expected


def test_lower_is_better_reverses_the_order() -> None:
    got = colours(LOWER, [10, 20, 30, 40, 50, 60, 70, 80])
    assert got == ["grön", "grön", "gul", "gul", "gul", "gul", "röd", "röd"]
    ranked = colour_frame(frame(LOWER, [30, 10, 20])).sort("kommunkod")
    assert ranked["rank"].to_list() == [3, 1, 2]


def test_floor_rule_with_fewer_than_four_colours_nothing() -> None:
    assert colours(HIGHER, [5, 4, 3], QuartileRule.FLOOR) == ["gul", "gul", "gul"]
    assert colours(HIGHER, [5, 4, 3], QuartileRule.CEIL) == ["grön", "gul", "röd"]


def test_colour_of_a_new_value_against_a_distribution() -> None:
    others = [80.0, 70.0, 60.0, 50.0, 40.0, 30.0, 20.0]
    assert colour_of(85.0, others, HIGHER) == "grön"
    assert colour_of(55.0, others, HIGHER) == "gul"
    assert colour_of(10.0, others, HIGHER) == "röd"
    assert colour_of(10.0, others, LOWER) == "grön"


def test_trend_in_better_direction_and_missing_years() -> None:
    values = pl.concat(
        [
            frame(HIGHER, [50, 60, 70, None], 2023),
            frame(HIGHER, [55, 60, 65, 80], 2025),
            frame(LOWER, [30, 30.04], 2023),
            frame(LOWER, [20, 30.01], 2025),
        ]
    )
    got = {(r["kpi"], r["kommunkod"]): r["trend"] for r in trend_frame(values, 2025).iter_rows(named=True)}
    assert got[(HIGHER, CODES[0])] == "positiv"
    assert got[(HIGHER, CODES[1])] == "oförändrad"
    assert got[(HIGHER, CODES[2])] == "negativ"
    assert got[(HIGHER, CODES[3])] is None  # no value two years before
    assert got[(LOWER, CODES[0])] == "positiv"  # shorter waiting time is better
    assert got[(LOWER, CODES[1])] == "oförändrad"  # 30.04 and 30.01 both show as 30 days


def test_comparison_of_one_municipality() -> None:
    values = pl.concat(
        [
            frame(HIGHER, [80, 70, 60, 50, 40, 30, 20, 10], 2025),
            frame(HIGHER, [10, 20, 30, 40, 50, 60, 70, 80], 2024),
            frame(HIGHER, [None, 75, 60], 2023),
            frame(LOWER, [1, 2, 3, 4], 2025),
        ]
    )
    comparison = national(values, 2025).compare(CODES[1])
    first = comparison.measures[0]
    assert first.kpi == HIGHER
    assert (first.value, first.colour, first.rank, first.n, first.mean) == (70.0, "grön", 2, 8, 45.0)
    assert first.better_than_mean is True
    assert first.trend == "negativ"
    assert first.values_by_year == {"2023": 75.0, "2024": 20.0, "2025": 70.0}
    lower = next(m for m in comparison.measures if m.kpi == LOWER)
    assert (lower.colour, lower.rank) == ("gul", 2)
    empty = next(m for m in comparison.measures if m.kpi == "U00413")
    assert (empty.value, empty.colour, empty.n, empty.mean, empty.trend) == (None, "grå", 0, None, None)
    assert comparison.summary.green == 0.5
    assert comparison.summary.grey == len(comparison.measures) - 2
    assert comparison.previous_summary is not None and comparison.previous_summary.red == 1.0
    assert comparison.sentence() == "50 % gröna, 50 % gula och 0 % röda, jämfört med 0/0/100 året före"


def test_comparison_json_has_the_documented_keys() -> None:
    doc = national(frame(HIGHER, [3, 2, 1]), 2025).compare(CODES[0]).model_dump(by_alias=True)
    assert {"year", "municipality", "measures", "summary"} <= set(doc)
    assert set(doc["summary"]) == {"grön", "gul", "röd", "grå"}
    keys = {"kpi", "value", "colour", "rank", "n", "mean", "trend", "values_by_year"}
    assert set(doc["measures"][0]) >= keys
    assert "distribution" not in doc["measures"][0]


def test_percentages_sum_to_one_hundred() -> None:
    summary = Summary(green=1 / 3, yellow=1 / 3, red=1 / 3, grey=0)
    assert sum(summary.percentages()) == 100
    assert Summary(green=0.55, yellow=0.36, red=0.09, grey=2).percentages() == (55, 36, 9)
