"""The benchmark's visit-log generator makes a valid filled template whose only findings are its injections.

Fixture: ``tests/data/hemtjanst_visit_log_1000_rows_injected_mistakes.xlsx``, made by
``.venv/bin/python benchmarks/hemtjanst_log.py tests/data/hemtjanst_visit_log_1000_rows_injected_mistakes.xlsx
--rows 1000`` (seeded; the 1M-row benchmark file is the same generator with more rows).
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from datetime import time
from pathlib import Path
from types import ModuleType

import polars as pl
import pytest

from kkik_xl.excel import sheet_xml
from kkik_xl.excel.meta import sheet_members
from kkik_xl.excel.reader import read_workbook
from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.rules import fingerprint_check, validate_workbook

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "data" / "hemtjanst_visit_log_1000_rows_injected_mistakes.xlsx"
ROWS = 1_000


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hemtjanst_log", ROOT / "benchmarks" / "hemtjanst_log.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look the module up while the class is created
    spec.loader.exec_module(module)
    return module


LOG = _generator()


def test_validate_finds_exactly_the_injected_mistakes() -> None:
    report = validate_workbook(FIXTURE)
    found = {(f.sheet, f.cell, f.code) for f in report.findings}
    assert found == LOG.expected_findings(ROWS)
    assert len(report.findings) == len(LOG.INJECTIONS)
    (result,) = report.results
    assert result.kpi == "U21401" and result.value is not None and 5 < result.value < 40


def test_a_huge_file_expects_the_info_findings_of_skipped_checks(monkeypatch: pytest.MonkeyPatch) -> None:
    """What the 1M-row benchmark expects (checks skipped above the size limits), on the 1,000-row file."""
    assert LOG.size_notes(FIXTURE) == set()
    monkeypatch.setattr(sheet_xml, "MAX_SCAN_BYTES", 1000)
    monkeypatch.setattr(fingerprint_check, "MAX_BYTES", 1000)
    notes = LOG.size_notes(FIXTURE)
    assert notes == {(None, None, "KKIK-MA-006"), ("Besök", None, "KKIK-LS-014")}
    found = {(f.sheet, f.cell, f.code) for f in validate_workbook(FIXTURE).findings}
    assert found == LOG.expected_findings(ROWS) | notes


def test_the_fixture_is_the_template_grown_to_every_row() -> None:
    read = read_workbook(FIXTURE)
    assert read.meta.template_id == "hemtjanst" and read.meta.fingerprint
    assert read.tables["Besok"].height == ROWS
    assert read.tables["Besok"].get_column("_row").max() == ROWS + 1
    with zipfile.ZipFile(FIXTURE) as zf:
        table = zf.read("xl/tables/table1.xml").decode()
    assert f'ref="A1:I{ROWS + 1}"' in table
    assert read.meta.names["KKIK_Kommunkod"] == "1440"


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    again = tmp_path / "again.xlsx"
    LOG.generate(again, ROWS)
    with zipfile.ZipFile(FIXTURE) as a, zipfile.ZipFile(again) as b:
        assert a.namelist() == b.namelist()
        for name in a.namelist():
            if not name.startswith("docProps/"):
                assert a.read(name) == b.read(name), name


def test_the_same_rows_filled_with_openpyxl_read_the_same(tmp_path: Path) -> None:
    """What the generator streams equals what the project's openpyxl filler writes for the same rows."""
    rows = []
    for _, values in LOG.visit_rows(ROWS):
        row = dict(zip(LOG.HEADERS, values, strict=True))
        for header in ("Starttid", "Sluttid"):
            minutes = row[header][1]  # type: ignore[index]
            row[header] = time(minutes // 60 % 24, minutes % 60)
        rows.append(row)
    template = write_template("hemtjanst", 2025, tmp_path / "mall")
    filled = fill_template(template, tmp_path / "filled.xlsx", {"Besok": rows}, kommun="Ale")
    ours, theirs = read_workbook(FIXTURE), read_workbook(filled)
    assert ours.tables["Besok"].equals(theirs.tables["Besok"])
    assert [(f.cell, f.code) for f in ours.findings] == [(f.cell, f.code) for f in theirs.findings]
    assert not pl.DataFrame(ours.tables["Besok"]).is_empty()


def test_inline_strings_read_back_as_the_shared_strings_do(tmp_path: Path) -> None:
    shared, inline = tmp_path / "delade.xlsx", tmp_path / "inline.xlsx"
    LOG.generate(shared, ROWS)
    LOG.generate(inline, ROWS, inline=True)
    with zipfile.ZipFile(inline) as zf:
        assert b't="inlineStr"' in zf.read(sheet_members(zf)["Besök"])
    assert read_workbook(inline).tables["Besok"].equals(read_workbook(shared).tables["Besok"])


def test_a_shifted_log_breaks_the_period_rule_in_every_row(tmp_path: Path) -> None:
    path = tmp_path / "utanfor.xlsx"
    LOG.generate(path, ROWS, shift_days=LOG.DAYS)
    found = [f for f in validate_workbook(path).findings if f.code == "KKIK-DA-001"]
    # Every row after the period except the one whose date is the text "igår": five cells and a summary.
    assert [(f.cell, f.count) for f in found] == [
        ("C2", None), ("C2:C1001", 999), ("C3", None), ("C4", None), ("C5", None), ("C6", None),
    ]  # fmt: skip
