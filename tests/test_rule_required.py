"""KKIK-VA-001: an empty required cell, reported once, at its cell, with the measures it affects."""

from __future__ import annotations

import polars as pl
from frames import d, typed_frame
from rule_helpers import places, rule_context, run

from kkik_xl.excel import read_codes
from kkik_xl.findings import Severity
from kkik_xl.rules import required


def _placeringar() -> dict[str, pl.DataFrame]:
    rows = [
        {
            "Enhet": "Solen",
            "Önskat placeringsdatum": d("2025-01-07"),
            "Erbjudet placeringsdatum": d("2025-01-07"),
        },
        {"Enhet": "Solen", "Önskat placeringsdatum": d("2025-02-03")},
        {"Erbjudet placeringsdatum": d("2025-03-03")},
        {
            "Enhet": "Månen",
            "Önskat placeringsdatum": d("2025-04-01"),
            "Erbjudet placeringsdatum": d("2025-04-01"),
        },
    ]
    return {"Placeringar": typed_frame("forskola", "Placeringar", rows)}


def test_empty_required_cells_are_errors_at_their_cells() -> None:
    found = run(required.RULE, rule_context("forskola", _placeringar()))
    assert places(found) == [("Placeringar", "B4", "KKIK-VA-001"), ("Placeringar", "C3", "KKIK-VA-001")]
    c3 = next(f for f in found if f.cell == "C3")
    assert c3.severity is Severity.ERROR
    assert (c3.row, c3.column, c3.value, c3.measure) == (
        3,
        "Erbjudet placeringsdatum",
        None,
        "U11401, U11402",
    )
    assert c3.message == (
        "Cell C3 i kolumnen Erbjudet placeringsdatum är tom men måste fyllas i. Raden räknas inte."
    )


def test_optional_columns_may_be_empty() -> None:
    # Enhet and Kommentar are optional: row 4 has no Enhet, no row has a Kommentar.
    found = run(required.RULE, rule_context("forskola", _placeringar()))
    assert not [f for f in found if f.column in ("Enhet", "Kommentar")]


def test_cells_the_reader_reported_are_not_reported_again() -> None:
    unreadable = read_codes.BAD_VALUE.finding(
        sheet="Placeringar",
        cell="C3",
        row=3,
        column="Erbjudet placeringsdatum",
        value="igår",
        reason="Hittade 'igår'.",
    )
    ctx = rule_context("forskola", _placeringar(), read_findings=[unreadable])
    assert places(run(required.RULE, ctx)) == [("Placeringar", "B4", "KKIK-VA-001")]


def test_a_missing_required_column_is_one_reader_finding_not_one_per_row() -> None:
    ctx = rule_context(
        "forskola",
        _placeringar(),
        missing_columns={"Placeringar": ["Erbjudet placeringsdatum"]},
    )
    assert places(run(required.RULE, ctx)) == [("Placeringar", "B4", "KKIK-VA-001")]


def test_a_missing_table_gives_no_cell_findings() -> None:
    ctx = rule_context("forskola", {}, missing_tables=["Placeringar"])
    assert run(required.RULE, ctx) == []
