"""Completeness matrix as a workbook: mall/förvaltning × mått per row, one column per kommun and år."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import xlsxwriter

from kkik_xl.coordinator.completeness import INVALID, MISSING, PRESENT, UNSIGNED
from kkik_xl.coordinator.presentation import SYNTHETIC_BANNER

FILLS = {PRESENT: "#D5EFDC", UNSIGNED: "#FBEFC4", INVALID: "#F6D3D0", MISSING: "#E6E8EB"}
LEGEND = (
    f"{PRESENT}: giltig och fullt signerad inlämning · {UNSIGNED}: inlämnad men inte fullt signerad · "
    f"{INVALID}: bara avvisade filer för mallen · {MISSING}: ingen inlämning"
)


def write_completeness_xlsx(matrix: pl.DataFrame, path: Path, *, synthetic: bool = False) -> Path:
    """Write the pivoted matrix with a coloured status per cell and a legend (and a synthetic label)."""
    wide = (
        matrix.with_columns((pl.col("kommunkod") + " " + pl.col("år").cast(pl.String)).alias("_scope"))
        .pivot(on="_scope", index=["förvaltning", "mall", "kpi", "mått"], values="status")
        .fill_null(MISSING)
    )
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Fullständighet")
    head = wb.add_format({"bold": True, "bg_color": "#F3F4F6", "bottom": 1})
    ws.write_string(
        0, 0, "Fullständighet: mall/förvaltning × mått", wb.add_format({"bold": True, "font_size": 14})
    )
    ws.write_string(1, 0, LEGEND, wb.add_format({"font_color": "#6B7280"}))
    if synthetic:
        banner = wb.add_format({"bold": True, "font_color": "#FFFFFF", "bg_color": "#7C2D12"})
        ws.write_string(2, 0, SYNTHETIC_BANNER, banner)
    for col, name in enumerate(wide.columns):
        ws.write_string(3, col, name, head)
        ws.set_column(col, col, 24 if col in (0, 3) else 12)
    for r, row in enumerate(wide.iter_rows()):
        for col, cell in enumerate(row):
            ws.write_string(4 + r, col, str(cell))
    last_row, last_col = 3 + wide.height, len(wide.columns) - 1
    for status, colour in FILLS.items():
        fmt = wb.add_format({"bg_color": colour})
        ws.conditional_format(
            4,
            4,
            last_row,
            last_col,
            {"type": "cell", "criteria": "==", "value": f'"{status}"', "format": fmt},
        )
    ws.freeze_panes(4, 4)
    ws.autofilter(3, 0, last_row, last_col)
    wb.close()
    return path
