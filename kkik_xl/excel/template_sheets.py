"""Writers for the other sheets of a template: Instruktioner, Uppgifter, input tables, Kontroll, _meta."""

from __future__ import annotations

import textwrap
from datetime import date

from xlsxwriter.utility import xl_rowcol_to_cell
from xlsxwriter.workbook import Workbook
from xlsxwriter.worksheet import Worksheet

from kkik_xl.calendar_se import DEFAULT_CALENDAR
from kkik_xl.catalogue import CATALOGUE, ParameterType, Table, Template
from kkik_xl.excel.marking import ANKARE_COLUMN, KONTROLL_HEADERS, MOTIVERING_COLUMN
from kkik_xl.excel.preview_formulas import HOLIDAYS_NAME, YEAR_NAME
from kkik_xl.excel.template_formats import LAST_ROW, Formats, column_validation
from kkik_xl.excel.template_text import instruction_blocks
from kkik_xl.kommuner import Kommun, all_municipalities

META_SHEET = "_meta"
META_KEYS = ("template_id", "template_version", "catalogue_version", "year", "fingerprint")
KOMMUN_LIST_NAME = "KKIK_Kommunlista"
KOMMUNKOD_LIST_NAME = "KKIK_Kommunkodlista"
PROTECT_OPTIONS = {"select_locked_cells": True, "select_unlocked_cells": True, "format_columns": True}
_INSTR_WIDTHS = (26, 19, 7, 54)  # fits an A4 portrait page


def _row_height(text: str, chars_per_line: int, line_pt: float = 15.0) -> float:
    """Height of a wrapped cell: lines broken at word boundaries, as Excel does (Calibri 11)."""
    lines = sum(max(1, len(textwrap.wrap(part, chars_per_line))) for part in text.split("\n"))
    return lines * line_pt


def write_instructions(wb: Workbook, fmt: Formats, template: Template, year: int) -> None:
    """The printable Instruktioner sheet (four columns, A4 portrait, fit to width)."""
    ws = wb.add_worksheet("Instruktioner")
    for i, width in enumerate(_INSTR_WIDTHS):
        ws.set_column(i, i, width)
    full = sum(_INSTR_WIDTHS)
    row = 0
    for block in instruction_blocks(template, year):
        if block.kind == "row":
            style = fmt.header if block.cells[0] == "Kolumn" else fmt.wrap
            for c, text in enumerate(block.cells):
                ws.write_string(row, c, text, style)
            ws.set_row(
                row,
                max(
                    _row_height(t, int((w - 1) * 1.25))
                    for t, w in zip(block.cells, _INSTR_WIDTHS, strict=True)
                ),
            )
        else:
            if block.kind == "heading":
                row += 1
            style = {"title": fmt.title, "heading": fmt.heading, "note": fmt.label}.get(block.kind, fmt.wrap)
            ws.merge_range(row, 0, row, 3, block.cells[0], style)
            height = 24.0 if block.kind == "title" else _row_height(block.cells[0], int(full * 1.25))
            ws.set_row(row, height + (4 if block.kind == "heading" else 0))
        row += 1
    ws.print_area(0, 0, row - 1, 3)
    ws.set_paper(9)
    ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.6, right=0.6, top=0.7, bottom=0.7)
    ws.set_footer("&LKKiK " + str(year) + " – " + template.name + "&RSida &P av &N")
    ws.hide_gridlines(2)
    ws.protect("", PROTECT_OPTIONS)


def _uppgift(ws: Worksheet, fmt: Formats, row: int, label: str, help_text: str) -> None:
    ws.write_string(row, 0, label, fmt.label)
    ws.write_string(row, 2, help_text, fmt.note)
    ws.set_row(row, max(20.0, _row_height(help_text, 84)))


