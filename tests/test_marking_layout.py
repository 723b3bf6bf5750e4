"""A marked copy and a filled template are readable on paper and editable where the user must write."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from kkik_xl.excel.marking import mark_workbook, row_height
from kkik_xl.findings import Finding, Severity

TEMPLATES = Path(__file__).resolve().parents[1] / "workbook_templates"


def _finding(cell: str, message: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code="KKIK-ST-002", severity=severity, message=message, sheet="Placeringar", cell=cell)


def test_row_height_grows_with_the_longest_wrapped_text() -> None:
    assert row_height(["kort"], {1: 20}) == 15.0
    assert row_height(["x" * 60], {1: 21}) == 45.0
    assert row_height([None, "x" * 10], {1: 20, 2: 11}) == 15.0


@pytest.fixture
def marked(tmp_path: Path) -> openpyxl.Workbook:
    original = tmp_path / "forskola.xlsx"
    original.write_bytes((TEMPLATES / "forskola.xlsx").read_bytes())
    findings = [_finding("B2", "kort"), _finding("C3", "lång " * 40, Severity.ERROR)]
    return openpyxl.load_workbook(mark_workbook(original, findings))


def test_kontroll_rows_wrap_and_leave_motivering_editable(marked: openpyxl.Workbook) -> None:
    ws = marked["Kontroll"]
    headers = [c.value for c in ws[1]]
    message, motivering = headers.index("Meddelande") + 1, headers.index("Motivering") + 1
    rows = {ws.cell(r, headers.index("Cell") + 1).value: r for r in (2, 3)}
    assert ws.cell(rows["C3"], message).alignment.wrap_text
    assert ws.row_dimensions[rows["C3"]].height > ws.row_dimensions[rows["B2"]].height
    assert ws.protection.sheet
    for r in rows.values():
        assert ws.cell(r, motivering).protection.locked is False


def test_input_sheets_print_every_row_with_the_header_on_each_page() -> None:
    for path in sorted(TEMPLATES.glob("*.xlsx")):
        wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            if ws.tables:
                assert not ws.print_area, f"{path.name}/{ws.title}: a print area cuts off filled rows"
                assert ws.print_title_rows == "$1:$1", f"{path.name}/{ws.title}"
        kontroll = wb["Kontroll"]
        assert kontroll.page_setup.orientation == "landscape"
        assert kontroll.sheet_properties.pageSetUpPr.fitToPage
