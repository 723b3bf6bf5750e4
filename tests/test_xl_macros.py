"""The Excel macros, run against a fake xlwings book backed by a real workbook file."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from fake_xlwings import CALLS, FakeBook
from openpyxl.comments import Comment

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.example_rows import example_rows
from kkik_xl.excel.marking import COLOURS, mark_workbook
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.findings import Severity
from kkik_xl.rules import validate_workbook
from kkik_xl.xl import macros

TEMPLATES = Path(__file__).parent.parent / "workbook_templates"


@pytest.fixture
def forskola_with_errors(tmp_path: Path) -> Path:
    """A filled förskola workbook with unreadable dates and an offer before the wish."""
    template = CATALOGUE.template("forskola")
    rows: list[dict[str, Any]] = example_rows(template, template.table("Placeringar"), 2025, n=30)
    rows[3]["Önskat placeringsdatum"] = "inte ett datum"
    rows[4]["Önskat placeringsdatum"] = "5/3 2025"
    rows[7]["Erbjudet placeringsdatum"] = "31 februari"
    return fill_template(
        TEMPLATES / "forskola.xlsx", tmp_path / "forskola.xlsx", {"Placeringar": rows}, "Uppsala"
    )


def fills(wb: openpyxl.Workbook, sheet: str) -> dict[str, str]:
    out = {}
    for row in wb[sheet].iter_rows(min_row=2):
        for cell in row:
            if cell.fill is not None and cell.fill.fill_type == "solid":
                out[cell.coordinate] = str(cell.fill.start_color.rgb)[-6:]
    return out


def kontroll(wb: openpyxl.Workbook) -> list[tuple[Any, ...]]:
    return [r for r in wb["Kontroll"].iter_rows(min_row=2, values_only=True) if any(v is not None for v in r)]


def test_validera_saves_checks_and_marks_like_the_cli(forskola_with_errors: Path) -> None:
    book = FakeBook(forskola_with_errors)
    macros.validera(book)
    assert book.saves == 1
    [alert] = book.app.alerts
    assert alert["mode"] == "info" and alert["title"] == "KKiK – Validera"
    report = validate_workbook(forskola_with_errors)
    assert report.has_errors
    n = {s.value: report.count(s) for s in Severity}
    assert alert["prompt"].startswith(
        f"Kontrollen är klar: {n['error']} fel, {n['warning']} varningar, {n['info']} upplysningar.\n"
    )
    assert "Rätta felen innan du skapar inlämningen." in alert["prompt"]
    marked = openpyxl.load_workbook(mark_workbook(forskola_with_errors, report.findings))
    assert fills(book.wb, "Placeringar") == fills(marked, "Placeringar")
    bad = next(
        c.coordinate for row in book.wb["Placeringar"].iter_rows() for c in row if c.value == "inte ett datum"
    )
    assert fills(book.wb, "Placeringar")[bad] == COLOURS[Severity.ERROR]
    live_rows = kontroll(book.wb)
    assert [(r[1], r[2]) for r in live_rows] == [(f.code, f.sheet or "") for f in report.findings]
    links = [c.hyperlink.location for c in book.wb["Kontroll"]["D"][1:] if c.hyperlink]
    assert links == [f"'{f.sheet}'!{f.cell}" for f in report.findings if f.sheet and f.cell]
    assert book.wb["Kontroll"].protection.sheet, "Kontroll is protected again after writing"
    notes = [c.comment.text for row in book.wb["Placeringar"].iter_rows() for c in row if c.comment]
    assert notes and all(n.startswith("KKIK-") for n in notes)


def test_revalidating_clears_marks_of_fixed_cells(forskola_with_errors: Path) -> None:
    book = FakeBook(forskola_with_errors)
    macros.validera(book)
    before = fills(book.wb, "Placeringar")
    fixed = next(c for c in before if book.wb["Placeringar"][c].value == "inte ett datum")
    book.wb["Placeringar"][fixed].value = datetime(2025, 3, 3)
    macros.validera(book)
    after = fills(book.wb, "Placeringar")
    assert fixed in before and fixed not in after
    assert book.wb["Placeringar"][fixed].comment is None
    report = validate_workbook(forskola_with_errors)
    assert after == fills(
        openpyxl.load_workbook(mark_workbook(forskola_with_errors, report.findings)), "Placeringar"
    )
    assert not [f for f in validate_workbook(forskola_with_errors).findings if f.code == "KKIK-MA-002"], (
        "marks saved into the workbook must not change its template fingerprint"
    )


def test_a_users_note_on_a_flagged_cell_is_kept(forskola_with_errors: Path) -> None:
    wb = openpyxl.load_workbook(forskola_with_errors)
    ws = wb["Placeringar"]
    bad = next(c.coordinate for row in ws.iter_rows() for c in row if c.value == "inte ett datum")
    ws[bad].comment = Comment("Motivering: datumet kommer från det gamla systemet.", "Handläggare")
    wb.save(forskola_with_errors)
    book = FakeBook(forskola_with_errors)
    macros.validera(book)
    macros.validera(book)
    cell = book.wb["Placeringar"][bad]
    assert cell.comment.text == "Motivering: datumet kommer från det gamla systemet."
    assert fills(book.wb, "Placeringar")[bad] == COLOURS[Severity.ERROR]


def _400_bad_offers(tmp_path: Path) -> Path:
    """A förskola workbook whose 400 rows each have an unreadable offer date (C2:C401)."""
    template = CATALOGUE.template("forskola")
    rows: list[dict[str, Any]] = example_rows(template, template.table("Placeringar"), 2025, n=400)
    for row in rows:
        row["Erbjudet placeringsdatum"] = "fel"
    return fill_template(
        TEMPLATES / "forskola.xlsx", tmp_path / "manga.xlsx", {"Placeringar": rows}, "Uppsala"
    )


def test_fills_are_batched_into_few_calls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """400 cells to fill (summaries switched off: by default 400 identical findings show 5 cells)."""
    from kkik_xl.rules import summarise

    monkeypatch.setattr(summarise, "DEFAULT_SUMMARY_FROM", 10_000)
    book = FakeBook(_400_bad_offers(tmp_path))
    CALLS.clear()
    macros.validera(book)
    assert book.app.alerts[-1]["mode"] == "info"
    assert len([c for c in fills(book.wb, "Placeringar") if c.startswith("C")]) == 400
    assert CALLS["color"] <= 3
    assert CALLS["value"] <= 4
    assert CALLS["note"] <= 300
    assert "celler fick ingen kommentar" in book.app.alerts[-1]["prompt"]


def test_many_identical_findings_fill_the_first_cells_and_one_summary_row(tmp_path: Path) -> None:
    book = FakeBook(_400_bad_offers(tmp_path))
    macros.validera(book)
    assert sorted(c for c in fills(book.wb, "Placeringar") if c.startswith("C")) == [
        f"C{r}" for r in range(2, 7)
    ]


def test_unsaved_workbook_is_refused_without_saving(forskola_with_errors: Path) -> None:
    book = FakeBook("Bok1", loaded_from=forskola_with_errors)
    macros.validera(book)
    assert book.saves == 0
    assert book.app.alerts == [
        {
            "prompt": "Spara arbetsboken som en Excel-fil (.xlsx eller .xlsm) på datorn eller en "
            "nätverksenhet först och försök sedan igen.",
            "title": "KKiK – Validera",
            "mode": "info",
        }
    ]


def test_crash_gives_short_message_and_log_beside_workbook(
    forskola_with_errors: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kkik_xl.xl.validation_adapter as adapter

    def boom(path: Path) -> None:
        raise RuntimeError("trasig regel vid 19121212-1212")

    monkeypatch.setattr(adapter, "validate_workbook", boom)
    book = FakeBook(forskola_with_errors)
    macros.validera(book)
    [alert] = book.app.alerts
    log = forskola_with_errors.with_name("forskola_kkik-fel.log")
    assert alert["mode"] == "critical"
    assert alert["prompt"] == (
        f"Något gick fel i Validera. Felet är sparat i {log}. Skicka filen till den som ansvarar för kkik-xl."
    )
    assert "Traceback" not in alert["prompt"]
    text = log.read_text(encoding="utf-8")
    assert "RuntimeError: trasig regel vid ********-****" in text
    assert "Traceback (most recent call last)" in text
    assert "19121212" not in text  # a log is an output too: personnummer masked (issue 17)


def test_unreadable_file_is_information_not_crash(tmp_path: Path) -> None:
    path = tmp_path / "annat.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "Inget här"
    wb.save(path)
    book = FakeBook(path)
    macros.validera(book)
    [alert] = book.app.alerts
    assert alert["mode"] == "info" and alert["prompt"]
    assert not path.with_name("annat_kkik-fel.log").exists()


@pytest.fixture
def forskola_clean(tmp_path: Path) -> Path:
    """A filled förskola workbook with only warnings, each justified on Kontroll."""
    template = CATALOGUE.template("forskola")
    rows: list[dict[str, Any]] = example_rows(template, template.table("Placeringar"), 2025, n=30)
    path = fill_template(TEMPLATES / "forskola.xlsx", tmp_path / "ren.xlsx", {"Placeringar": rows}, "Uppsala")
    book = FakeBook(path)
    macros.validera(book)
    ws = book.wb["Kontroll"]
    ws.protection.sheet = False
    for row in range(2, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == "Varning":
            ws.cell(row=row, column=10, value="Kontrollerat mot verksamhetssystemet.")
    book.save()
    return path


def test_skapa_inlamning_refuses_with_reasons(forskola_with_errors: Path) -> None:
    book = FakeBook(forskola_with_errors)
    macros.skapa_inlamning(book)
    [alert] = book.app.alerts
    assert alert["title"] == "KKiK – Skapa inlämning" and alert["mode"] == "info"
    assert alert["prompt"].startswith("Inlämningen skapades inte. Åtgärda eller motivera först (")
    assert not list(forskola_with_errors.parent.glob("*.kkik.json"))


def test_skapa_inlamning_then_signera_twice(forskola_clean: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kkik_xl.submission import load_submission
    from kkik_xl.xl import submission_adapter

    book = FakeBook(forskola_clean)
    macros.skapa_inlamning(book)
    [created] = list(forskola_clean.parent.glob("*.kkik.json"))
    assert created.name == "0380_forskola_2025.kkik.json"
    assert book.app.alerts[-1]["prompt"].startswith(f"Inlämningsfilen är skapad: {created}\n")

    monkeypatch.setattr(submission_adapter, "signer", lambda: "anna")
    book.app.answers = ["yes"]
    macros.signera(book)
    question, done = book.app.alerts[-2:]
    assert question["prompt"] == f"Signera {created.name} som registrerad (anna)?"
    assert done["prompt"] == (
        f"Signerade {created.name} som registrerad (anna).\nNästa signatur: kontrollerad, av en annan person."
    )
    book.app.answers = ["yes"]
    macros.signera(book)
    assert book.app.alerts[-1]["prompt"].startswith("'anna' har redan signerat som registrerad.")
    book.app.answers = ["no"]
    monkeypatch.setattr(submission_adapter, "signer", lambda: "bertil")
    macros.signera(book)
    assert book.app.alerts[-1]["prompt"] == "Ingen signatur gjordes."
    assert [s.by for s in load_submission(created).signatures] == ["anna"]


def test_signera_without_submission_file(forskola_clean: Path) -> None:
    book = FakeBook(forskola_clean)
    macros.signera(book)
    assert book.app.alerts[-1]["prompt"] == (
        "Inlämningsfilen 0380_forskola_2025.kkik.json finns inte bredvid arbetsboken. "
        "Kör Skapa inlämning först."
    )


def test_a_submission_that_cannot_be_written_is_a_swedish_message_box(
    forskola_clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 14 point 7: the button says which file and what to do; no log, no partial file."""
    import errno

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    book = FakeBook(forskola_clean)
    monkeypatch.setattr("kkik_xl.atomic.os.replace", refuse)
    macros.skapa_inlamning(book)
    [alert] = book.app.alerts
    assert alert["mode"] == "critical"
    target = forskola_clean.parent / "0380_forskola_2025.kkik.json"
    assert alert["prompt"].startswith(f"{target} kunde inte skrivas: åtkomst nekad")
    assert not list(forskola_clean.parent.glob("*.log")) and not list(forskola_clean.parent.glob(".*"))


def test_kontroll_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    """Range.value turns text starting with = (and + - @) into a formula; Kontroll writes it as text."""
    from kkik_xl.excel.marking import KONTROLL_HEADERS, KontrollRow
    from kkik_xl.xl.marking_xlwings import XlwingsMarkWriter, as_typed_text

    book = FakeBook(fill_template(TEMPLATES / "forskola.xlsx", tmp_path / "f.xlsx", {}, "Uppsala"))
    texts = ['=HYPERLINK("https://x","Klicka")', "+46 70 123", "-", "@SUM(A1)", "'citat", "vanlig"]
    values = (*texts, *[""] * (len(KONTROLL_HEADERS) - len(texts)))
    XlwingsMarkWriter(book).write_kontroll([KontrollRow(values=values, link=None)])
    row = book.wb["Kontroll"][2]
    assert [c.value for c in row[: len(texts)]] == texts
    assert all(c.data_type == "s" for c in row[: len(texts)])
    assert as_typed_text(12) == 12 and as_typed_text(None) == ""
