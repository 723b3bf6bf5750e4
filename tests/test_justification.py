"""Justifications: Motivering on the Kontroll sheet is read back and travels with its finding."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from xlsx_builders import template_workbook

from kkik_xl.excel.marking import KONTROLL_HEADERS
from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.rules import validate_workbook
from kkik_xl.rules.report import to_html, to_json, to_text
from kkik_xl.sv_text import counted

D = date(2025, 2, 3)
ROWS = [
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D},
    {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 12, 20), "Erbjudet placeringsdatum": D},  # B3
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": date(2026, 3, 1)},  # C4
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": None},  # C5 error
]
LAST_YEAR = {"U11401": 100.0, "U11402": 1.0}


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template("forskola", 2025, tmp_path_factory.mktemp("mall"))


def _workbook(blank: Path, tmp_path: Path, motiveringar: list[dict[str, str]]) -> Path:
    path = fill_template(blank, tmp_path / "forskola.xlsx", {"Placeringar": ROWS})
    wb = openpyxl.load_workbook(path)
    ws = wb["Kontroll"]
    col = {h: i + 1 for i, h in enumerate(KONTROLL_HEADERS)}
    for r, row in enumerate(motiveringar, start=2):
        for header, value in row.items():
            ws.cell(r, col[header], value)
    wb.save(path)
    return path


def test_a_motivering_travels_with_its_warning(blank: Path, tmp_path: Path) -> None:
    path = _workbook(
        blank,
        tmp_path,
        [
            {
                "Kod": "KKIK-DA-001",
                "Blad": "Placeringar",
                "Cell": "B3",
                "Motivering": "Ansökan kom i december.",
            },
            {
                "Kod": "KKIK-VA-001",
                "Blad": "Placeringar",
                "Cell": "C5",
                "Motivering": "Fel kan inte motiveras.",
            },
        ],
    )
    report = validate_workbook(path)
    by_place = {(f.code, f.cell): f for f in report.findings}
    assert by_place[("KKIK-DA-001", "B3")].justification == "Ansökan kom i december."
    assert by_place[("KKIK-VA-001", "C5")].justification is None  # errors are never justified
    assert by_place[("KKIK-DA-004", "C4")].justification is None
    unjustified = [(f.code, f.cell) for f in report.unjustified_warnings]
    assert ("KKIK-DA-004", "C4") in unjustified and ("KKIK-DA-001", "B3") not in unjustified

    doc = to_json(report)
    assert doc["unjustified_warnings"] == len(report.unjustified_warnings) > 0
    da001 = next(f for f in doc["findings"] if f["code"] == "KKIK-DA-001")
    assert da001["justification"] == "Ansökan kom i december."
    text = to_text(report)
    assert "Motivering: Ansökan kom i december." in text
    assert "(saknar motivering)" in next(line for line in text.splitlines() if "C4" in line)
    assert f"{counted(len(report.unjustified_warnings), 'varning')} saknar motivering" in text
    assert "saknar motivering" in to_html(report)


def test_a_warning_without_cell_is_matched_on_its_measure(blank: Path, tmp_path: Path) -> None:
    path = _workbook(
        blank,
        tmp_path,
        [{"Kod": "KKIK-ST-004", "Blad": "Placeringar", "Mått": "U11401", "Motivering": "Ny förskola."}],
    )
    report = validate_workbook(path, last_year=LAST_YEAR)
    jumps = {f.measure: f.justification for f in report.findings if f.code == "KKIK-ST-004"}
    assert jumps == {"U11401": "Ny förskola.", "U11402": None}


def test_a_cellless_motivering_without_measure_applies_to_all_of_its_code_and_sheet(
    blank: Path, tmp_path: Path
) -> None:
    path = _workbook(
        blank, tmp_path, [{"Kod": "KKIK-ST-004", "Blad": "Placeringar", "Motivering": "Omorganisation."}]
    )
    report = validate_workbook(path, last_year=LAST_YEAR)
    jumps = {f.measure: f.justification for f in report.findings if f.code == "KKIK-ST-004"}
    assert jumps == {"U11401": "Omorganisation.", "U11402": "Omorganisation."}


def test_without_kontroll_sheet_nothing_is_justified(tmp_path: Path) -> None:
    rows = [["Solen", date(2024, 12, 20), D]]
    path = template_workbook(tmp_path / "utan.xlsx", "forskola", {"Placeringar": rows})
    report = validate_workbook(path)
    # The builder's fingerprint is a placeholder, so the structure warning comes too.
    assert [(f.code, f.cell) for f in report.unjustified_warnings] == [
        ("KKIK-MA-002", None),
        ("KKIK-DA-001", "B2"),
    ]
    assert json.dumps(to_json(report))


def test_motivering_written_in_the_marked_copy_is_read_back(blank: Path, tmp_path: Path) -> None:
    from kkik_xl.excel.marking import mark_workbook

    path = _workbook(blank, tmp_path, [])
    first = validate_workbook(path, last_year=LAST_YEAR)
    marked = mark_workbook(path, first.findings)
    wb = openpyxl.load_workbook(marked)
    ws = wb["Kontroll"]
    headers = [c.value for c in ws[1]]
    kod, motivering = headers.index("Kod") + 1, headers.index("Motivering") + 1
    for r in range(2, ws.max_row + 1):
        if ws.cell(r, kod).value in ("KKIK-DA-004", "KKIK-ST-004"):
            assert ws.cell(r, motivering).protection.locked is False
            ws.cell(r, motivering, "Kontrollerat.")
    wb.save(marked)
    again = validate_workbook(marked, last_year=LAST_YEAR)
    justified = {(f.code, f.cell, f.measure) for f in again.findings if f.justification == "Kontrollerat."}
    assert justified == {
        ("KKIK-DA-004", "C4", "U11401, U11402"),
        ("KKIK-ST-004", None, "U11401"),
        ("KKIK-ST-004", None, "U11402"),
    }
    assert [(f.code, f.cell) for f in again.unjustified_warnings] == [("KKIK-DA-001", "B3")]
