"""Findings scale: more identical findings than a threshold become the first few plus one summary.

Issue 14, point 8. Real workbooks: ``tests/data/make_fixtures_scale.py``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.codes import CODES
from kkik_xl.excel.marking import KONTROLL_HEADERS, mark_workbook
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules import validate_workbook
from kkik_xl.rules.summarise import Limits, row_ranges, summarise, summarised

DATA = Path(__file__).parent / "data"
FULL_YEAR = DATA / "forskola_helt_ar_inklistrat.xlsx"  # 61 rows after the period, sheet rows 63–123
TEXT_DATES = DATA / "forskola_text_i_alla_datumceller.xlsx"  # 30 unreadable dates, rows 2–31
runner = CliRunner()


def _of(path: Path, code: str, **params: str) -> list[Finding]:
    return [f for f in validate_workbook(path, params=params).findings if f.code == code]


def test_a_pasted_year_gives_five_findings_and_one_summary() -> None:
    found = _of(FULL_YEAR, "KKIK-DA-001")
    assert [(f.cell, f.count) for f in found] == [
        ("B63", None), ("B63:B123", 61), ("B64", None), ("B65", None), ("B66", None), ("B67", None),
    ]  # fmt: skip
    (summary,) = [f for f in found if f.count]
    assert summary.severity is Severity.WARNING and summary.row == 63
    assert summary.message.startswith(
        "61 celler i kolumnen Önskat placeringsdatum har samma fynd: Datumet ligger utanför mätperioden. "
        "Rad 63–123. De första visas var för sig: B63 (2025-07-03), B64 (2025-07-06),"
    )
    assert summary.message.endswith("En motivering på den här raden gäller alla 61.")


def test_the_reader_s_cell_findings_are_summarised_too() -> None:
    found = _of(TEXT_DATES, "KKIK-LS-001")
    assert [(f.cell, f.count) for f in found] == [
        ("B2", None), ("B2:B31", 30), ("B3", None), ("B4", None), ("B5", None), ("B6", None),
    ]  # fmt: skip
    assert all(f.severity is Severity.ERROR for f in found)


def test_threshold_and_shown_are_engine_settings() -> None:
    assert len(_of(FULL_YEAR, "KKIK-DA-001", sammanfatta_fran="100")) == 61
    assert [(f.cell, f.count) for f in _of(FULL_YEAR, "KKIK-DA-001", visa_forsta="0")] == [("B63:B123", 61)]
    shown = _of(FULL_YEAR, "KKIK-DA-001", sammanfatta_fran="10", visa_forsta="2")
    assert [f.cell for f in shown] == ["B63", "B63:B123", "B64"]
    result = runner.invoke(app, ["validate", str(FULL_YEAR), "--installning", "visa_forsta=-1"])
    assert result.exit_code == 2 and "visa_forsta ska vara ett heltal, minst 0" in result.output


def test_one_motivering_on_the_summary_covers_the_group(tmp_path: Path) -> None:
    """The real loop: validate --mark, write one Motivering on the summary's Kontroll row, validate again."""
    original = shutil.copy(FULL_YEAR, tmp_path / "forskola.xlsx")
    result = runner.invoke(app, ["validate", str(original), "--mark"])
    assert result.exit_code == 0, result.output
    marked = tmp_path / "forskola_kontrollerad.xlsx"
    wb = openpyxl.load_workbook(marked)
    ws = wb["Kontroll"]
    col = {h: i + 1 for i, h in enumerate(KONTROLL_HEADERS)}
    rows = [r for r in range(2, ws.max_row + 1) if ws.cell(r, col["Kod"]).value == "KKIK-DA-001"]
    assert len(rows) == 6  # a readable Kontroll sheet: five cells and the summary, not 61 rows
    (summary_row,) = [r for r in rows if ws.cell(r, col["Cell"]).value == "B63:B123"]
    ws.cell(summary_row, col["Motivering"], "Hela året klistrades in; bara första halvåret räknas.")
    wb.save(marked)
    report = validate_workbook(marked)
    assert not report.unjustified_warnings
    texts = {f.justification for f in report.findings if f.code == "KKIK-DA-001"}
    assert texts == {"Hela året klistrades in; bara första halvåret räknas."}


def test_the_marked_copy_fills_only_the_cells_shown(tmp_path: Path) -> None:
    original = Path(shutil.copy(FULL_YEAR, tmp_path / "forskola.xlsx"))
    marked = mark_workbook(original, validate_workbook(original).findings)
    ws = openpyxl.load_workbook(marked)["Placeringar"]
    filled = [r for r in range(2, 124) if ws.cell(r, 2).fill.fgColor.rgb not in (None, "00000000")]
    plain = ws.cell(2, 2).fill.fgColor.rgb
    assert [r for r in filled if ws.cell(r, 2).fill.fgColor.rgb != plain] == [63, 64, 65, 66, 67]


def test_row_ranges() -> None:
    assert row_ranges(pl.Series([80, 2, 3, 4, 61, 5, 60], dtype=pl.Int64)) == ("2–5, 60–61, 80", 3)
    many = pl.Series(list(range(2, 60, 2)), dtype=pl.Int64)
    text, runs = row_ranges(many)
    assert runs == 29 and text == "2, 4, 6, 8, 10, 12, 14, 16, 18, 20"


def _finding(row: int) -> Finding:
    spec = CODES["KKIK-DA-005"]
    return spec.finding(sheet="Besök", cell=f"D{row}", row=row, column="Starttid", value="22:00")


@settings(max_examples=60, deadline=None)
@given(
    rows=st.sets(st.integers(2, 1_048_576), min_size=0, max_size=80),
    above=st.integers(1, 40),
    shown=st.integers(0, 10),
)
def test_the_fast_path_and_the_list_path_agree(rows: set[int], above: int, shown: int) -> None:
    limits = Limits(above=above, shown=min(shown, above))
    listed = summarise([_finding(r) for r in sorted(rows, reverse=True)], limits)
    hits = pl.DataFrame({"_row": sorted(rows)}, schema={"_row": pl.Int64})

    def make(frame: pl.DataFrame) -> list[Finding]:
        return [_finding(r) for r in frame["_row"]]

    fast = summarised(hits, limits, "D", make) or make(hits)
    assert sorted(listed, key=Finding.sort_key) == sorted(fast, key=Finding.sort_key)
    assert len(fast) == (len(rows) if len(rows) <= above else limits.shown + 1)
    assert sum(f.count or 1 for f in fast if f.count) in ((len(rows),) if len(rows) > above else (0,))


def test_compute_summarises_the_reader_s_findings_too() -> None:
    result = runner.invoke(
        app, ["compute", "forskola", str(TEXT_DATES), "--year", "2025", "--format", "json"]
    )
    assert result.exit_code == 0
    cells = [f["cell"] for f in json.loads(result.output)["findings"]]
    assert cells == ["B2", "B2:B31", "B3", "B4", "B5", "B6"]
