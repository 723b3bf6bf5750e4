"""The fingerprint survives filling rows and changes when the structure is edited."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.formula import ArrayFormula

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.example_rows import example_rows
from kkik_xl.excel.fingerprint import fingerprint, normalise_formula
from kkik_xl.excel.template_builder import DEFAULT_YEAR, build_template
from kkik_xl.excel.template_fill import fill_template


def _load(data: bytes) -> Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _roundtrip(wb: Workbook) -> Workbook:
    buffer = io.BytesIO()
    wb.save(buffer)
    return _load(buffer.getvalue())


@pytest.fixture(scope="module")
def template_bytes() -> bytes:
    return build_template("forskola", DEFAULT_YEAR)


def test_meta_fingerprint_matches_recomputation(template_bytes: bytes) -> None:
    wb = _load(template_bytes)
    assert wb["_meta"]["B5"].value == fingerprint(wb)
    assert len(fingerprint(wb)) == 64


def test_filling_rows_keeps_the_fingerprint(template_bytes: bytes, tmp_path: Path) -> None:
    src = tmp_path / "forskola.xlsx"
    src.write_bytes(template_bytes)
    template = CATALOGUE.template("forskola")
    rows = {t.name: example_rows(template, t, DEFAULT_YEAR, n=200) for t in template.tables}
    filled = fill_template(src, tmp_path / "ifylld.xlsx", rows, kommun="Kiruna")
    wb = openpyxl.load_workbook(filled)
    assert wb["Placeringar"].tables["Placeringar"].ref == "A1:D201"
    assert fingerprint(wb) == fingerprint(_load(template_bytes))


def test_renaming_a_header_changes_the_fingerprint(template_bytes: bytes) -> None:
    wb = _load(template_bytes)
    before = fingerprint(wb)
    wb["Placeringar"].tables["Placeringar"].tableColumns[1].name = "Önskat datum"
    wb["Placeringar"]["B1"] = "Önskat datum"
    assert fingerprint(_roundtrip(wb)) != before


def test_renaming_a_sheet_changes_the_fingerprint(template_bytes: bytes) -> None:
    wb = _load(template_bytes)
    before = fingerprint(wb)
    wb["Resultat"].title = "Resultat 2025"
    assert fingerprint(wb) != before


def test_editing_a_resultat_formula_changes_the_fingerprint(template_bytes: bytes) -> None:
    wb = _load(template_bytes)
    before = fingerprint(wb)
    cell = wb["Resultat"]["C5"]
    assert isinstance(cell.value, ArrayFormula)
    cell.value = ArrayFormula("C5", cell.value.text.replace("100*", "50*"))
    assert fingerprint(_roundtrip(wb)) != before


def test_editing_a_validation_changes_the_fingerprint(template_bytes: bytes) -> None:
    wb = _load(template_bytes)
    before = fingerprint(wb)
    wb["Placeringar"].data_validations.dataValidation[1].formula2 = "99999"
    assert fingerprint(wb) != before


def test_normalise_formula_ignores_prefixes_and_spacing_but_not_literals() -> None:
    assert normalise_formula("=_xlfn.WORKDAY( A1, 1 )") == normalise_formula("WORKDAY(A1,1)")
    assert normalise_formula('=COUNTIFS(T[a],"Ja")') != normalise_formula('=COUNTIFS(T[a],"ja")')
    assert normalise_formula('=IF(A1="a b",1,0)') == 'IF(A1="a b",1,0)'


def test_filled_cells_take_the_column_format(template_bytes: bytes, tmp_path: Path) -> None:
    """Like Excel when a user types: unlocked, top-aligned, typed number format from the column."""
    src = tmp_path / "forskola.xlsx"
    src.write_bytes(template_bytes)
    template = CATALOGUE.template("forskola")
    rows = {t.name: example_rows(template, t, DEFAULT_YEAR, n=5) for t in template.tables}
    ws = openpyxl.load_workbook(fill_template(src, tmp_path / "ifylld.xlsx", rows))["Placeringar"]
    for cell in ws[3]:
        assert cell.protection.locked is False and cell.alignment.vertical == "top", cell.coordinate
    assert [c.number_format for c in ws[3]] == ["@", "yyyy-mm-dd", "yyyy-mm-dd", "@"]


def test_normalise_formula_ignores_quotes_around_sheet_names() -> None:
    """LibreOffice writes ``Placeringar!$B$2`` where the template has ``'Placeringar'!$B$2``."""
    assert normalise_formula("=COUNTA('Placeringar'!$B$2:$B$9)") == normalise_formula(
        "=COUNTA(Placeringar!$B$2:$B$9)"
    )
    assert normalise_formula("=SUM('Ann''s'!A1)") == "SUM(ANN'S!A1)"
    assert normalise_formula("=SUM('E-post'!A1)") != normalise_formula("=SUM('E-mejl'!A1)")


def _validation_of(wb: Workbook, sqref: str) -> object:
    return next(dv for dv in wb["Placeringar"].data_validations.dataValidation if str(dv.sqref) == sqref)


def test_validations_compare_as_libreoffice_rewrites_them(template_bytes: bytes) -> None:
    """A bounded range, an explicit ``between``, a second value 0 and ``0`` for ``0.0`` are no change."""
    wb = _load(template_bytes)
    before = fingerprint(wb)
    text, date = _validation_of(wb, "A2:A1048576"), _validation_of(wb, "B2:B1048576")
    text.sqref, text.formula2 = "A2:A1001", "0"  # type: ignore[attr-defined]
    date.sqref, date.operator = "B2:B1001", "between"  # type: ignore[attr-defined]
    rewritten = _roundtrip(wb)
    assert fingerprint(rewritten) == before
    assert fingerprint(rewritten, literal=True) != fingerprint(_load(template_bytes), literal=True)


@pytest.mark.parametrize(
    ("attribute", "value"),
    [("sqref", "C2:C1048576"), ("formula1", "44563"), ("operator", "notBetween"), ("type", "whole")],
)
def test_a_real_change_of_a_validation_still_changes_the_fingerprint(
    template_bytes: bytes, attribute: str, value: str
) -> None:
    wb = _load(template_bytes)
    before = fingerprint(wb)
    setattr(_validation_of(wb, "B2:B1048576"), attribute, value)
    assert fingerprint(_roundtrip(wb)) != before


def test_a_start_row_moved_down_changes_the_fingerprint(template_bytes: bytes) -> None:
    wb = _load(template_bytes)
    before = fingerprint(wb)
    _validation_of(wb, "B2:B1048576").sqref = "B9:B1048576"  # type: ignore[attr-defined]
    assert fingerprint(_roundtrip(wb)) != before
