"""Marked copies: fills by severity, notes with code and message, Kontroll with links; original untouched."""

from __future__ import annotations

import hashlib
import os
import time
from datetime import date
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter

from kkik_xl.atomic import WriteError
from kkik_xl.excel import marking
from kkik_xl.excel.marking import COLOURS, KONTROLL_HEADERS, cell_ranges, mark_workbook, marked_path, plan
from kkik_xl.excel.marking_openpyxl import OpenpyxlMarkWriter
from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.excel.xmlmark.writer import XmlMarkWriter
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules import validate_workbook

D = date(2025, 2, 3)
ROWS = [
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D},
    {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 12, 20), "Erbjudet placeringsdatum": D},  # B3
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": None},  # C4
    {
        "Enhet": "Solen",
        "Önskat placeringsdatum": D,
        "Erbjudet placeringsdatum": D,
        "Kommentar": "19121212-1212",
    },
]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _finding(cell: str, severity: Severity = Severity.ERROR, code: str = "KKIK-VA-001") -> Finding:
    return Finding(code=code, severity=severity, message=f"m {cell}", sheet="Placeringar", cell=cell)


def test_cells_are_batched_into_vertical_ranges() -> None:
    assert cell_ranges(["C2", "C3", "C4", "D9", "C6", "C3", "AA10", "AA11"]) == [
        "AA10:AA11",
        "C2:C4",
        "C6",
        "D9",
    ]


def test_plan_fills_with_the_worst_severity_and_notes_every_finding() -> None:
    findings = [
        _finding("C2", Severity.WARNING, "KKIK-DA-004"),
        _finding("C2", Severity.ERROR, "KKIK-DA-003"),
        _finding("C3", Severity.WARNING, "KKIK-DA-004"),
        Finding(code="KKIK-ST-003", severity=Severity.INFO, message="m", sheet="Placeringar"),
    ]
    fills, notes = plan(findings)
    assert fills == {("Placeringar", Severity.ERROR): ["C2"], ("Placeringar", Severity.WARNING): ["C3"]}
    assert notes["Placeringar"]["C2"] == "KKIK-DA-004 (Varning): m C2\nKKIK-DA-003 (Fel): m C2"


@pytest.fixture(params=["xml", "openpyxl"])
def engine(request: pytest.FixtureRequest) -> str:
    """Both writers must produce the same marked copy."""
    return str(request.param)


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template("forskola", 2025, tmp_path_factory.mktemp("mall"))


@pytest.fixture
def original(blank: Path, tmp_path: Path) -> Path:
    path = fill_template(blank, tmp_path / "forskola.xlsx", {"Placeringar": ROWS})
    wb = openpyxl.load_workbook(path)
    ws = wb["Kontroll"]
    col = {h: i + 1 for i, h in enumerate(KONTROLL_HEADERS)}
    for header, value in {
        "Kod": "KKIK-DA-001",
        "Blad": "Placeringar",
        "Cell": "B3",
        "Motivering": "Sen ansökan.",
    }.items():
        ws.cell(2, col[header], value)
    wb.save(path)
    return path


def _fill(ws: Any, ref: str) -> str | None:
    fill = ws[ref].fill
    return str(fill.fgColor.rgb)[-6:] if fill.fill_type == "solid" else None


def test_marked_copy_beside_the_original_which_is_unchanged(original: Path, engine: str) -> None:
    before, mtime = sha256(original), original.stat().st_mtime_ns
    report = validate_workbook(original)
    target = mark_workbook(original, report.findings, engine=engine)
    assert target == original.with_name("forskola_kontrollerad.xlsx") == marked_path(original)
    assert (sha256(original), original.stat().st_mtime_ns) == (before, mtime)
    assert sorted(p.name for p in original.parent.iterdir()) == [
        "forskola.xlsx",
        "forskola_kontrollerad.xlsx",
    ]

    wb = openpyxl.load_workbook(target)
    ws = wb["Placeringar"]
    assert _fill(ws, "C4") == COLOURS[Severity.ERROR]
    assert _fill(ws, "B3") == COLOURS[Severity.WARNING]
    assert _fill(ws, "D5") == COLOURS[Severity.ERROR]
    assert _fill(ws, "B2") is None
    note = ws["C4"].comment
    assert note is not None and note.author == "kkik-xl"
    assert note.text == (
        "KKIK-VA-001 (Fel): Cell C4 i kolumnen Erbjudet placeringsdatum är tom men måste fyllas i. "
        "Raden räknas inte."
    )
    assert "19121212" not in ws["D5"].comment.text and "********-****" in ws["D5"].comment.text


