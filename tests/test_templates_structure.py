"""Structure of the generated templates, asserted with openpyxl (not on bytes)."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook

from kkik_xl.catalogue import CATALOGUE, ColumnType, Template
from kkik_xl.excel.fingerprint import fingerprint
from kkik_xl.excel.preview_formulas import is_native
from kkik_xl.excel.template_builder import DEFAULT_YEAR, build_template
from kkik_xl.excel.template_resultat import HEADER_ROW
from kkik_xl.excel.template_sheets import KONTROLL_HEADERS, META_KEYS
from kkik_xl.kommuner import all_municipalities

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES = [t.id for t in CATALOGUE.templates]
_DV_TYPES = {
    ColumnType.DATE: "date",
    ColumnType.DATETIME: "date",
    ColumnType.TIME: "time",
    ColumnType.INT: "whole",
    ColumnType.DECIMAL: "decimal",
    ColumnType.JANEJ: "list",
    ColumnType.CHOICE: "list",
}
_NUMBER_FORMATS = {ColumnType.DATE: "yyyy-mm-dd", ColumnType.TIME: "hh:mm", ColumnType.INT: "0"}


@pytest.fixture(scope="module", params=TEMPLATES)
def built(request: pytest.FixtureRequest) -> tuple[Template, Workbook]:
    template = CATALOGUE.template(request.param)
    return template, openpyxl.load_workbook(io.BytesIO(build_template(template.id, DEFAULT_YEAR)))


def test_sheets_in_order(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    inputs = [t.sheet for t in template.tables]
    assert wb.sheetnames == ["Instruktioner", "Uppgifter", *inputs, "Resultat", "Kontroll", "_meta"]


def test_tables_at_a1_with_catalogue_headers(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    for table in template.tables:
        ws = wb[table.sheet]
        list_object = ws.tables[table.name]
        headers = [c.name for c in table.columns_for_year(DEFAULT_YEAR)]
        assert list_object.ref.startswith("A1:")
        assert [c.name for c in list_object.tableColumns] == headers
        assert [c.value for c in ws[1]][: len(headers)] == headers
        assert ws.freeze_panes == "A2"


def test_whole_column_validation_and_formats(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    for table in template.tables:
        ws = wb[table.sheet]
        by_col = {str(dv.sqref).split(":")[0][:-1]: dv for dv in ws.data_validations.dataValidation}
        for i, col in enumerate(table.columns_for_year(DEFAULT_YEAR)):
            letter = openpyxl.utils.get_column_letter(i + 1)
            dv = by_col[letter]
            assert str(dv.sqref) == f"{letter}2:{letter}1048576", col.name
            assert dv.type == _DV_TYPES.get(col.type, "custom" if col.is_id else "textLength")
            assert dv.showErrorMessage and dv.errorStyle in (None, "stop")
            assert dv.error and col.name in dv.error and dv.prompt
            dim = next(d for d in ws.column_dimensions.values() if d.min <= i + 1 <= d.max)
            assert dim.protection.locked is False
            if col.type in _NUMBER_FORMATS:
                assert dim.number_format == _NUMBER_FORMATS[col.type]
            if col.type is ColumnType.JANEJ:
                assert dv.formula1 == '"Ja,Nej"'


def test_date_validation_window_is_around_the_year(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    for table in template.tables:
        for dv in wb[table.sheet].data_validations.dataValidation:
            if dv.type == "date":
                low, high = float(dv.formula1), float(dv.formula2)
                # Excel serials of 2022-01-01 and 2026-12-31
                assert (low, high) == (44562.0, 46387.0)


def test_protection_and_unlocked_inputs(built: tuple[Template, Workbook]) -> None:
    _, wb = built
    for name in ("Instruktioner", "Uppgifter", "Resultat", "Kontroll", "_meta"):
        assert wb[name].protection.sheet, name
        assert not wb[name].protection.password, name
    up = wb["Uppgifter"]
    assert up["B4"].protection.locked is False  # kommun
    assert up["B6"].protection.locked is False  # förvaltning
    assert up["B7"].protection.locked is False  # kontaktroll
    assert up["B5"].protection.locked is not False  # kommunkod is computed
    assert up["B8"].protection.locked is not False  # year
    motivering = next(d for d in wb["Kontroll"].column_dimensions.values() if d.min <= 10 <= d.max)
    assert motivering.protection.locked is False


def test_uppgifter_defined_names(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    names = dict(wb.defined_names.items())
    expected = {"KKIK_Kommun": "$B$4", "KKIK_Kommunkod": "$B$5", "KKIK_Forvaltning": "$B$6",
                "KKIK_Kontaktroll": "$B$7", "KKIK_Ar": "$B$8"}  # fmt: skip
    for name, cell in expected.items():
        assert names[name].attr_text == f"Uppgifter!{cell}"
    assert wb["Uppgifter"]["B8"].value == DEFAULT_YEAR
    for i, p in enumerate(template.parameters):
        assert names[f"KKIK_{p.name}"].attr_text == f"Uppgifter!$B${9 + i}"
    kommun_list = names["KKIK_Kommunlista"].attr_text
    assert kommun_list == f"_meta!$H$2:$H${len(all_municipalities()) + 1}"
    dv = wb["Uppgifter"].data_validations.dataValidation[0]
    assert str(dv.sqref) == "B4" and dv.type == "list" and dv.formula1 == "KKIK_Kommunlista"


def test_meta_sheet(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    ws = wb["_meta"]
    assert ws.sheet_state == "hidden"
    assert tuple(ws.cell(r, 1).value for r in range(1, 6)) == META_KEYS
    values = [ws.cell(r, 2).value for r in range(1, 6)]
    assert values[:4] == [template.id, template.version, CATALOGUE.version, str(DEFAULT_YEAR)]
    assert values[4] == fingerprint(wb)
    holidays = [c.value.date() for (c,) in ws.iter_rows(min_row=2, min_col=4, max_col=4) if c.value]
    assert all(d.weekday() < 5 for d in holidays) and len(holidays) > 20


def test_kontroll_headers(built: tuple[Template, Workbook]) -> None:
    _, wb = built
    assert tuple(c.value for c in wb["Kontroll"][1]) == KONTROLL_HEADERS


def test_resultat_rows(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    ws = wb["Resultat"]
    assert "preliminär" in str(ws["A1"].value)
    for i, m in enumerate(CATALOGUE.measures_of(template.id)):
        row = HEADER_ROW + 2 + i
        assert ws.cell(row, 1).value == m.kpi
        value = ws.cell(row, 3).value
        text = value.text if hasattr(value, "text") else str(value)
        if is_native(m.kpi):
            assert "KKIK_U" not in text
        else:
            assert f"KKIK_{m.kpi}(" in text and "Validera" in str(ws.cell(row, 6).value)


def test_instructions_printable_and_generated(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    ws = wb["Instruktioner"]
    assert ws.print_area and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1 is the default
    text = " ".join(str(c.value) for row in ws.iter_rows() for c in row if c.value)
    assert "personnummer" in text and "Validera" in text
    for m in CATALOGUE.measures_of(template.id):
        assert m.kpi in text and m.definition in text
    for table in template.tables:
        for col in table.columns_for_year(DEFAULT_YEAR):
            assert col.help in text


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_committed_templates_are_current(template_id: str) -> None:
    committed = ROOT / "workbook_templates" / f"{template_id}.xlsx"
    assert committed.exists(), "run `make templates`"
    assert committed.read_bytes() == build_template(template_id, DEFAULT_YEAR), "stale: run `make templates`"


def test_build_is_deterministic() -> None:
    assert build_template("service", 2024) == build_template("service", 2024)


_ALL_FORMATS = {
    ColumnType.TEXT: "@",
    ColumnType.CHOICE: "@",
    ColumnType.JANEJ: "@",
    ColumnType.DATE: "yyyy-mm-dd",
    ColumnType.TIME: "hh:mm",
    ColumnType.DATETIME: "yyyy-mm-dd hh:mm",
    ColumnType.INT: "0",
    ColumnType.DECIMAL: "#,##0.00",
}
_MIN_WIDTH = {ColumnType.DATE: 10, ColumnType.DATETIME: 16, ColumnType.TIME: 5}


def test_every_column_typed_and_wide_enough(built: tuple[Template, Workbook]) -> None:
    """Typed formats on every column; widths fit the header's longest word and the typed value."""
    template, wb = built
    for table in template.tables:
        ws = wb[table.sheet]
        columns = table.columns_for_year(DEFAULT_YEAR)
        assert ws.tables[table.name].ref == f"A1:{openpyxl.utils.get_column_letter(len(columns))}2"
        for i, col in enumerate(columns, start=1):
            dim = next(d for d in ws.column_dimensions.values() if d.min <= i <= d.max)
            assert dim.number_format == _ALL_FORMATS[col.type], col.name
            longest_word = max(len(w) for w in col.name.split())
            assert dim.width >= max(longest_word + 1, _MIN_WIDTH.get(col.type, 0) + 1), col.name
        # whole-column rules: one validation per column, never one per cell
        assert len(ws.data_validations.dataValidation) == len(columns)


