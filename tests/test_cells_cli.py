"""Cell values pasted from business systems, as the user meets them through the CLI (issue 14 points
4–5, issue 17 §2): dates written ÅÅÅÅMMDD, serials outside Excel's calendar (one of which made the
reader panic), and rows holding only spaces. Fixtures: ``tests/data/make_fixtures_cells.py``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kkik_xl.cli import app

DATA = Path(__file__).parent / "data"
runner = CliRunner()


def _validate(name: str) -> tuple[int, dict[str, Any]]:
    result = runner.invoke(app, ["validate", str(DATA / name), "--report", "json"])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, json.loads(result.output)


def _cells(report: dict[str, Any], code: str) -> list[str]:
    return [f["cell"] for f in report["findings"] if f["code"] == code]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("forskola_datum_som_aaaammdd.xlsx", {"KKIK-DA-010": ["B6", "C7"]}),
        ("forskola_datum_utanfor_excel.xlsx", {"KKIK-DA-011": ["B3", "C4", "B5"]}),
        (
            "sarskilt_boende_beslutsdatum_som_aaaammdd.xlsx",
            {"KKIK-DA-010": ["D3"], "KKIK-DA-011": ["E4"]},
        ),
        ("service_datum_och_tid_utanfor_excel.xlsx", {"KKIK-DA-010": ["B2"], "KKIK-DA-011": ["C3"]}),
    ],
)
def test_impossible_dates_are_cell_errors(name: str, expected: dict[str, list[str]]) -> None:
    code, report = _validate(name)
    assert code == 1
    for finding_code, cells in expected.items():
        assert sorted(_cells(report, finding_code)) == sorted(cells)
    # The reader reported the cell; no second finding says the same cell is empty or out of period.
    reported = {c for cells in expected.values() for c in cells}
    others = {f["cell"] for f in report["findings"] if f["code"] in ("KKIK-VA-001", "KKIK-DA-001")}
    assert not reported & others


def test_yyyymmdd_message_shows_the_iso_spelling() -> None:
    _, report = _validate("forskola_datum_som_aaaammdd.xlsx")
    b6 = next(f for f in report["findings"] if f["cell"] == "B6")
    assert "ser ut som ett datum skrivet ÅÅÅÅMMDD – skriv 2025-03-05" in b6["message"]
    assert b6["value"] == "20250305"
    c7 = next(f for f in report["findings"] if f["cell"] == "C7")
    assert "'20250305'" in c7["message"]


def test_out_of_range_message_says_what_excel_can_show() -> None:
    _, report = _validate("forskola_datum_utanfor_excel.xlsx")
    c4 = next(f for f in report["findings"] if f["cell"] == "C4")
    assert "utanför det Excel kan visa" in c4["message"]
    assert c4["value"] == "-1e+308"


@pytest.mark.parametrize(
    ("template", "name", "excluded"),
    [
        ("forskola", "forskola_datum_som_aaaammdd.xlsx", 2),
        ("forskola", "forskola_datum_utanfor_excel.xlsx", 3),
        ("sarskilt-boende", "sarskilt_boende_beslutsdatum_som_aaaammdd.xlsx", 2),
    ],
)
def test_compute_excludes_the_rows_as_invalid(template: str, name: str, excluded: int) -> None:
    result = runner.invoke(app, ["compute", template, str(DATA / name), "--year", "2025", "--format", "json"])
    assert result.exit_code == 0, result.output
    measures = json.loads(result.output)["measures"]
    assert any(m["excluded"].get("ogiltiga värden") == excluded for m in measures), measures
    assert not any("utanför mätperioden" in reason for m in measures for reason in m["excluded"])


@pytest.mark.parametrize(
    "name",
    [
        "forskola_datum_som_aaaammdd.xlsx",
        "forskola_datum_utanfor_excel.xlsx",
        "sarskilt_boende_beslutsdatum_som_aaaammdd.xlsx",
        "service_datum_och_tid_utanfor_excel.xlsx",
    ],
)
def test_submit_refuses_with_the_cell_findings(name: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["submit", str(DATA / name), "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "KKIK-DA-01" in result.output
    assert not list(tmp_path.iterdir())


def test_rows_of_only_spaces_are_empty_rows() -> None:
    code, report = _validate("hemtjanst_rader_med_bara_mellanslag.xlsx")
    assert code == 0, report["findings"]
    assert report["counts"] == {"error": 0, "warning": 0, "info": 0}


def test_rows_of_only_spaces_are_not_counted(tmp_path: Path) -> None:
    path = DATA / "hemtjanst_rader_med_bara_mellanslag.xlsx"
    result = runner.invoke(app, ["compute", "hemtjanst", str(path), "--year", "2025", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["findings"] == []
    assert all("ogiltiga värden" not in m["excluded"] for m in out["measures"])


def test_the_reader_panic_prints_nothing_from_the_reader(tmp_path: Path) -> None:
    """-1e308 in a date cell made the Rust reader panic with an English message on stderr."""
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "kkik_xl", "validate", str(DATA / "forskola_datum_utanfor_excel.xlsx")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "panicked" not in done.stderr and "Traceback" not in done.stderr
    assert "KKIK-DA-011" in done.stdout


def test_csv_date_written_yyyymmdd_is_the_same_finding(tmp_path: Path) -> None:
    path = tmp_path / "placeringar.csv"
    path.write_text(
        "Enhet;Önskat placeringsdatum;Erbjudet placeringsdatum\n"
        "Solen;2025-02-03;2025-02-03\nSolen;20250305;2025-03-05\n \u00a0; \u200b;\t\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["compute", "forskola", str(path), "--year", "2025", "--format", "json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    cells = [(f["code"], f["cell"]) for f in out["findings"] if f["cell"]]
    assert cells == [("KKIK-DA-010", "B3")]
    assert out["measures"][0]["excluded"] == {"ogiltiga värden": 1}


def test_an_error_value_the_reader_does_not_know_is_a_swedish_usage_error(tmp_path: Path) -> None:
    """calamine refuses a whole sheet holding #GETTING_DATA (an error value Excel writes while a
    data connection loads)."""
    import shutil
    import zipfile

    from xlsx_builders import rewrite_member

    from kkik_xl.excel.meta import sheet_members

    path = tmp_path / "forskola.xlsx"
    shutil.copy(DATA / "forskola_datum_som_aaaammdd.xlsx", path)
    with zipfile.ZipFile(path) as zf:
        member = sheet_members(zf)["Placeringar"]

    def to_error(xml: bytes) -> bytes:
        cell = b'<c r="B6" s="20" t="n"><v>20250305</v></c>'
        assert cell in xml
        return xml.replace(cell, b'<c r="B6" s="20" t="e"><v>#GETTING_DATA</v></c>')

    rewrite_member(path, member, to_error)
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 2, result.output
    assert "#GETTING_DATA" in result.output and "Traceback" not in result.output


def test_after_a_reader_panic_every_other_cell_is_read_as_usual() -> None:
    """C4 = -1e308 makes calamine panic; the table is read again as numbers, cell by cell."""
    from datetime import date

    from kkik_xl.excel.reader import read_workbook

    read = read_workbook(DATA / "forskola_datum_utanfor_excel.xlsx")
    frame = read.tables["Placeringar"]
    assert frame.get_column("_row").to_list() == [2, 3, 4, 5, 6]
    assert frame.get_column("_invalid").to_list() == [False, True, True, True, False]
    assert frame.get_column("Enhet").to_list() == ["Solen"] * 5
    assert frame.get_column("Önskat placeringsdatum").to_list() == [
        date(2025, 2, 3),
        None,
        date(2025, 2, 3),
        None,
        date(2025, 2, 3),
    ]
    assert [f.code for f in read.findings] == ["KKIK-DA-011"] * 3


def test_extra_column_with_a_panicking_date_is_still_scanned_for_personnummer() -> None:
    code, report = _validate("forskola_extra_kolumn_datum_utanfor_excel.xlsx")
    assert code == 1
    assert _cells(report, "KKIK-PN-001") == ["E3"]
    assert _cells(report, "KKIK-LS-007") == ["E1"]