def write_uppgifter(wb: Workbook, fmt: Formats, template: Template, year: int) -> None:
    """Uppgifter: municipality (dropdown), department, contact role, year and template parameters."""
    ws = wb.add_worksheet("Uppgifter")
    ws.set_column(0, 0, 28)
    ws.set_column(1, 1, 30)
    ws.set_column(2, 2, 72)
    ws.hide_gridlines(2)
    ws.write_string(0, 0, f"Uppgifter – {template.name}", fmt.title)
    ws.set_row(0, 26)
    ws.merge_range(1, 0, 1, 2, "Fyll i de gula cellerna. Skriv aldrig namn på personer.", fmt.note)
    n = len(all_municipalities())
    _uppgift(ws, fmt, 3, "Kommun", "Välj kommunen i listan (skriv början av namnet för att söka).")
    ws.write_blank(3, 1, None, fmt.input_text)
    ws.data_validation(3, 1, 3, 1, {
        "validate": "list", "source": f"={KOMMUN_LIST_NAME}", "input_title": "Kommun",
        "input_message": "Välj kommunen i listan.", "error_title": "Okänd kommun",
        "error_message": "Välj en av Sveriges 290 kommuner i listan.",
    })  # fmt: skip
    _uppgift(ws, fmt, 4, "Kommunkod", "Fylls i automatiskt från kommunen (SCB:s kommunkod).")
    code = f'=IFERROR(INDEX({KOMMUNKOD_LIST_NAME},MATCH(B4,{KOMMUN_LIST_NAME},0)),"")'
    ws.write_formula(4, 1, code, fmt.locked_value, "")
    _uppgift(ws, fmt, 5, "Förvaltning", "Förvaltning eller nämnd som lämnar uppgifterna.")
    ws.write_string(5, 1, template.department, fmt.input_text)
    _uppgift(ws, fmt, 6, "Kontaktroll", "En roll, till exempel ”enhetschef” – inte ett namn.")
    ws.write_blank(6, 1, None, fmt.input_text)
    _uppgift(ws, fmt, 7, "År", "Mätåret som mallen är gjord för. Hämta en ny mall för ett annat år.")
    ws.write_number(7, 1, year, fmt.locked_value)
    names = {"Kommun": 3, "Kommunkod": 4, "Forvaltning": 5, "Kontaktroll": 6, "Ar": 7}
    for key, r in names.items():
        wb.define_name(f"KKIK_{key}", f"=Uppgifter!$B${r + 1}")
    for i, p in enumerate(template.parameters):
        _write_parameter(wb, ws, fmt, 8 + i, p.name, p.label, p.help, p.type, p.default, year)
    wb.define_name(KOMMUN_LIST_NAME, f"={META_SHEET}!$H$2:$H${n + 1}")
    wb.define_name(KOMMUNKOD_LIST_NAME, f"={META_SHEET}!$G$2:$G${n + 1}")
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.protect("", PROTECT_OPTIONS)


def _write_parameter(
    wb: Workbook, ws: Worksheet, fmt: Formats, row: int, name: str, label: str, help_text: str,
    ptype: ParameterType, default: str | None, year: int,
) -> None:  # fmt: skip
    _uppgift(ws, fmt, row, label, help_text)
    value = default.format(year=year) if default else ""
    if ptype is ParameterType.DATE:
        ws.write_datetime(row, 1, date.fromisoformat(value), fmt.input_date)
        ws.data_validation(row, 1, row, 1, {
            "validate": "date", "criteria": "between", "minimum": date(year, 1, 1),
            "maximum": date(year, 12, 31), "input_title": label[:32], "input_message": help_text[:255],
            "error_title": "Ogiltigt datum", "error_message": f"Skriv ett datum under {year} som ÅÅÅÅ-MM-DD.",
        })  # fmt: skip
    elif ptype is ParameterType.INT:
        ws.write_number(row, 1, int(value or 0), fmt.input_text)
    else:
        ws.write_string(row, 1, value or "Nej", fmt.input_text)
        ws.data_validation(row, 1, row, 1, {"validate": "list", "source": ["Ja", "Nej"]})
    wb.define_name(f"KKIK_{name}", f"=Uppgifter!$B${row + 1}")


