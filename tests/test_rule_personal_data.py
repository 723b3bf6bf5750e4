"""KKIK-PN-001: personnummer and samordningsnummer anywhere in the workbook, masked in every output."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from frames import typed_frame
from openpyxl.comments import Comment
from rule_helpers import places, rule_context, run
from xlsx_builders import template_workbook

from kkik_xl.findings import Severity
from kkik_xl.rules import personal_data, validate_workbook
from kkik_xl.rules.report import to_html, to_json, to_text

# Valid check digits: 19121212-1212 (Skatteverket's example), 811228-9874, and the samordningsnummer
# 701063-2391 (born 3 October 1970: day 63 = 3 + 60).
PNR_12, PNR_10, SAMORDNING = "19121212-1212", "811228-9874", "701063-2391"
DIGITS = ("191212121212", "8112289874", "7010632391", "121212-1212", "121212+1212")


def _texts(*values: str | None) -> dict[str, pl.DataFrame]:
    rows = [{"Ärende": f"Ä{i}", "Kommentar": v} for i, v in enumerate(values)]
    return {"Ansokningar": typed_frame("sarskilt-boende", "Ansokningar", rows)}


@pytest.mark.parametrize(
    ("text", "what"),
    [
        (f"ring {PNR_12} i morgon", "ett personnummer"),
        ("191212121212", "ett personnummer"),
        ("19121212+1212", "ett personnummer"),
        ("121212+1212", "ett personnummer"),
        ("8112289874", "ett personnummer"),
        (f"s-nr {SAMORDNING}", "ett samordningsnummer"),
    ],
)
def test_numbers_in_free_text_are_errors_with_the_value_masked(text: str, what: str) -> None:
    found = run(personal_data.RULE, rule_context("sarskilt-boende", _texts(None, text)))
    assert places(found) == [("Ansökningar", "F3", "KKIK-PN-001")]
    f = found[0]
    assert f.severity is Severity.ERROR
    assert f"innehåller {what} (" in f.message
    assert not any(ch.isdigit() for ch in f.value or ""), f.value
    assert "*" in f.message and not any(d in f.message for d in DIGITS)


@pytest.mark.parametrize(
    "text",
    [
        "19121212-1213",  # wrong check digit
        "121312-1212",  # no month 13
        "20250101-00001",  # glued to more digits
        "telefon 0701234567",  # ten digits that are not a date with a valid check digit
        "Ä-1212",
    ],
)
def test_look_alikes_are_not_reported(text: str) -> None:
    assert run(personal_data.RULE, rule_context("sarskilt-boende", _texts(text))) == []


def _workbook(tmp_path: Path) -> Path:
    headers = [
        "Ärende",
        "Ålder vid ansökan",
        "Ansökningsdatum",
        "Beslutsdatum",
        "Erbjudet inflyttningsdatum",
        "Kommentar",
        "Anteckning",
    ]
    d = date(2025, 3, 3)
    rows = [
        ["Ä1", 80, d, d, d, f"ring {PNR_12}", None],
        [PNR_10, 81, d, d, d, None, None],  # in the ID column
        ["Ä3", 8112289874, d, d, d, None, None],  # typed as a number in a number column
        ["Ä4", 82, d, d, d, None, f"se {SAMORDNING}"],  # a column outside the template
        [PNR_10, 83, d, d, d, None, None],  # the same number twice: a duplicate too
    ]
    path = template_workbook(
        tmp_path / "sabo.xlsx",
        "sarskilt-boende",
        {"Ansokningar": rows, "Kvalitet": []},
        headers={"Ansokningar": headers},
    )
    wb = openpyxl.load_workbook(path)
    notes = wb.create_sheet("Anteckningar")
    notes["B7"] = f"Kontakta anhörig, pnr {PNR_12}."
    wb["Ansökningar"]["B2"].comment = Comment(f"Fel ålder? {SAMORDNING}", "Handläggare")
    wb.save(path)
    return path


def test_every_sheet_column_and_comment_is_scanned(tmp_path: Path) -> None:
    report = validate_workbook(_workbook(tmp_path))
    pn = [f for f in report.findings if f.code == "KKIK-PN-001"]
    assert places(pn) == [
        ("Ansökningar", "A3", "KKIK-PN-001"),
        ("Ansökningar", "A6", "KKIK-PN-001"),
        ("Ansökningar", "B2", "KKIK-PN-001"),  # the comment on B2
        ("Ansökningar", "B4", "KKIK-PN-001"),
        ("Ansökningar", "F2", "KKIK-PN-001"),
        ("Ansökningar", "G5", "KKIK-PN-001"),
        ("Anteckningar", "B7", "KKIK-PN-001"),
    ]


def test_no_output_carries_an_unmasked_number(tmp_path: Path) -> None:
    report = validate_workbook(_workbook(tmp_path))
    # Other rules see the same cells (a duplicate ID, an age out of range): they must not leak it either.
    codes = {(f.cell, f.code) for f in report.findings}
    assert {("A6", "KKIK-VA-002"), ("B4", "KKIK-VA-003")} <= codes
    outputs = [json.dumps(to_json(report), ensure_ascii=False), to_text(report), to_html(report)]
    for text in outputs:
        for digits in (*DIGITS, PNR_10, PNR_12, SAMORDNING):
            assert digits not in text
