"""The workbook copy without Table-sheet rows has the same fingerprint as the workbook itself."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from kkik_xl.excel import structure_copy as sc
from kkik_xl.excel.fingerprint import fingerprint

ROOT = Path(__file__).resolve().parent.parent
FILLED = ROOT / "tests" / "data" / "hemtjanst_visit_log_1000_rows_injected_mistakes.xlsx"
WORKBOOKS = [FILLED, ROOT / "tests" / "data" / "hemtjanst_bad_cells_after_row_1000.xlsx"]
WORKBOOKS += sorted((ROOT / "workbook_templates").glob("*.xlsx"))


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_same_fingerprint_as_the_whole_workbook(path: Path) -> None:
    whole = fingerprint(openpyxl.load_workbook(path))
    assert fingerprint(openpyxl.load_workbook(sc.structure_copy(path))) == whole


def test_the_rows_of_table_sheets_are_left_out_and_the_rest_kept() -> None:
    copy = openpyxl.load_workbook(sc.structure_copy(FILLED))
    assert copy["Besök"].max_row == 1 and len(copy["Besök"].data_validations.dataValidation) == 9
    assert copy["Uppgifter"]["B4"].value == "Ale"


@pytest.mark.parametrize("chunk", [1, 7, 13, 1 << 20])
def test_sheet_data_is_cut_at_any_chunk_boundary(monkeypatch: pytest.MonkeyPatch, chunk: int) -> None:
    monkeypatch.setattr(sc, "_CHUNK", chunk)
    xml = b'<worksheet><dimension/><sheetData><row r="1"><c><v>1</v></c></row></sheetData><tail/></worksheet>'
    assert sc.without_sheet_data(io.BytesIO(xml)) == b"<worksheet><dimension/><sheetData/><tail/></worksheet>"
    empty = b"<worksheet><sheetData/><tail/></worksheet>"
    assert sc.without_sheet_data(io.BytesIO(empty)) == empty
    with pytest.raises(ValueError):
        sc.without_sheet_data(io.BytesIO(b"<worksheet><sheetData><row>"))


def test_only_sheets_with_a_table_part_are_slimmed() -> None:
    with zipfile.ZipFile(FILLED) as zf:
        assert sc.table_sheets(zf) == {"xl/worksheets/sheet3.xml"}
