"""Merges and uncalculated formulas from the streamed sheet XML: chunk boundaries and the size limit."""

from __future__ import annotations

from pathlib import Path

import pytest

from kkik_xl.excel import sheet_xml
from kkik_xl.excel.reader import read_workbook

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


def test_sheets_above_the_limit_are_not_scanned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sheet_xml, "MAX_SCAN_BYTES", 1000)
    codes = {f.code for f in read_workbook(MERGED, year=2025).findings}
    assert "KKIK-LS-012" not in codes


def test_unknown_sheet_gives_nothing() -> None:
    assert sheet_xml.scan_sheet(MERGED, "Finns inte") == sheet_xml.SheetXml()
