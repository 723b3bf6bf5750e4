"""Histogram of all municipalities' values for one measure, shared by the HTML and XLSX reports."""

from __future__ import annotations

from dataclasses import dataclass

from kkik_xl.catalogue import Direction, Measure
from kkik_xl.coordinator.compare import MeasureComparison

BINS = 24
BAR_HEX = {"grön": "#9fd3ae", "gul": "#f5dc8a", "röd": "#eba6a0", "grå": "#c9ced6"}


@dataclass(frozen=True)
class Bin:
    """One bar: value range, number of municipalities, their most common colour, and whether ours is in it."""

    low: float
    high: float
    count: int
    colour: str
    ours: bool


def histogram(m: Measure, mc: MeasureComparison, bins: int = BINS) -> list[Bin]:
    """Equal-width bins from worst to best (so better is to the right for both directions)."""
    values = mc.distribution
    if not values:
        return []
    low, high = min(values), max(values)
    span = (high - low) or 1.0
    counts = [0] * bins
    tints: list[dict[str, int]] = [{} for _ in range(bins)]
    colours = mc.distribution_colours or ("grå",) * len(values)
    for v, c in zip(values, colours, strict=True):
        b = min(bins - 1, int((v - low) / span * bins))
        counts[b] += 1
        tints[b][c] = tints[b].get(c, 0) + 1
    ours = None if mc.value is None else min(bins - 1, max(0, int((mc.value - low) / span * bins)))
    out = [
        Bin(
            low=low + i * span / bins,
            high=low + (i + 1) * span / bins,
            count=counts[i],
            colour=max(tints[i], key=lambda c: tints[i][c]) if counts[i] else "grå",
            ours=i == ours,
        )
        for i in range(bins)
    ]
    return out[::-1] if m.direction is Direction.LOWER else out
