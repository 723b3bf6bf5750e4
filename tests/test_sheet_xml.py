"""Merges and uncalculated formulas from the streamed sheet XML: chunk boundaries and the size limit."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from kkik_xl.excel import sheet_xml
from kkik_xl.excel.fingerprint import fingerprints
from kkik_xl.excel.frames import Placement
from kkik_xl.excel.meta import sheet_members
from kkik_xl.excel.reader import read_workbook
from kkik_xl.excel.structure_copy import structure_copy
from kkik_xl.findings import Severity
from kkik_xl.rules import validate_workbook

DATA = Path(__file__).parent / "data"
MERGED = DATA / "forskola_sammanslagna_celler.xlsx"
FORMULAS = DATA / "forskola_formler_i_inmatningsceller.xlsx"


def test_found_whatever_the_chunk_size(monkeypatch: pytest.MonkeyPatch) -> None:
    whole = sheet_xml.scan_sheet(MERGED, "Placeringar"), sheet_xml.scan_sheet(FORMULAS, "Placeringar")
    assert set(whole[0].merges) == {("A", 3, "A", 5), ("B", 8, "B", 9)}
    assert whole[1].uncalculated == {("C", 6): "B6+7", ("A", 8): '"Må"&"nen"'}
    for size in (97, 256, 4099):  # element split across chunks
        monkeypatch.setattr(sheet_xml, "_CHUNK", size)
        assert sheet_xml.scan_sheet(MERGED, "Placeringar").merges == whole[0].merges
        assert sheet_xml.scan_sheet(FORMULAS, "Placeringar").uncalculated == whole[1].uncalculated


def _found(path: Path) -> set[tuple[str | None, str | None, str]]:
    return {(f.sheet, f.cell, f.code) for f in read_workbook(path, year=2025).findings}


@pytest.mark.parametrize("path", [MERGED, FORMULAS])
def test_sheets_above_the_limit_are_not_scanned_and_it_is_said(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scanned = _found(path)
    assert "KKIK-LS-014" not in {code for _, _, code in scanned}
    monkeypatch.setattr(sheet_xml, "MAX_SCAN_BYTES", 1000)
    skipped = {f for f in scanned if f[2] not in ("KKIK-LS-012", "KKIK-LS-013")}
    assert skipped != scanned  # the corpus file has merges or uncalculated formulas to miss
    assert _found(path) == skipped | {("Placeringar", None, "KKIK-LS-014")}


def test_the_skipped_scan_is_an_info_in_swedish(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_xml, "MAX_SCAN_BYTES", 1000)
    (note,) = [f for f in read_workbook(MERGED, year=2025).findings if f.code == "KKIK-LS-014"]
    assert note.severity == Severity.INFO and note.row is None
    assert note.message.startswith("Bladet Placeringar är för stort (")
    assert "sammanfogade celler och formler utan värde" in note.message
    assert "dela upp raderna på flera mindre filer" in note.message


def test_unknown_sheet_gives_nothing() -> None:
    assert sheet_xml.scan_sheet(MERGED, "Finns inte") == sheet_xml.SheetXml()


def test_the_message_gives_the_size_and_the_limit_in_mb() -> None:
    place = Placement(sheet="Besök", letters={"Datum": "B"}, first_row=2)
    (note,) = sheet_xml.sheet_findings(sheet_xml.SheetXml(skipped_bytes=400_000_000), place)
    assert (note.sheet, note.cell, note.code) == ("Besök", None, "KKIK-LS-014")
    assert "(382 MB XML, gränsen är 64 MB)" in note.message


def test_validation_inflates_each_table_sheet_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The scan makes the fingerprint's slim copy in the same pass: the sheet is not inflated again."""
    path = DATA / "hemtjanst_visit_log_1000_rows_injected_mistakes.xlsx"
    with zipfile.ZipFile(path) as zf:
        member = sheet_members(zf)["Besök"]
        size = zf.getinfo(member).file_size
    read_by: dict[int, int] = {}  # bytes inflated per open part
    real = zipfile.ZipExtFile.read

    def spy(self: zipfile.ZipExtFile, n: int = -1) -> bytes:
        data = real(self, n)
        if self.name == member:
            read_by[id(self)] = read_by.get(id(self), 0) + len(data)
        return data

    monkeypatch.setattr(zipfile.ZipExtFile, "read", spy)
    report = validate_workbook(path)
    assert size > 1 << 17  # more than the peeks at the start (safety check, first valued row) read
    assert sorted(read_by.values()).count(size) == 1  # inflated whole once: by the scan
    assert not [f for f in report.findings if f.code in ("KKIK-MA-002", "KKIK-MA-006")]  # fingerprint checked
    read = read_workbook(path)
    assert set(read.slim_sheets) == {member}
    found = [fingerprints(openpyxl.load_workbook(structure_copy(path, r))) for r in (None, read.slim_sheets)]
    assert found[0] == found[1] and read.meta.fingerprint in found[0]
