"""Native Excel charts for the comparison workbook: three years per measure and the national distribution."""

from __future__ import annotations

from typing import Any

from kkik_xl.catalogue import Measure
from kkik_xl.coordinator.compare import MeasureComparison
from kkik_xl.coordinator.histogram import BAR_HEX, histogram
from kkik_xl.coordinator.presentation import HEX, number

DATA_SHEET = "Diagramdata"


def num_format(decimals: int) -> str:
    """Excel number format with ``decimals`` decimals (Excel shows the user's decimal separator)."""
    return "0" if decimals == 0 else "0." + "0" * decimals


class ChartData:
    """A hidden sheet holding histogram bins: two rows (labels, counts) per measure."""

    def __init__(self, wb: Any) -> None:
        self.ws = wb.add_worksheet(DATA_SHEET)
        self.ws.hide()
        self.next_row = 0

    def add(self, labels: list[str], counts: list[int]) -> int:
        """Write one histogram; returns its label row (counts are in the row below)."""
        row = self.next_row
        self.ws.write_row(row, 0, labels)
        self.ws.write_row(row + 1, 0, counts)
        self.next_row += 2
        return row


def years_chart(
    wb: Any,
    sheet: str,
    head_row: int,
    row: int,
    m: Measure,
    mc: MeasureComparison,
    year: int,
    mean_col: int = 13,
) -> Any:
    """Column chart of the municipality's three years with the KKiK mean as a line.

    The years are in columns E–G of ``row``; the mean is repeated in hidden columns N–P of that row.
    """
    mean_col = 13
    chart = wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": f"Kommunen (färg {year} = {mc.colour})",
            "fill": {"color": "#9CA3AF"},
            "categories": [sheet, head_row, 4, head_row, 6],
            "values": [sheet, row, 4, row, 6],
            "points": [{"fill": {"color": "#9CA3AF"}}] * 2 + [{"fill": {"color": HEX[mc.colour]}}],
            "data_labels": {
                "value": True,
                "position": "inside_end",
                "num_format": num_format(min(m.decimals, 1)),
            },
        }
    )
    if mc.mean is not None:
        line = wb.add_chart({"type": "line"})
        line.add_series(
            {
                "name": f"KKiK-medel {year}",
                "categories": [sheet, head_row, 4, head_row, 6],
                "values": [sheet, row, mean_col, row, mean_col + 2],
                "line": {"color": "#374151", "dash_type": "dash", "width": 1.5},
                "marker": {"type": "none"},
            }
        )
        chart.combine(line)
    chart.set_title({"name": f"{m.short_title} ({m.unit.value})", "name_font": {"size": 10}})
    chart.set_legend({"position": "bottom", "font": {"size": 8}})
    chart.set_y_axis({"min": 0, "major_gridlines": {"visible": True, "line": {"color": "#E5E7EB"}}})
    chart.set_size({"width": 590, "height": 230})
    chart.show_hidden_data()
    return chart


def distribution_chart(wb: Any, data: ChartData, m: Measure, mc: MeasureComparison, year: int) -> Any:
    """Column chart of how many municipalities fall in each value range, worst left, ours highlighted."""
    bins = histogram(m, mc)
    labels = [number((b.low + b.high) / 2, m.decimals) for b in bins]
    row = data.add(labels, [b.count for b in bins])
    ours = {"fill": {"color": HEX[mc.colour]}, "border": {"color": "#111827", "width": 2}}
    points = [ours if b.ours else {"fill": {"color": BAR_HEX[b.colour]}} for b in bins]
    chart = wb.add_chart({"type": "column"})
    chart.add_series(
        {
            "name": f"Antal kommuner {year}",
            "categories": [DATA_SHEET, row, 0, row, max(len(bins) - 1, 0)],
            "values": [DATA_SHEET, row + 1, 0, row + 1, max(len(bins) - 1, 0)],
            "points": points,
            "gap": 15,
        }
    )
    title = f"Alla kommuner {year}: {m.short_title} (kommunen = stapeln med svart kant)"
    chart.set_title({"name": title, "name_font": {"size": 10}})
    chart.set_x_axis({"name": "sämre  →  bättre", "name_font": {"size": 8}, "num_font": {"size": 7}})
    chart.set_legend({"none": True})
    chart.set_size({"width": 590, "height": 230})
    return chart
