"""KKIK-DA-002 (dates in the wrong order) and KKIK-DA-003/004 (negative and over-long waits)."""

from __future__ import annotations

from datetime import datetime

import polars as pl
from frames import d, typed_frame
from rule_helpers import places, rule_context, run

from kkik_xl.findings import Severity
from kkik_xl.rules import date_order, waits


def _ansokningar(*rows: tuple[str, str | None, str]) -> dict[str, pl.DataFrame]:
    data = [
        {
            "Ärende": f"Ä{i}",
            "Ålder vid ansökan": 80,
            "Ansökningsdatum": d(a),
            "Beslutsdatum": d(b) if b else None,
            "Erbjudet inflyttningsdatum": d(e),
        }
        for i, (a, b, e) in enumerate(rows, start=1)
    ]
    return {"Ansokningar": typed_frame("sarskilt-boende", "Ansokningar", data)}


def test_decision_before_application_and_offer_before_decision() -> None:
    frames = _ansokningar(
        ("2025-02-01", "2025-02-10", "2025-03-01"),  # in order
        ("2025-02-01", "2025-01-20", "2025-03-01"),  # decision before application: D3
        ("2025-02-01", "2025-02-10", "2025-02-05"),  # offer before decision: E4
        ("2025-02-01", None, "2025-03-01"),  # no decision date: nothing to compare
    )
    found = run(date_order.RULE, rule_context("sarskilt-boende", frames))
    assert places(found) == [("Ansökningar", "D3", "KKIK-DA-002"), ("Ansökningar", "E4", "KKIK-DA-002")]
    d3 = found[0]
    assert d3.severity is Severity.ERROR
    assert (d3.column, d3.value, d3.measure) == ("Beslutsdatum", "2025-01-20", "U23401")
    assert d3.message == (
        "Cell D3: Beslutsdatum (2025-01-20) ligger före Ansökningsdatum (2025-02-01). Kontrollera datumen."
    )


def test_email_answered_before_it_was_sent() -> None:
    rows = [
        {"Fråga": "F1", "Skickad": datetime(2025, 3, 3, 9, 0), "Besvarad": datetime(2025, 3, 3, 8, 59)},
        {"Fråga": "F2", "Skickad": datetime(2025, 3, 3, 9, 0), "Besvarad": datetime(2025, 3, 3, 9, 0)},
        {"Fråga": "F3", "Skickad": datetime(2025, 3, 3, 9, 0), "Besvarad": None},
    ]
    frames = {"Epost": typed_frame("service", "Epost", rows)}
    found = run(date_order.RULE, rule_context("service", frames))
    assert places(found) == [("E-post", "C2", "KKIK-DA-002")]
    assert found[0].measure == "U00412, U00442"
    assert "Besvarad (2025-03-03 08:59) ligger före Skickad (2025-03-03 09:00)" in found[0].message


def test_offer_before_application_is_a_negative_wait_error() -> None:
    frames = _ansokningar(("2025-03-01", None, "2025-02-27"), ("2025-03-01", None, "2025-03-01"))
    found = run(waits.RULE, rule_context("sarskilt-boende", frames))
    assert places(found) == [("Ansökningar", "E2", "KKIK-DA-003")]
    assert found[0].severity is Severity.ERROR
    assert found[0].message == (
        "Cell E2: Erbjudet inflyttningsdatum (2025-02-27) ligger 2 dagar före Ansökningsdatum "
        "(2025-03-01). En väntetid kan inte vara negativ."
    )


def test_waits_over_365_days_are_warnings_365_is_not() -> None:
    frames = _ansokningar(
        ("2024-03-01", None, "2025-03-01"),  # 365 days
        ("2024-02-29", None, "2025-03-01"),  # 366 days
    )
    found = run(waits.RULE, rule_context("sarskilt-boende", frames))
    assert places(found) == [("Ansökningar", "E3", "KKIK-DA-004")]
    assert found[0].severity is Severity.WARNING
    assert "är 366 dagar, mer än 365" in found[0].message


def test_lss_offer_before_decision_is_negative() -> None:
    rows = [
        {"Ärende": "L1", "Beslutsdatum": d("2025-02-01"), "Erbjudet inflyttningsdatum": d("2025-01-31")},
        {"Ärende": "L2", "Beslutsdatum": d("2025-02-01"), "Erbjudet inflyttningsdatum": d("2026-02-02")},
    ]
    frames = {"Beslut": typed_frame("lss", "Beslut", rows)}
    found = run(waits.RULE, rule_context("lss", frames))
    assert places(found) == [("Beslut", "C2", "KKIK-DA-003"), ("Beslut", "C3", "KKIK-DA-004")]
    assert {f.measure for f in found} == {"U28418"}


def test_forskola_offer_before_the_wished_date_is_allowed_but_a_long_wait_is_not() -> None:
    rows = [
        {"Önskat placeringsdatum": d("2025-03-01"), "Erbjudet placeringsdatum": d("2025-02-01")},
        {"Önskat placeringsdatum": d("2025-01-02"), "Erbjudet placeringsdatum": d("2026-01-10")},
    ]
    frames = {"Placeringar": typed_frame("forskola", "Placeringar", rows)}
    found = run(waits.RULE, rule_context("forskola", frames))
    assert places(found) == [("Placeringar", "C3", "KKIK-DA-004")]
