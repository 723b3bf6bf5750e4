"""Inline SVG charts for the HTML report: a distribution per measure and the colour-share bar."""

from __future__ import annotations

from html import escape

from kkik_xl.catalogue import Direction, Measure
from kkik_xl.coordinator.compare import MeasureComparison, Summary
from kkik_xl.coordinator.histogram import BAR_HEX, histogram
from kkik_xl.coordinator.presentation import HEX, number

WIDTH, HEIGHT = 216, 60
PLOT_TOP, PLOT_BOTTOM = 6, 38


def _x(value: float, low: float, high: float, m: Measure) -> float:
    """Pixel position with the better end to the right."""
    share = 0.5 if high == low else (value - low) / (high - low)
    if m.direction is Direction.LOWER:
        share = 1.0 - share
    return 4 + share * (WIDTH - 8)


def _bars(m: Measure, mc: MeasureComparison) -> list[str]:
    """Histogram bars (worst to best, left to right), each tinted with its most common colour."""
    bins = histogram(m, mc)
    top = max((b.count for b in bins), default=0) or 1
    width = (WIDTH - 8) / len(bins) if bins else 0.0
    out = []
    for i, b in enumerate(bins):
        if not b.count:
            continue
        h = (PLOT_BOTTOM - PLOT_TOP) * b.count / top
        out.append(
            f'<rect x="{4 + i * width:.1f}" y="{PLOT_BOTTOM - h:.1f}" width="{width - 1:.1f}" '
            f'height="{h:.1f}" fill="{BAR_HEX[b.colour]}"/>'
        )
    return out


def distribution_svg(m: Measure, mc: MeasureComparison) -> str:
    """Histogram of all municipalities' values, better to the right, the mean dashed, ours marked."""
    values = mc.distribution
    if not values:
        return '<span class="muted">inga värden</span>'
    low, high = min(values), max(values)
    parts = _bars(m, mc)
    if mc.mean is not None:
        xm = _x(mc.mean, low, high, m)
        parts.append(
            f'<line x1="{xm:.1f}" y1="{PLOT_TOP - 4}" x2="{xm:.1f}" y2="{PLOT_BOTTOM}" '
            'stroke="#6b7280" stroke-dasharray="3 2"/>'
        )
    if mc.value is not None:
        xv = _x(mc.value, low, high, m)
        colour = HEX[mc.colour]
        # A dark line (visible on bars of any colour) with a triangle in the municipality's colour.
        parts.append(
            f'<line x1="{xv:.1f}" y1="{PLOT_TOP - 4}" x2="{xv:.1f}" y2="{PLOT_BOTTOM}" '
            'stroke="#111827" stroke-width="2"/>'
            f'<polygon points="{xv - 6:.1f},{PLOT_BOTTOM + 9} {xv + 6:.1f},{PLOT_BOTTOM + 9} '
            f'{xv:.1f},{PLOT_BOTTOM + 1}" fill="{colour}" stroke="#111827" stroke-width="0.8"/>'
        )
    worst, best = (low, high) if m.direction is Direction.HIGHER else (high, low)
    parts.append(
        f'<text x="4" y="{HEIGHT - 1}" class="ax">sämre {escape(number(worst, m.decimals))}</text>'
        f'<text x="{WIDTH - 4}" y="{HEIGHT - 1}" class="ax" text-anchor="end">'
        f"{escape(number(best, m.decimals))} bättre</text>"
    )
    title = f"Fördelning för {mc.n} kommuner; streckad linje = medel; svart linje och triangel = kommunen"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" role="img"><title>{escape(title)}</title>'
        f'<line x1="4" y1="{PLOT_BOTTOM}" x2="{WIDTH - 4}" y2="{PLOT_BOTTOM}" stroke="#9ca3af"/>'
        + "".join(parts)
        + "</svg>"
    )


def shares_svg(summary: Summary, width: int = 420) -> str:
    """A horizontal bar split into green, yellow and red shares, with percentages written in."""
    g, y, r = summary.percentages()
    x = 0.0
    parts = []
    for pct, name in ((g, "grön"), (y, "gul"), (r, "röd")):
        w = width * pct / 100
        if w:
            parts.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="26" fill="{HEX[name]}"/>')
            if pct >= 8:
                parts.append(
                    f'<text x="{x + w / 2:.1f}" y="18" text-anchor="middle" class="bar">{pct} %</text>'
                )
        x += w
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="26" role="img">'
        f"<title>Andel gröna, gula och röda mått</title>{''.join(parts)}</svg>"
    )
