"""The Resultat sheet: one row per measure with a live, preliminary preview value."""

from __future__ import annotations

from dataclasses import dataclass

from xlsxwriter.format import Format
from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kkik_xl.catalogue import CATALOGUE, Measure, Template
from kkik_xl.excel.preview_formulas import (
    QUALITY_KPIS,
    Preview,
    preview_for,
    quality_points_formula,
    quality_share_formula,
    quality_total_formula,
    ref,
)
from kkik_xl.excel.template_formats import Formats
from kkik_xl.excel.template_sheets import PROTECT_OPTIONS

RESULT_SHEET = "Resultat"
RESULT_HEADERS = ("KPI", "Nyckeltal", "Värde (preliminärt)", "Enhet", "Rader som räknas", "Beräknas med")
HEADER_ROW = 3  # zero-based: headers in Excel row 4, first measure in row 5
VALUE_COLUMN = 2
ROWS_COLUMN = 4
_WIDTHS = (9, 52, 13, 12, 11, 30)


@dataclass(frozen=True)
class ResultCell:
    """Where a measure's preview lives on Resultat (zero-based row/column)."""

    kpi: str
    row: int
    native: bool

    @property
    def value_cell(self) -> str:
        """A1 address of the preview value."""
        return str(xl_rowcol_to_cell(self.row, VALUE_COLUMN))


def _write_formula(ws: Worksheet, row: int, col: int, formula: str, array: bool, style: Format) -> None:
    if array:
        ws.write_array_formula(row, col, row, col, "{" + formula + "}", style, 0)
    else:
        ws.write_formula(row, col, formula, style, 0)


def _quality_block(ws: Worksheet, fmt: Formats, m: Measure, template: Template, year: int, top: int) -> str:
    """Per-aspect share and points below the measures; returns the points range for the total."""
    table = template.table(m.table or "")
    aspects = [c.name for c in table.columns_for_year(year)][len(table.columns) :]
    ws.write_string(top, 1, f"Underlag till {m.kpi}: kvalitetsaspekter ({m.guide_label})", fmt.heading)
    for c, head in enumerate(("Kvalitetsaspekt", "Andel platser med Ja", "Poäng (0–5)"), start=1):
        ws.write_string(top + 1, c, head, fmt.header)
    ws.set_row(top + 1, 32)
    for i, aspect in enumerate(aspects):
        r = top + 2 + i
        ws.write_string(r, 1, aspect, fmt.text)
        ws.write_formula(r, 2, quality_share_formula(table, aspect, year), fmt.percent, 0)
        ws.write_formula(r, 3, quality_points_formula(xl_rowcol_to_cell(r, 2)), fmt.result_int, 0)
    first = xl_rowcol_to_cell(top + 2, 3, row_abs=True, col_abs=True)
    last = xl_rowcol_to_cell(top + 1 + len(aspects), 3, row_abs=True, col_abs=True)
    return quality_total_formula(f"{first}:{last}", len(aspects))


def write_resultat(wb: Workbook, fmt: Formats, template: Template, year: int) -> list[ResultCell]:
    """Write Resultat and return where each measure's preview is."""
    ws = wb.add_worksheet(RESULT_SHEET)
    for c, width in enumerate(_WIDTHS):
        ws.set_column(c, c, width)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, f"Resultat {year} – preliminär förhandsvisning", fmt.title)
    ws.set_row(0, 26)
    note = (
        "Värdena räknas om medan du fyller i och är PRELIMINÄRA. Det officiella värdet beräknas av "
        "Validera (kkik-xl validate), som också visar vilka rader som räknats bort och varför."
    )
    ws.merge_range(1, 0, 1, 5, note, fmt.note)
    ws.set_row(1, 32)
    for c, head in enumerate(RESULT_HEADERS):
        ws.write_string(HEADER_ROW, c, head, fmt.header)
    ws.set_row(HEADER_ROW, 32)
    measures = CATALOGUE.measures_of(template.id)
    cells: list[ResultCell] = []
    block_top = HEADER_ROW + len(measures) + 3
    for i, m in enumerate(measures):
        row = HEADER_ROW + 1 + i
        cells.append(_write_measure(ws, fmt, m, template, year, row, block_top))
        if m.kpi in QUALITY_KPIS:
            block_top += len(template.table(m.table or "").quality_names(year)) + 4
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", PROTECT_OPTIONS)
    return cells


def _write_measure(
    ws: Worksheet, fmt: Formats, m: Measure, template: Template, year: int, row: int, block_top: int
) -> ResultCell:
    ws.write_string(row, 0, m.kpi, fmt.text)
    title = f"{m.title} ({m.guide_label})" if m.number else m.title
    ws.write_string(row, 1, title, fmt.wrap)
    ws.write_string(row, 3, m.unit.value, fmt.text)
    ws.set_row(row, 30 if len(title) > 62 else 15)
    if m.kpi in QUALITY_KPIS:
        total = _quality_block(ws, fmt, m, template, year, block_top)
        places = ref(template.table(m.table or ""), "Antal platser")
        preview = Preview(value=total, rows=f"=COUNT({places})", native=True)
    else:
        preview = preview_for(m.kpi)
    _write_formula(ws, row, VALUE_COLUMN, preview.value, preview.array, fmt.result_for(m.decimals))
    _write_formula(ws, row, ROWS_COLUMN, preview.rows, preview.array, fmt.result_int)
    how = "Formel i kalkylbladet" if preview.native else "Tillägget kkik-xl; officiellt värde via Validera"
    ws.write_string(row, 5, how, fmt.wrap)
    return ResultCell(kpi=m.kpi, row=row, native=preview.native)