def test_kontroll_is_empty_below_its_headers(built: tuple[Template, Workbook]) -> None:
    _, wb = built
    ws = wb["Kontroll"]
    assert ws.max_row == 1 and ws.freeze_panes == "A2"


def test_municipality_list_is_the_package_data(built: tuple[Template, Workbook]) -> None:
    _, wb = built
    ws = wb["_meta"]
    listed = {(ws.cell(r, 7).value, ws.cell(r, 8).value) for r in range(2, 292)}
    assert listed == {(k.kod, k.namn) for k in all_municipalities()}
    assert ws.cell(292, 8).value is None
    dropdown = [ws.cell(r, 8).value for r in range(2, 292)]
    assert (dropdown[0], dropdown[-1]) == ("Ale", "Övertorneå")  # Swedish order: Å, Ä, Ö after Z
    order = [dropdown.index(k) for k in ("Ystad", "Åmål", "Älmhult", "Örebro")]
    assert order == sorted(order)


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_committed_template_is_small(template_id: str) -> None:
    """Sized for 1,048,575 rows through whole-column formats and rules, so the file stays small."""
    assert (ROOT / "workbook_templates" / f"{template_id}.xlsx").stat().st_size < 60_000


def test_preview_values_show_the_catalogues_display_decimals(built: tuple[Template, Workbook]) -> None:
    template, wb = built
    ws = wb["Resultat"]
    for i, m in enumerate(CATALOGUE.measures_of(template.id)):
        expected = "0" if m.decimals == 0 else "0." + "0" * m.decimals
        assert ws.cell(HEADER_ROW + 2 + i, 3).number_format == expected, m.kpi


def test_input_and_kontroll_sheets_print_every_row_one_page_wide(built: tuple[Template, Workbook]) -> None:
    """No fixed print area on sheets that grow: a filled sheet prints all its rows, fit to the width."""
    template, wb = built
    for name in [t.sheet for t in template.tables] + ["Kontroll"]:
        ws = wb[name]
        assert not ws.print_area, name
        assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToHeight == 0, name
        assert ws.print_title_rows == "$1:$1" and ws.page_setup.orientation == "landscape", name


def test_instructions_fit_a_screen_without_scrolling_sideways(built: tuple[Template, Workbook]) -> None:
    _, wb = built
    ws = wb["Instruktioner"]
    assert ws.max_column == 4
    widths = [ws.column_dimensions[c].width for c in "ABCD"]
    assert sum(widths) <= 115  # ≈ 800 px at 100 % zoom
    assert len(ws["A1"].value) <= 60  # the 16 pt title, one line across A:D
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and len(cell.value) > 40 and cell.row > 1:  # 1: title
                assert cell.alignment.wrap_text, cell.coordinate
