"""Blank cells a measure needs (issue 16): every-row measures, test calls and setting columns."""

from __future__ import annotations

import polars as pl
from frames import d, typed_frame
from rule_helpers import places, rule_context, run

from kkik_xl.findings import Severity
from kkik_xl.rules import phone_calls, required, setting_columns


def _calls() -> dict[str, pl.DataFrame]:
    rows = [
        {"Samtal": "S1", "Besvarat av person": True, "Sekunder till person": 40, "Direkt svar": True},
        {"Samtal": "S2", "Besvarat av person": True, "Sekunder till person": None, "Direkt svar": True},
        {"Samtal": "S3", "Besvarat av person": False, "Sekunder till person": None, "Direkt svar": True},
        {"Samtal": "S4", "Besvarat av person": False, "Sekunder till person": None, "Direkt svar": None},
    ]
    return {"Telefon": typed_frame("service", "Telefon", rows)}


def test_answered_call_without_seconds_and_unanswered_direct_answer() -> None:
    found = run(phone_calls.RULE, rule_context("service", _calls()))
    # columns: A Samtal, B Datum, C Besvarat av person, D Sekunder till person, E Direkt svar
    assert places(found) == [("Telefon", "D3", "KKIK-VA-010"), ("Telefon", "E4", "KKIK-VA-011")]
    by_code = {f.code: f for f in found}
    assert by_code["KKIK-VA-010"].severity is Severity.ERROR
    assert by_code["KKIK-VA-011"].severity is Severity.WARNING
    assert "U00413 räknas inte" in by_code["KKIK-VA-010"].message


def test_blank_in_an_every_row_measure_says_the_measure_is_not_computed() -> None:
    found = run(required.RULE, rule_context("service", _calls()))
    [blank] = [f for f in found if f.cell == "E5"]
    assert blank.message == (
        "Cell E5 i kolumnen Direkt svar är tom men måste fyllas i. Nämnaren i U00413 är alla rader, så "
        "måttet räknas inte förrän cellen är ifylld."
    )
    assert not [f for f in found if f.column == "Sekunder till person"]  # optional: VA-010 decides


def _youth(alone: bool | None) -> dict[str, object]:
    return {
        "Person": "p1",
        "Ålder vid avslut": 15,
        "Avslutsdatum": d("2024-02-01"),
        "Återaktualiserad inom ett år": False,
        "Ensamkommande": alone,
        "Endast ekonomiskt bistånd": False,
    }


def test_blank_unaccompanied_is_an_error_only_with_the_setting() -> None:
    frames = {"Avslut": typed_frame("ungdomar", "Avslut", [_youth(None), _youth(True)])}
    assert run(setting_columns.RULE, rule_context("ungdomar", frames)) == []
    assert not [
        f for f in run(required.RULE, rule_context("ungdomar", frames)) if f.column == "Ensamkommande"
    ]
    strict = rule_context("ungdomar", frames, ungdomar_ensamkommande="utesluta")
    found = run(setting_columns.RULE, strict)
    assert places(found) == [("Avslut", "E2", "KKIK-VA-012")]
    assert "ungdomar_ensamkommande=utesluta" in found[0].message
