"""Comparison workbook (XlsxWriter): an overview sheet, one sheet per area, conditional colours, charts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

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
)
from kkik_xl.coordinator.xlsx_charts import ChartData, distribution_chart, years_chart

HEADERS = ("Mått", "KPI", "Riktning", "Enhet", "", "", "", "Trend", "KKiK-medel", "Färg", "Plats", "Antal")
WIDTHS = (30, 9, 15, 8, 10, 10, 10, 14, 12, 9, 8, 8)
FIRST_ROW = 4  # zero-based row of the table header
MEAN_COL = 13  # zero-based first of three hidden columns repeating the mean for the chart line


def _num_format(decimals: int) -> str:
    return "0" if decimals == 0 else "0." + "0" * decimals


class _Styles:
    """Cell formats shared by all sheets."""

    def __init__(self, wb: Any) -> None:
        self.title = wb.add_format({"bold": True, "font_size": 16})
        self.banner = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#7C2D12"})
        self.head = wb.add_format({"bold": True, "bg_color": "#F3F4F6", "bottom": 1, "text_wrap": True})
        self.head_num = wb.add_format({"bold": True, "bg_color": "#F3F4F6", "bottom": 1, "align": "right"})
        self.text = wb.add_format({"valign": "vcenter"})
        self.centre = wb.add_format({"align": "center"})
        self.muted = wb.add_format({"font_color": "#6B7280", "text_wrap": True, "valign": "top"})
        self.num = {d: wb.add_format({"num_format": _num_format(d)}) for d in range(4)}
        self.bold_num = {d: wb.add_format({"bold": True, "num_format": _num_format(d)}) for d in range(4)}
        self.fill = {c: wb.add_format({"bg_color": LIGHT_HEX[c], "font_color": "#111111"}) for c in HEX}
        self.trend = {t: wb.add_format({"font_color": h, "indent": 1}) for t, h in TREND_HEX.items()}


def _colour_rules(ws: Any, styles: _Styles, cell_range: str) -> None:
    """Conditional fills on the colour column: the cell text decides the fill."""
    for colour, fmt in styles.fill.items():
        ws.conditional_format(
            cell_range, {"type": "cell", "criteria": "==", "value": f'"{colour}"', "format": fmt}
        )


def _page_setup(ws: Any) -> None:
    """Landscape A4, one page wide and as many pages tall as needed, so printed text stays readable."""
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.hide_gridlines(2)


def _write_row(ws: Any, styles: _Styles, row: int, m: Measure, mc: MeasureComparison, year: int) -> None:
    ws.write_string(row, 0, m.short_title, styles.text)
    ws.write_string(row, 1, m.kpi)
    ws.write_string(row, 2, direction_text(m))
    ws.write_string(row, 3, m.unit.value)
    for i, y in enumerate(range(year - 2, year + 1)):
        value = mc.values_by_year.get(str(y))
        fmt = (styles.bold_num if y == year else styles.num)[min(m.decimals, 3)]
        if value is None:
            ws.write_blank(row, 4 + i, None, fmt)
        else:
            ws.write_number(row, 4 + i, value, fmt)
    ws.write_string(row, 7, trend_text(mc.trend), styles.trend.get(mc.trend or "", styles.text))
    if mc.mean is not None:
        ws.write_number(row, 8, mc.mean, styles.num[min(m.decimals, 3)])
    ws.write_string(row, 9, mc.colour, styles.centre)
    if mc.rank is not None:
        ws.write_number(row, 10, mc.rank)
    ws.write_number(row, 11, mc.n)
    if mc.mean is not None:  # hidden helper cells: the mean line of the chart
        for i in range(3):
            ws.write_number(row, MEAN_COL + i, mc.mean)


def _area_sheet(
    wb: Any, styles: _Styles, comparison: Comparison, area: str, rows: list[Any], data: ChartData
) -> None:
    name = area[:31]
    ws = wb.add_worksheet(name)
    _page_setup(ws)
    year = comparison.year
    ws.write_string(0, 0, f"{area} – {municipality_name(comparison.municipality)} {year}", styles.title)
    if comparison.synthetic:
        ws.merge_range(1, 0, 1, len(HEADERS) - 1, SYNTHETIC_BANNER, styles.banner)
    headers = list(HEADERS)
    headers[4:7] = [str(y) for y in range(year - 2, year + 1)]
    for col, (text, width) in enumerate(zip(headers, WIDTHS, strict=True)):
        numeric = col in (4, 5, 6, 8, 10, 11)
        ws.write_string(FIRST_ROW, col, text, styles.head_num if numeric else styles.head)
        ws.set_column(col, col, width)
    for i, (m, mc) in enumerate(rows):
        _write_row(ws, styles, FIRST_ROW + 1 + i, m, mc, year)
    last = FIRST_ROW + len(rows)
    _colour_rules(ws, styles, f"J{FIRST_ROW + 2}:J{last + 1}")
    ws.set_column(MEAN_COL, MEAN_COL + 2, None, None, {"hidden": True})
    ws.freeze_panes(FIRST_ROW + 1, 1)
    for i, (m, mc) in enumerate(rows):
        top = last + 3 + i * 13
        ws.insert_chart(f"A{top}", years_chart(wb, name, FIRST_ROW, FIRST_ROW + 1 + i, m, mc, year))
        ws.insert_chart(f"G{top}", distribution_chart(wb, data, m, mc, year))


def _overview(wb: Any, styles: _Styles, comparison: Comparison, notes: list[str]) -> None:
    ws = wb.add_worksheet("Översikt")
    _page_setup(ws)
    ws.set_column(0, 0, 34)
    ws.set_column(1, 4, 9)
    title = f"KKiK {comparison.year} – {municipality_name(comparison.municipality)}"
    ws.write_string(0, 0, title, styles.title)
    if comparison.synthetic:
        ws.merge_range(1, 0, 1, 8, SYNTHETIC_BANNER, styles.banner)
    ws.write_string(2, 0, comparison.sentence() + ".")
    for col, text in enumerate(("Område", "grön", "gul", "röd", "grå")):
        ws.write_string(FIRST_ROW, col, text, styles.head_num if col else styles.head)
    areas = by_area(comparison)
    for i, (area, rows) in enumerate(areas):
        ws.write_string(FIRST_ROW + 1 + i, 0, area)
        for col, colour in enumerate(("grön", "gul", "röd", "grå"), start=1):
            count = sum(1 for _, mc in rows if mc.colour == colour)
            ws.write_number(FIRST_ROW + 1 + i, col, count, styles.fill[colour])
    last = FIRST_ROW + len(areas)
    chart = wb.add_chart({"type": "bar", "subtype": "stacked"})
    for col, colour in enumerate(("grön", "gul", "röd", "grå"), start=1):
        chart.add_series(
            {
                "name": ["Översikt", FIRST_ROW, col],
                "categories": ["Översikt", FIRST_ROW + 1, 0, last, 0],
                "values": ["Översikt", FIRST_ROW + 1, col, last, col],
                "fill": {"color": HEX[colour]},
                "gap": 60,
            }
        )
    chart.set_title({"name": "Antal mått per färg och område", "name_font": {"size": 11}})
    chart.set_y_axis({"reverse": True})
    chart.set_size({"width": 620, "height": 320})
    ws.insert_chart(FIRST_ROW, 6, chart)
    ws.merge_range(last + 2, 0, last + 5, 4, RULE_TEXT, styles.muted)
    for i, note in enumerate(notes):
        ws.write_string(last + 7 + i, 0, note, styles.muted)


def write_xlsx(comparison: Comparison, path: Path, notes: list[str] | None = None) -> Path:
    """Write the comparison workbook to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    styles = _Styles(wb)
    _overview(wb, styles, comparison, notes or [])
    data = ChartData(wb)
    for area, rows in by_area(comparison):
        _area_sheet(wb, styles, comparison, area, rows, data)
    wb.close()
    return path
