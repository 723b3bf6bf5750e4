"""Self-contained HTML comparison report: inline CSS and SVG, no scripts, no network."""

from __future__ import annotations

from html import escape

from kkik_xl.catalogue import Measure
from kkik_xl.coordinator.compare import Comparison, MeasureComparison
from kkik_xl.coordinator.presentation import (
    HEX,
    LIGHT_HEX,
    RULE_TEXT,
    SYNTHETIC_BANNER,
    TREND_HEX,
    by_area,
    direction_text,
    municipality_name,
    trend_text,
    with_unit,
)
from kkik_xl.coordinator.report_svg import distribution_svg, shares_svg

CSS = """
body{font-family:"Segoe UI",Arial,Helvetica,sans-serif;color:#1f2937;margin:24px 32px;max-width:1180px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:2px solid #e5e7eb}
.lead{font-size:16px;margin:6px 0 14px}.muted{color:#6b7280;font-size:12px}
.banner{background:#7c2d12;color:#fff;font-weight:700;padding:10px 14px;margin:0 0 14px;border-radius:4px}
table{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed}
th{text-align:left;background:#f3f4f6;padding:6px 8px;font-weight:600;border-bottom:1px solid #d1d5db}
td{padding:5px 8px;border-bottom:1px solid #e5e7eb;vertical-align:middle}
td.num,th.num{text-align:right;white-space:nowrap}td.now{font-weight:700}
.dot{display:inline-block;width:12px;height:12px;border-radius:50%;margin-right:6px;vertical-align:-1px;
border:1px solid rgba(0,0,0,.25)}
.pill{display:inline-block;padding:2px 8px;border-radius:10px;font-weight:600;white-space:nowrap}
.kpi{color:#6b7280;font-size:11px}.ax{font-size:9px;fill:#6b7280}.bar{font-size:12px;fill:#111;font-weight:700}
.legend span{margin-right:14px}
td svg{max-width:100%;height:auto}@page{size:A4 landscape;margin:10mm}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}tr{break-inside:avoid}h2{break-after:avoid}
"""


def _colour_cell(mc: MeasureComparison) -> str:
    rank = f" · plats {mc.rank} av {mc.n}" if mc.rank is not None else ""
    return (
        f'<span class="pill" style="background:{LIGHT_HEX[mc.colour]}">'
        f'<span class="dot" style="background:{HEX[mc.colour]}"></span>{escape(mc.colour)}</span>'
        f'<div class="muted">{escape(rank.lstrip(" ·"))}</div>'
    )


def _row(m: Measure, mc: MeasureComparison, year: int) -> str:
    about = f"{m.kpi} · {escape(direction_text(m))}" + ("" if m.kolada_verified else " · id ej verifierat")
    cells = [f"<td>{escape(m.short_title)}<div class='kpi'>{about}</div></td>"]
    for y in range(year - 2, year + 1):
        klass = "num now" if y == year else "num"
        cells.append(f'<td class="{klass}">{escape(with_unit(mc.values_by_year.get(str(y)), m))}</td>')
    colour = TREND_HEX.get(mc.trend or "", "#6b7280")
    cells.append(f'<td style="color:{colour};white-space:nowrap">{escape(trend_text(mc.trend))}</td>')
    cells.append(f'<td class="num">{escape(with_unit(mc.mean, m))}</td>')
    cells.append(f"<td>{_colour_cell(mc)}</td>")
    cells.append(f"<td>{distribution_svg(m, mc)}</td>")
    return "<tr>" + "".join(cells) + "</tr>"


def _area_table(area: str, rows: list[tuple[Measure, MeasureComparison]], year: int) -> str:
    widths = (24, 8, 8, 8, 10, 9, 13, 20)
    cols = "<colgroup>" + "".join(f'<col style="width:{w}%">' for w in widths) + "</colgroup>"
    head = (
        "<tr><th>Mått</th>"
        + "".join(f'<th class="num">{y}</th>' for y in range(year - 2, year + 1))
        + '<th>Trend</th><th class="num">KKiK-medel</th><th>Färg</th><th>Alla kommuner</th></tr>'
    )
    body = "".join(_row(m, mc, year) for m, mc in rows)
    return f"<h2>{escape(area)}</h2><table>{cols}{head}{body}</table>"


def render_html(comparison: Comparison, notes: list[str] | None = None) -> str:
    """The whole report as one HTML string."""
    name = municipality_name(comparison.municipality)
    title = f"KKiK {comparison.year} – {name}"
    if comparison.synthetic:
        title += " (syntetiska data)"
    banner = f'<div class="banner">{escape(SYNTHETIC_BANNER)}</div>' if comparison.synthetic else ""
    legend = "".join(
        f'<span><span class="dot" style="background:{HEX[c]}"></span>{c}</span>'
        for c in ("grön", "gul", "röd", "grå")
    )
    tables = "".join(_area_table(area, rows, comparison.year) for area, rows in by_area(comparison))
    note_items = "".join(f"<li>{escape(n)}</li>" for n in notes or [])
    notes_html = f"<h2>Om underlaget</h2><ul class='muted'>{note_items}</ul>" if note_items else ""
    chart_text = (
        "Diagrammen: staplar = antal kommuner per värdeintervall i sin färg, bättre till höger; "
        f"streckad linje = KKiK-medel; svart linje med färgad triangel = {name}."
    )
    grey = comparison.summary.grey
    grey_text = f" {grey} mått saknar värde (grå)." if grey else ""
    return (
        '<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>{banner}"
        f"<h1>{escape(title)}</h1>"
        f'<p class="lead">{escape(comparison.sentence())}.{escape(grey_text)}</p>'
        f"{shares_svg(comparison.summary)}"
        f'<p class="legend muted">{legend}</p><p class="muted">{escape(RULE_TEXT)} {escape(chart_text)}</p>'
        f"{tables}{notes_html}"
        '<p class="muted">Skapad med kkik-xl.</p>'
        f"{banner}</body></html>"
    )
