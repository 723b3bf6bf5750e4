"""A seeded **synthetic** national dataset: the 290 real municipality codes, three years, every KPI.

The numbers are invented (plausible ranges per unit and direction) and labelled ``syntetisk`` in the
file name, a column/field and every report built from them. Never use them as real figures.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import polars as pl

from kkik_xl.atomic import write_text
from kkik_xl.catalogue import CATALOGUE, Direction, Measure, Unit
from kkik_xl.coordinator.values import values_texts
from kkik_xl.kommuner import all_municipalities

LABEL = "syntetisk"
# Unit → (lowest centre, highest centre, spread as share of centre, lower bound, upper bound)
_RANGES: dict[Unit, tuple[float, float, float, float, float]] = {
    Unit.PERCENT: (45.0, 85.0, 0.15, 0.0, 100.0),
    Unit.DAYS: (10.0, 60.0, 0.45, 0.0, 365.0),
    Unit.COUNT: (5.0, 16.0, 0.25, 1.0, 60.0),
    Unit.INDEX: (62.0, 76.0, 0.08, 0.0, 100.0),
    Unit.POINTS: (40.0, 70.0, 0.15, 0.0, 100.0),
}
# Percentages where lower is better (sick leave, income support) are small shares.
_LOW_PERCENT = (3.0, 10.0, 0.3, 0.0, 100.0)
MISSING_SHARE = 0.04


_BY_KPI = {"N00938": (7.0, 14.0, 0.2, 0.0, 60.0)}  # sjukpenningtal: days per insured, not a waiting time


def _range(m: Measure) -> tuple[float, float, float, float, float]:
    if m.kpi in _BY_KPI:
        return _BY_KPI[m.kpi]
    if m.unit is Unit.PERCENT and m.direction is Direction.LOWER:
        return _LOW_PERCENT
    return _RANGES[m.unit]


def _measure_values(m: Measure, years: list[int], rng: np.random.Generator) -> np.ndarray:
    """Values (municipalities × years) for one measure: a lasting level per municipality plus noise."""
    low, high, spread, floor, ceiling = _range(m)
    centre = rng.uniform(low, high)
    n = len(all_municipalities())
    level = rng.normal(centre, centre * spread, size=n)
    sign = 1.0 if m.direction is Direction.HIGHER else -1.0
    steps = np.arange(len(years)) * sign * centre * 0.01
    noise = rng.normal(0.0, centre * spread * 0.3, size=(n, len(years)))
    values = np.clip(level[:, None] + steps[None, :] + noise, floor, ceiling)
    values = np.round(values, m.decimals)
    values[rng.random(size=values.shape) < MISSING_SHARE] = np.nan
    return values


def synthetic_values(last_year: int, seed: int = 2026, years: int = 3) -> pl.DataFrame:
    """Synthetic ``kpi, kommunkod, år, kön, värde`` for ``years`` years up to ``last_year``."""
    rng = np.random.default_rng(seed)
    codes = [k.kod for k in all_municipalities()]
    span = list(range(last_year - years + 1, last_year + 1))
    frames = []
    for m in CATALOGUE.measures:
        grid = _measure_values(m, span, rng)
        frames.append(
            pl.DataFrame(
                {
                    "kpi": m.kpi,
                    "kommunkod": np.repeat(codes, len(span)),
                    "år": np.tile(span, len(codes)),
                    "kön": "T",
                    "värde": grid.reshape(-1),
                }
            )
        )
    frame = pl.concat(frames).with_columns(pl.col("år").cast(pl.Int64), pl.col("värde").fill_nan(None))
    return frame.drop_nulls("värde")


def labelled_path(out: Path, last_year: int, years: int = 3) -> Path:
    """Where to write: a directory gets the default name; a file name always contains ``syntetisk``."""
    default = f"{LABEL}_nationell_{last_year - years + 1}-{last_year}.csv"
    if out.is_dir() or out.suffix == "":
        return out / default
    if LABEL not in out.name.lower():
        return out.with_name(f"{LABEL}_{out.name}")
    return out


def write_synthetic(out: Path, last_year: int, seed: int = 2026) -> Path:
    """Write the synthetic dataset as CSV (with a ``syntetisk`` column) or merged JSON; returns the path."""
    path = labelled_path(out, last_year)
    frame = synthetic_values(last_year, seed)
    keep = path.suffix.lower() if path.suffix.lower() in (".csv", ".json") else ".csv"
    return write_text(path.with_suffix(keep), values_texts(frame, synthetic=True)[keep])
