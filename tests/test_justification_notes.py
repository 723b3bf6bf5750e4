"""A user's cell note starting with ``Motivering:`` justifies the findings of its cell.

Fixture: ``tests/data/forskola_motivering_i_anteckning.xlsx``, made by
``tests/data/make_fixture_motivering_notes.py`` (which lists every note and why it is there).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.comments import Comment
from submission_workbooks import filled_workbook
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.excel.marking import mark_workbook
from kkik_xl.excel.workbook_text import Note, cell_notes
from kkik_xl.findings import Severity
from kkik_xl.rules import base, validate_workbook
from kkik_xl.rules.justification import note_justification
from kkik_xl.submission import load_submission

FIXTURE = Path(__file__).parent / "data" / "forskola_motivering_i_anteckning.xlsx"
EXPECTED = {
    ("KKIK-DA-001", "B3"): "Ansökan kom i december.",  # after Excel's author line
    ("KKIK-DA-004", "C4"): "Platsen fanns först efter ombyggnaden.",  # "motivering -"
    ("KKIK-VA-001", "C5"): None,  # an error is never justified
    ("KKIK-DA-001", "B6"): None,  # a kkik-xl (marking) note
    ("KKIK-DA-001", "B7"): None,  # no Motivering prefix
    ("KKIK-DA-001", "B8"): "Kontrollbladet gäller.",  # the Kontroll sheet wins over the note
    ("KKIK-DA-001", "B9"): None,  # "Motiveringen kommer senare." has no separator
}
UNJUSTIFIED = [("KKIK-DA-001", "B6"), ("KKIK-DA-001", "B7"), ("KKIK-DA-001", "B9")]


def test_the_fixture_has_the_notes_with_their_authors() -> None:
    notes = {n.cell: n.author for n in cell_notes(FIXTURE)}
    assert notes == {
        "B3": "Anna Svensson",
        "C4": "Bo Ek",
        "C5": "Bo Ek",
        "B6": "kkik-xl",
        "B7": "Bo Ek",
        "B8": "Bo Ek",
        "B9": "Bo Ek",
    }


def test_notes_justify_the_findings_of_their_cell() -> None:
    report = validate_workbook(FIXTURE)
    found = {(f.code, f.cell): f.justification for f in report.findings if f.cell in {c for _, c in EXPECTED}}
    assert found == EXPECTED
    assert [(f.code, f.cell) for f in report.unjustified_warnings] == UNJUSTIFIED


def test_the_json_report_carries_the_note_justifications() -> None:
    result = CliRunner().invoke(app, ["validate", str(FIXTURE), "--report", "json"])
    assert result.exit_code == 1, result.output  # C5 is an error
    doc = json.loads(result.stdout)
    found = {(f["code"], f["cell"]): f["justification"] for f in doc["findings"]}
    assert {k: found[k] for k in EXPECTED} == EXPECTED
    assert doc["unjustified_warnings"] == len(UNJUSTIFIED)


def test_notes_are_read_once_per_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []

    def counting(path: Path) -> list[Note]:
        calls.append(path)
        return list(cell_notes(path))

    monkeypatch.setattr(base, "cell_notes", counting)
    report = validate_workbook(FIXTURE)
    assert calls == [FIXTURE]  # shared by the personal-data rule and the justifications
    assert sum(f.justification is not None for f in report.findings) == 3


@pytest.mark.parametrize("engine", ["xml", "openpyxl"])
def test_justifications_survive_marking(engine: str, tmp_path: Path) -> None:
    """The marked copy gives the same justifications (notes kept, or carried onto Kontroll)."""
    original = tmp_path / FIXTURE.name
    original.write_bytes(FIXTURE.read_bytes())
    report = validate_workbook(original)
    marked = mark_workbook(original, report.findings, engine=engine)
    again = validate_workbook(marked)
    assert {(f.code, f.cell): f.justification for f in again.findings} == {
        (f.code, f.cell): f.justification for f in report.findings
    }


def test_a_workbook_justified_by_notes_can_be_submitted(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "forskola", justify=None)
    warnings = [f for f in validate_workbook(book).findings if f.severity is Severity.WARNING]
    assert warnings and all(f.cell for f in warnings)
    wb = openpyxl.load_workbook(book)
    for f in warnings:
        wb[str(f.sheet)][str(f.cell)].comment = Comment(
            f"Bo Ek:\nMotivering: Kontrollerat, {f.code}.", "Bo Ek"
        )
    wb.save(book)
    result = CliRunner().invoke(app, ["submit", str(book), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    (path,) = (tmp_path / "ut").glob("*.kkik.json")
    listed = load_submission(path).findings.warning_list
    assert sorted((w.code, w.cell, w.justification) for w in listed if w.severity == "warning") == sorted(
        (f.code, f.cell, f"Kontrollerat, {f.code}.") for f in warnings
    )


@pytest.mark.parametrize(
    ("author", "text", "expected"),
    [
        ("Bo", "Motivering: Ny förskola.", "Ny förskola."),
        ("Bo", "MOTIVERING:Ny förskola.", "Ny förskola."),
        ("Bo", "  motivering - Ny förskola.\nAndra raden. ", "Ny förskola.\nAndra raden."),
        ("Bo", "Motivering – Ny förskola.", "Ny förskola."),
        ("Anna Svensson", "Anna Svensson:\nMotivering: Ny förskola.", "Ny förskola."),
        ("Bo", "Motivering:", None),
        ("Bo", "Motivering:   \n", None),
        ("Bo", "Motiveringen: Ny förskola.", None),
        ("Bo", "Se motivering: Ny förskola.", None),
        ("Bo", "Motivering Ny förskola.", None),
        ("kkik-xl", "Motivering: Ny förskola.", None),
        ("KKIK-XL ", "Motivering: Ny förskola.", None),
        ("", "Motivering: Ny förskola.", "Ny förskola."),
    ],
)
def test_the_note_prefix(author: str, text: str, expected: str | None) -> None:
    assert note_justification(Note("Placeringar", "B3", author, text)) == expected


@given(st.text().filter(lambda t: t.strip() != ""))
def test_any_text_after_the_prefix_is_the_justification(text: str) -> None:
    assert note_justification(Note("Blad", "A1", "Bo", f"Motivering: {text}")) == text.strip()
    assert note_justification(Note("Blad", "A1", "kkik-xl", f"Motivering: {text}")) is None
