"""CSV input: encodings, separators, decimal comma, table recognition, findings with cell addresses."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import polars as pl
import pytest

from kkik_xl.excel.reader import ReadError, read_workbook

FORSKOLA_HEADER = "Enhet;Önskat placeringsdatum;Erbjudet placeringsdatum;Kommentar"


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def _codes(result: object) -> list[tuple[str | None, str]]:
    return [(f.cell, f.code) for f in result.findings]  # type: ignore[attr-defined]


def test_utf8_bom_semicolon_and_typed_frame(tmp_path: Path) -> None:
    text = f"\ufeff{FORSKOLA_HEADER}\nSolen;2025-01-07;2025-01-10;\n;;;\nMånen;2025-02-03;2025-02-03;ok\n"
    result = read_workbook(_write(tmp_path, "f.csv", text), "forskola", year=2025)
    frame = result.tables["Placeringar"]
    assert frame.columns == [
        "Enhet",
        "Önskat placeringsdatum",
        "Erbjudet placeringsdatum",
        "Kommentar",
        "_row",
        "_invalid",
    ]
    assert frame.schema["Önskat placeringsdatum"] == pl.Date
    assert frame.get_column("_row").to_list() == [2, 4]  # the empty line 3 is dropped
    assert frame.get_column("Enhet").to_list() == ["Solen", "Månen"]
    assert result.findings == []
    assert result.template_id == "forskola"
    assert frame.row(0, named=True)["Önskat placeringsdatum"] == date(2025, 1, 7)


def test_cp1252_and_comma_separator_with_decimal_points(tmp_path: Path) -> None:
    text = (
        "Leverantör,Varugrupp,Fakturadatum,Belopp totalt (kr),Varav ekologiskt (kr)\n"
        'Grönt AB,Frukt,2025-03-01,"1 234,50",200.25\n'
        "Kött AB,,2025-03-02,1000.5,0\n"
    )
    result = read_workbook(_write(tmp_path, "kost.csv", text, "cp1252"), "kost", year=2025)
    frame = result.tables["Fakturor"]
    assert frame.get_column("Leverantör").to_list() == ["Grönt AB", "Kött AB"]
    assert frame.get_column("Belopp totalt (kr)").to_list() == [1234.5, 1000.5]
    assert frame.get_column("Varav ekologiskt (kr)").to_list() == [200.25, 0.0]
    assert _codes(result) == [(None, "KKIK-LS-010")]


def test_bad_cells_become_findings_and_invalid_rows(tmp_path: Path) -> None:
    text = (
        "Brukare;Födelseår;Datum;Starttid;Sluttid;Personal;Personalkategori;Besökstyp;Hemtjänstgrupp\n"
        "B1;1940;2025-10-01;07:30;8.15;P1;Omsorgspersonal;Omsorg;Norr\n"
        "B2;1,5;igår;25:00;08:00;P2;HSL;omsorg;\n"
    )
    result = read_workbook(_write(tmp_path, "hem.csv", text), "hemtjanst", year=2025)
    frame = result.tables["Besok"]
    assert frame.get_column("_invalid").to_list() == [False, True]
    assert frame.row(0, named=True)["Sluttid"] == time(8, 15)
    assert frame.row(1, named=True)["Besökstyp"] == "Omsorg"
    assert frame.row(1, named=True)["Datum"] is None
    assert _codes(result) == [
        ("B3", "KKIK-LS-001"),
        ("C3", "KKIK-LS-001"),
        ("D3", "KKIK-LS-001"),
        ("G3", "KKIK-LS-001"),
    ]
    by_cell = {f.cell: f for f in result.findings}
    assert "1,5" in by_cell["B3"].message and "heltal" in by_cell["B3"].message
    assert by_cell["G3"].value == "HSL" and by_cell["G3"].sheet == "hem.csv"


def test_table_recognised_by_headers_and_quality_columns_per_year(tmp_path: Path) -> None:
    text = "Enhet;Antal platser;Inget hot och våld;Individuellt anpassade aktiviteter;Egen internetkoppling;"
    text += "Egen brevlåda;Genomförandeplan som revideras;Kontaktperson\nEk;12;Ja;nej;J;N;SANT;falskt\n"
    result = read_workbook(_write(tmp_path, "kv.csv", text), "lss", year=2025)
    assert list(result.tables) == ["Kvalitet"]
    row = result.tables["Kvalitet"].row(0, named=True)
    assert (
        row["Inget hot och våld"],
        row["Individuellt anpassade aktiviteter"],
        row["Egen internetkoppling"],
    ) == (
        True,
        False,
        True,
    )
    assert (row["Egen brevlåda"], row["Genomförandeplan som revideras"], row["Kontaktperson"]) == (
        False,
        True,
        False,
    )
    assert result.missing_tables == ["Beslut"]


def test_table_option_and_unknown_table(tmp_path: Path) -> None:
    path = _write(tmp_path, "x.csv", "Samtal;Datum;Direkt svar;Bemötande\n1;2025-03-03;Ja;3\n")
    assert list(read_workbook(path, "service", year=2025, table="Telefon").tables) == ["Telefon"]
    with pytest.raises(ReadError, match="Tabellen 'Nope' finns inte"):
        read_workbook(path, "service", year=2025, table="Nope")


def test_template_detected_from_headers(tmp_path: Path) -> None:
    path = _write(tmp_path, "bilar.csv", "Registreringsnummer;Fordonstyp;Miljöbil\nABC123;Personbil;Ja\n")
    assert read_workbook(path, None, year=2025).template_id == "miljobilar"


def test_structure_findings(tmp_path: Path) -> None:
    text = (
        "ärende ;Extra;Beslutsdatum;Omprövning;Erbjudet inflyttningsdatum\nA1;x;2025-02-01;Nej;2025-03-01\n"
    )
    result = read_workbook(_write(tmp_path, "lss.csv", text), "lss", year=2025)
    codes = sorted(f.code for f in result.findings)
    assert codes == ["KKIK-LS-005", "KKIK-LS-006", "KKIK-LS-007", "KKIK-LS-008"]
    assert result.tables["Beslut"].row(0, named=True)["Ärende"] == "A1"
    assert result.tables["Beslut"].row(0, named=True)["Kommentar"] is None
    assert result.missing_columns == {}


def test_missing_required_column_is_reported_not_raised(tmp_path: Path) -> None:
    text = "Enhet;Önskat placeringsdatum;Kommentar\nA;2025-01-01;\n"
    result = read_workbook(_write(tmp_path, "f.csv", text), "forskola", year=2025)
    assert result.missing_columns == {"Placeringar": ["Erbjudet placeringsdatum"]}
    assert [f.code for f in result.findings] == ["KKIK-LS-004"]
    assert result.tables["Placeringar"].get_column("Erbjudet placeringsdatum").null_count() == 1


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        (b"", "tom"),
        (b"   \n", "tom"),
        (b"\x00\x01\x02binary", "inte en textfil"),
        (b"a;b\n1;2\n", "liknar ingen"),
    ],
)
def test_unreadable_csv(tmp_path: Path, content: bytes, fragment: str) -> None:
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(ReadError, match=fragment):
        read_workbook(path, "forskola", year=2025)


def test_unknown_template_and_suffix(tmp_path: Path) -> None:
    path = _write(tmp_path, "f.csv", FORSKOLA_HEADER + "\n")
    with pytest.raises(ReadError, match="Mallen 'nej' finns inte"):
        read_workbook(path, "nej", year=2025)
    with pytest.raises(ReadError, match=r"filändelsen \.pdf"):
        read_workbook(_write(tmp_path, "f.pdf", "x"), "forskola")
    with pytest.raises(ReadError, match="finns inte"):
        read_workbook(tmp_path / "missing.csv", "forskola")


def test_header_only_gives_empty_typed_frame(tmp_path: Path) -> None:
    result = read_workbook(_write(tmp_path, "f.csv", FORSKOLA_HEADER + "\n"), "forskola", year=2025)
    frame = result.tables["Placeringar"]
    assert frame.height == 0 and frame.schema["Erbjudet placeringsdatum"] == pl.Date


@pytest.mark.parametrize(
    ("text", "bom"),
    [
        ("Leverantör;Varugrupp;Fakturadatum;Belopp totalt (kr);Varav ekologiskt (kr)\n"
         "Grönt AB;Frukt;2025-03-01;1 234,50;200,25\nKött AB;;2025-03-02;1000,5;0\n", True),
        ("Leverantör;Varugrupp;Fakturadatum;Belopp totalt (kr);Varav ekologiskt (kr)\n"
         "Grönt AB;Frukt;2025-03-01;1234.50;200.25\nKött AB;;2025-03-02;1000.5;0\n", False),
        ("Leverantör,Varugrupp,Fakturadatum,Belopp totalt (kr),Varav ekologiskt (kr)\n"
         "Grönt AB,Frukt,2025-03-01,1234.50,200.25\nKött AB,,2025-03-02,1000.5,0\n", False),
        ("Leverantör,Varugrupp,Fakturadatum,Belopp totalt (kr),Varav ekologiskt (kr)\r\n"
         'Grönt AB,Frukt,2025-03-01,"1234,50","200,25"\r\nKött AB,,2025-03-02,"1000,5",0\r\n', True),
    ],
    ids=["semicolon-comma-bom", "semicolon-point", "comma-point", "comma-quoted-comma-crlf-bom"],
)  # fmt: skip
def test_utf8_separators_and_decimal_marks(tmp_path: Path, text: str, bom: bool) -> None:
    result = read_workbook(_write(tmp_path, "kost.csv", ("\ufeff" if bom else "") + text), "kost", year=2025)
    frame = result.tables["Fakturor"]
    assert frame.get_column("Leverantör").to_list() == ["Grönt AB", "Kött AB"]
    assert frame.get_column("Fakturadatum").to_list() == [date(2025, 3, 1), date(2025, 3, 2)]
    assert frame.get_column("Belopp totalt (kr)").to_list() == [1234.5, 1000.5]
    assert frame.get_column("Varav ekologiskt (kr)").to_list() == [200.25, 0.0]
    assert result.findings == []


def test_iso_dates_and_times_in_csv(tmp_path: Path) -> None:
    text = (
        "Brukare,Födelseår,Datum,Starttid,Sluttid,Personal,Personalkategori,Besökstyp,Hemtjänstgrupp\n"
        "B1,1940,2025-10-01,07:30,22:00,P1,Omsorgspersonal,Omsorg,\n"
    )
    frame = read_workbook(_write(tmp_path, "h.csv", text), "hemtjanst", year=2025).tables["Besok"]
    row = frame.row(0, named=True)
    assert (row["Datum"], row["Starttid"], row["Sluttid"]) == (date(2025, 10, 1), time(7, 30), time(22, 0))
