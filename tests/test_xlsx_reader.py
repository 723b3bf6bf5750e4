"""Spreadsheet input: typed reading with fastexcel, every unparseable cell reported with its address."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

import polars as pl
import pytest
from xlsx_builders import template_workbook

from kkik_xl.catalogue.indicator_files import default_for
from kkik_xl.excel.reader import read_workbook

HEM_ROW = [
    "B1",
    1940,
    date(2025, 10, 1),
    ("time", 0.3125),
    ("time", 0.34375),
    "P1",
    "Omsorgspersonal",
    "Omsorg",
    "N",
]


def _hem(*changes: tuple[int, object]) -> list[object]:
    row = list(HEM_ROW)
    for idx, value in changes:
        row[idx] = value
    return row


def _cells(result: object) -> list[tuple[str | None, str]]:
    return [(f.cell, f.code) for f in result.findings]  # type: ignore[attr-defined]


def test_valid_table_typed_exactly(tmp_path: Path) -> None:
    path = template_workbook(tmp_path / "h.xlsx", "hemtjanst", {"Besok": [_hem(), _hem((0, "B2"))]})
    result = read_workbook(path, None)
    assert result.template_id == "hemtjanst"
    frame = result.tables["Besok"]
    assert frame.schema == pl.Schema(
        {
            "Brukare": pl.String,
            "Födelseår": pl.Int64,
            "Datum": pl.Date,
            "Starttid": pl.Time,
            "Sluttid": pl.Time,
            "Personal": pl.String,
            "Personalkategori": pl.String,
            "Besökstyp": pl.String,
            "Hemtjänstgrupp": pl.String,
            "_row": pl.Int64,
            "_invalid": pl.Boolean,
        }
    )
    row = frame.row(1, named=True)
    assert (row["Brukare"], row["Födelseår"], row["Datum"]) == ("B2", 1940, date(2025, 10, 1))
    assert (row["Starttid"], row["Sluttid"], row["_row"], row["_invalid"]) == (
        time(7, 30),
        time(8, 15),
        3,
        False,
    )
    assert result.findings == []


def test_metadata_from_meta_sheet_and_defined_names(tmp_path: Path) -> None:
    path = template_workbook(tmp_path / "h.xlsx", "hemtjanst", {"Besok": [_hem()]}, year=2024)
    meta = read_workbook(path, None).meta
    assert (meta.template_id, meta.template_version, meta.year, meta.fingerprint) == (
        "hemtjanst",
        "1.0",
        2024,
        "abc123",
    )
    assert meta.names["KKIK_Kommunkod"] == "0180"
    assert meta.names["KKIK_Ar"] == "2024"
    assert meta.names["KKIK_period_start"] == "2024-10-01"


def test_every_bad_cell_is_a_finding_with_its_address(tmp_path: Path) -> None:
    rows = [
        _hem(),
        _hem((1, 1.5)),  # B3: not a whole number (fastexcel would truncate an int read)
        _hem((2, "igår")),  # C4: text in a date cell
        _hem((2, "2025-10-02")),  # C5: ISO text: rescued with an info finding
        _hem((3, "7.45")),  # D6: time as text: rescued
        _hem((4, ("formula", "=1/0", "#DIV/0!"))),  # E7: Excel error
        _hem((6, "HSL")),  # G8: not an allowed choice
        [None] * 9,  # row 9 wholly empty: dropped
        _hem((2, ("formula", "=#REF!", "#REF!"))),  # C10
        _hem((3, ("time", 1.25))),  # D11: more than a day
    ]
    path = template_workbook(tmp_path / "h.xlsx", "hemtjanst", {"Besok": rows}, trailing_formatted_rows=50)
    result = read_workbook(path, "hemtjanst", year=2025)
    assert _cells(result) == [
        ("B3", "KKIK-LS-001"),
        ("C4", "KKIK-LS-001"),
        ("C5", "KKIK-LS-003"),
        ("D6", "KKIK-LS-003"),
        ("E7", "KKIK-LS-002"),
        ("G8", "KKIK-LS-001"),
        ("C10", "KKIK-LS-002"),
        ("D11", "KKIK-LS-001"),
    ]
    frame = result.tables["Besok"]
    assert frame.get_column("_row").to_list() == [2, 3, 4, 5, 6, 7, 8, 10, 11]
    assert frame.get_column("_invalid").to_list() == [False, True, True, False, False, True, True, True, True]
    assert frame.filter(pl.col("_row") == 5).item(0, "Datum") == date(2025, 10, 2)
    assert frame.filter(pl.col("_row") == 6).item(0, "Starttid") == time(7, 45)
    by_cell = {f.cell: f for f in result.findings}
    assert by_cell["E7"].value == "#DIV/0!" and by_cell["C10"].value == "#REF!"
    assert "1.5" in by_cell["B3"].message and "heltal" in by_cell["B3"].message
    assert "igår" in by_cell["C4"].message
    assert all(f.sheet == "Besök" for f in result.findings)


def test_plain_sheet_without_table_and_1904_dates(tmp_path: Path) -> None:
    rows = [["Solen", date(2025, 1, 7), date(2025, 1, 10), None]]
    path = template_workbook(
        tmp_path / "f.xlsx", "forskola", {"Placeringar": rows}, as_table=False, meta=False, date_1904=True
    )
    result = read_workbook(path, None)
    assert result.meta.date1904 is True
    row = result.tables["Placeringar"].row(0, named=True)
    assert (row["Önskat placeringsdatum"], row["Erbjudet placeringsdatum"]) == (
        date(2025, 1, 7),
        date(2025, 1, 10),
    )


def test_renamed_extra_and_reordered_columns(tmp_path: Path) -> None:
    headers = {
        "Placeringar": ["önskat placeringsdatum", "Enhet", "Erbjudet placeringsdatum", "Extra", "Kommentar"]
    }
    rows = [[date(2025, 1, 7), "Solen", date(2025, 1, 10), "x", None]]
    path = template_workbook(tmp_path / "f.xlsx", "forskola", {"Placeringar": rows}, headers=headers)
    result = read_workbook(path, "forskola", year=2025)
    assert sorted(_cells(result), key=str) == [
        ("A1", "KKIK-LS-006"),
        ("D1", "KKIK-LS-007"),
        (None, "KKIK-LS-008"),
    ]
    row = result.tables["Placeringar"].row(0, named=True)
    assert row["Önskat placeringsdatum"] == date(2025, 1, 7) and row["Enhet"] == "Solen"


def test_missing_column_and_missing_sheet(tmp_path: Path) -> None:
    headers = {"Ansokningar": ["Ärende", "Ålder vid ansökan", "Ansökningsdatum", "Beslutsdatum", "Kommentar"]}
    rows = [["A1", 80, date(2025, 1, 2), date(2025, 1, 20), None]]
    path = template_workbook(tmp_path / "s.xlsx", "sarskilt-boende", {"Ansokningar": rows}, headers=headers)
    result = read_workbook(path, None, year=2025)
    assert result.missing_columns == {"Ansokningar": ["Erbjudet inflyttningsdatum"]}
    assert result.missing_tables == ["Kvalitet"]
    assert sorted(f.code for f in result.findings) == ["KKIK-LS-004", "KKIK-LS-009"]
    assert result.tables["Ansokningar"].schema["Erbjudet inflyttningsdatum"] == pl.Date


def test_quality_sheet_ja_nej_variants(tmp_path: Path) -> None:
    cols = list(default_for(2025).names("U28423"))[:5]  # the shipped 2025 list: six LSS indicators
    rows = [["Ek", 10, "Ja", "nej", 1, 0, True, "kanske"]]
    path = template_workbook(tmp_path / "l.xlsx", "lss", {"Kvalitet": rows})
    result = read_workbook(path, "lss", year=2025, table="Kvalitet")
    row = result.tables["Kvalitet"].row(0, named=True)
    assert [row[c] for c in cols] == [True, False, True, False, True]
    assert _cells(result) == [("H2", "KKIK-LS-001")]
    assert row[default_for(2025).names("U28423")[5]] is None and row["_invalid"] is True


def test_datetime_column(tmp_path: Path) -> None:
    rows = [["F1", datetime(2025, 3, 3, 9, 15), "2025-03-04 10:00"]]
    path = template_workbook(tmp_path / "s.xlsx", "service", {"Epost": rows})
    result = read_workbook(path, "service", year=2025, table="E-post")
    row = result.tables["Epost"].row(0, named=True)
    assert (row["Skickad"], row["Besvarad"]) == (datetime(2025, 3, 3, 9, 15), datetime(2025, 3, 4, 10, 0))
    assert _cells(result) == [("C2", "KKIK-LS-003")]


@pytest.mark.parametrize("suffix", [".ods", ".xls"])
def test_other_formats(suffix: str) -> None:
    path = Path(__file__).parent / "data" / f"forskola_placeringar{suffix}"
    result = read_workbook(path, "forskola", year=2025)
    frame = result.tables["Placeringar"]
    assert frame.get_column("Önskat placeringsdatum").to_list() == [date(2025, 1, 7), date(2025, 2, 3), None]
    assert _cells(result) == [("B4", "KKIK-LS-001")]


def test_addresses_when_the_table_or_sheet_does_not_start_at_a1(tmp_path: Path) -> None:
    import xlsxwriter

    headers = ["Enhet", "Önskat placeringsdatum", "Erbjudet placeringsdatum", "Kommentar"]
    for as_table in (True, False):
        path = tmp_path / f"offset_{as_table}.xlsx"
        book = xlsxwriter.Workbook(path)
        ws = book.add_worksheet("Placeringar")
        ws.write_row(2, 1, headers)
        ws.write_row(3, 1, ["A", "2025-01-07", "x"])
        ws.write_row(4, 1, ["B", "2025-01-08", "2025-01-09"])
        if as_table:
            ws.add_table(2, 1, 4, 4, {"name": "Placeringar", "columns": [{"header": h} for h in headers]})
        book.close()
        result = read_workbook(path, "forskola", year=2025)
        assert _cells(result) == [
            ("C4", "KKIK-LS-003"),
            ("D4", "KKIK-LS-001"),
            ("C5", "KKIK-LS-003"),
            ("D5", "KKIK-LS-003"),
        ]
        assert result.tables["Placeringar"].get_column("_row").to_list() == [4, 5]


def test_duplicate_header_and_empty_sheet(tmp_path: Path) -> None:
    headers = {
        "Placeringar": ["Enhet", "Önskat placeringsdatum", "Erbjudet placeringsdatum", "Kommentar", "Enhet"]
    }
    rows = [["A", date(2025, 1, 7), date(2025, 1, 8), None, "B"]]
    path = template_workbook(
        tmp_path / "d.xlsx", "forskola", {"Placeringar": rows}, headers=headers, meta=False, as_table=False
    )
    result = read_workbook(path, "forskola", year=2025)
    assert [f.code for f in result.findings] == ["KKIK-LS-011"]
    assert result.tables["Placeringar"].item(0, "Enhet") == "A"
    empty = template_workbook(
        tmp_path / "e.xlsx", "forskola", {"Placeringar": []}, headers={"Placeringar": []}
    )
    result = read_workbook(empty, "forskola", year=2025)
    assert result.tables["Placeringar"].height == 0
    assert result.missing_columns == {"Placeringar": ["Önskat placeringsdatum", "Erbjudet placeringsdatum"]}