def test_kontroll_lists_every_finding_with_a_link_and_an_open_motivering(original: Path, engine: str) -> None:
    report = validate_workbook(original)
    wb = openpyxl.load_workbook(mark_workbook(original, report.findings, engine=engine))
    ws = wb["Kontroll"]
    assert [c.value for c in ws[1]] == list(KONTROLL_HEADERS)
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report.findings) == ws.max_row - 1
    by_place = {(r[1], r[3]): (i + 2, r) for i, r in enumerate(rows)}
    r, values = by_place[("KKIK-VA-001", "C4")]
    assert values[:6] == ("Fel", "KKIK-VA-001", "Placeringar", "C4", 4, "Erbjudet placeringsdatum")
    link = ws.cell(r, 4).hyperlink
    assert link is not None and link.location == "'Placeringar'!C4" and link.target is None
    r, values = by_place[("KKIK-DA-001", "B3")]
    assert values[9] == "Sen ansökan."
    assert ws.protection.sheet  # Kontroll stays protected, but every Motivering cell is open for writing
    assert all(ws.cell(i, 10).protection.locked is False for i in range(2, ws.max_row + 1))
    # A finding without a cell is listed without a link.
    unlinked = [i + 2 for i, row in enumerate(rows) if not row[3]]
    assert all(ws.cell(i, 4).hyperlink is None for i in unlinked)


def test_link_target_quotes_sheet_names() -> None:
    assert marking.link_target("Ansökningar", "C12") == "'Ansökningar'!C12"
    assert marking.link_target("Kim's", "A1") == "'Kim''s'!A1"


def test_remarking_a_marked_copy_clears_the_marks_of_fixed_cells(original: Path, engine: str) -> None:
    first = mark_workbook(original, [_finding("C4"), _finding("C5", Severity.WARNING)], engine=engine)
    second = mark_workbook(first, [_finding("C5", Severity.WARNING)], engine=engine)
    ws = openpyxl.load_workbook(second)["Placeringar"]
    assert (_fill(ws, "C4"), ws["C4"].comment) == (None, None)
    assert _fill(ws, "C5") == COLOURS[Severity.WARNING] and ws["C5"].comment is not None


@pytest.mark.parametrize(("engine", "writer"), [("xml", XmlMarkWriter), ("openpyxl", OpenpyxlMarkWriter)])
def test_the_write_is_atomic(
    original: Path, monkeypatch: pytest.MonkeyPatch, engine: str, writer: type
) -> None:
    target = marked_path(original)
    target.write_bytes(b"earlier marked copy")

    def broken_save(self: object, path: str) -> None:
        Path(path).write_bytes(b"half a file")
        raise OSError("disk full")

    monkeypatch.setattr(writer, "save", broken_save)
    with pytest.raises(WriteError, match=r"forskola_kontrollerad\.xlsx kunde inte skrivas"):
        mark_workbook(original, [_finding("C4")], engine=engine)
    assert target.read_bytes() == b"earlier marked copy"
    assert sorted(p.name for p in original.parent.iterdir()) == [
        "forskola.xlsx",
        "forskola_kontrollerad.xlsx",
    ]


class CountingWriter(OpenpyxlMarkWriter):
    """Counts the calls and ranges that reach the writer."""

    calls: list[tuple[str, int]]

    def fill(self, sheet: str, ranges: Any, severity: Severity) -> None:
        self.calls.append((severity.value, len(ranges)))
        super().fill(sheet, ranges, severity)


def test_fifty_thousand_findings_are_marked_in_ranges(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    n = 50_000
    path = tmp_path / "stor.xlsx"
    book = xlsxwriter.Workbook(path)
    ws = book.add_worksheet("Placeringar")
    ws.write_row(0, 0, ["Enhet", "Önskat placeringsdatum", "Erbjudet placeringsdatum", "Kommentar"])
    book.close()
    severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    findings = [_finding(f"C{i + 2}", severities[i // 20_000]) for i in range(n)]
    CountingWriter.calls = []
    monkeypatch.setattr("kkik_xl.excel.marking_openpyxl.OpenpyxlMarkWriter", CountingWriter)
    start = time.perf_counter()
    target = mark_workbook(path, findings, engine="openpyxl")
    print(f"\nmarking {n} findings: {time.perf_counter() - start:.1f} s")
    # One range per run of consecutive rows with the same severity: three calls, one range each.
    assert sorted(CountingWriter.calls) == [("error", 1), ("info", 1), ("warning", 1)]
    wb = openpyxl.load_workbook(target, read_only=True)
    assert wb["Kontroll"].max_row == n + 1
    assert os.path.getsize(target) > 0