def write_input_sheet(wb: Workbook, fmt: Formats, table: Table, year: int) -> None:
    """One Table at A1 with the year's headers, typed whole-column formats and validation."""
    ws = wb.add_worksheet(table.sheet)
    columns = table.columns_for_year(year)
    specs = []
    for c, col in enumerate(columns):
        width = max(col.width, min(len(col.name) + 3, 34))
        ws.set_column(c, c, width, fmt.by_type[col.type])
        cell = xl_rowcol_to_cell(1, c)
        ws.data_validation(1, c, LAST_ROW, c, column_validation(col, year, cell))
        specs.append({"header": col.name, "format": fmt.by_type[col.type], "header_format": fmt.header})
    ws.add_table(0, 0, 1, len(columns) - 1, {
        "name": table.name, "columns": specs, "style": "Table Style Medium 2", "autofilter": True,
    })  # fmt: skip
    ws.set_row(0, 32 if any(len(c.name) > 18 for c in columns) else 18)
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)  # no print area: a filled sheet prints all its rows, the header on every page


def _swedish_key(kommun: Kommun) -> str:
    """Swedish alphabetical order (å, ä, ö after z) for the dropdown."""
    return kommun.namn.lower().translate(str.maketrans("åäö", "{|}"))


def write_kontroll(wb: Workbook, fmt: Formats) -> None:
    """Kontroll: the findings headers; validation fills it, users write in Motivering."""
    ws = wb.add_worksheet("Kontroll")
    widths = (14, 14, 14, 8, 6, 20, 16, 60, 10, 40, 14)
    for c, (head, width) in enumerate(zip(KONTROLL_HEADERS, widths, strict=True)):
        ws.write_string(0, c, head, fmt.header)
        ws.set_column(c, c, width, fmt.wrap)
    # Ankare ties each Motivering to its row's content; hidden, it is still sorted and copied with the row.
    ws.set_column(ANKARE_COLUMN - 1, ANKARE_COLUMN - 1, widths[-1], fmt.wrap, {"hidden": True})
    motivering = MOTIVERING_COLUMN - 1
    unlocked = wb.add_format({"locked": False, "text_wrap": True, "valign": "top"})
    ws.set_column(motivering, motivering, widths[motivering], unlocked)
    ws.write_string(0, motivering, KONTROLL_HEADERS[motivering], fmt.header)
    ws.freeze_panes(1, 0)
    ws.set_landscape()
    ws.set_paper(9)
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0)
    ws.protect("", {**PROTECT_OPTIONS, "autofilter": True, "sort": True})


def write_meta(wb: Workbook, template: Template, year: int, fingerprint: str) -> None:
    """Hidden, protected _meta: keys in A, values in B; holiday and municipality lists beside them."""
    ws = wb.add_worksheet(META_SHEET)
    values = (template.id, template.version, CATALOGUE.version, str(year), fingerprint)
    for r, (key, value) in enumerate(zip(META_KEYS, values, strict=True)):
        ws.write_string(r, 0, key)
        ws.write_string(r, 1, value)
    ws.set_column(1, 1, 70)
    holidays = [d for y in (year - 1, year, year + 1) for d in DEFAULT_CALENDAR.holidays_in(y)]
    date_fmt = wb.add_format({"num_format": "yyyy-mm-dd"})
    ws.write_string(0, 3, "helgdagar")
    for r, d in enumerate(holidays, start=1):
        ws.write_datetime(r, 3, d, date_fmt)
    wb.define_name(HOLIDAYS_NAME, f"={META_SHEET}!$D$2:$D${len(holidays) + 1}")
    ws.write_string(0, 6, "kommunkod")
    ws.write_string(0, 7, "kommun")
    for r, k in enumerate(sorted(all_municipalities(), key=_swedish_key), start=1):
        ws.write_string(r, 6, k.kod)
        ws.write_string(r, 7, k.namn)
    ws.hide()
    ws.protect("", PROTECT_OPTIONS)


__all__ = [
    "KONTROLL_HEADERS",
    "META_KEYS",
    "META_SHEET",
    "YEAR_NAME",
    "write_input_sheet",
    "write_instructions",
    "write_kontroll",
    "write_meta",
    "write_uppgifter",
]
