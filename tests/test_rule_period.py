"""KKIK-DA-001: a date outside the measurement period is a warning, and the row is not counted."""

from __future__ import annotations

from frames import d, typed_frame
from rule_helpers import places, rule_context, run

from kkik_xl.findings import Severity
from kkik_xl.rules import period


def test_forskola_wished_date_outside_the_first_half_is_a_warning_and_excluded() -> None:
    rows = [
        {"Önskat placeringsdatum": d("2024-12-31"), "Erbjudet placeringsdatum": d("2025-01-02")},
        {"Önskat placeringsdatum": d("2025-01-01"), "Erbjudet placeringsdatum": d("2025-01-01")},
        {"Önskat placeringsdatum": d("2025-06-30"), "Erbjudet placeringsdatum": d("2025-06-30")},
        {"Önskat placeringsdatum": d("2025-07-01"), "Erbjudet placeringsdatum": d("2025-07-01")},
    ]
    ctx = rule_context("forskola", {"Placeringar": typed_frame("forskola", "Placeringar", rows)})
    found = run(period.RULE, ctx)
    assert places(found) == [("Placeringar", "B2", "KKIK-DA-001"), ("Placeringar", "B5", "KKIK-DA-001")]
    b2 = found[0]
    assert b2.severity is Severity.WARNING
    assert (b2.row, b2.column, b2.value, b2.measure) == (
        2,
        "Önskat placeringsdatum",
        "2024-12-31",
        "U11401, U11402",
    )
    assert b2.message == (
        "Cell B2: Önskat placeringsdatum 2024-12-31 ligger utanför mätperioden 2025-01-01–2025-06-30. "
        "Raden räknas inte."
    )
    # ... and the measure does not count those rows, for the same reason.
    result = next(r for r in ctx.results if r.kpi == "U11401")
    assert result.rows_used == 2
    assert result.excluded == {"utanför mätperioden": 2}


def test_ungdomar_use_the_first_half_of_the_year_before() -> None:
    rows = [
        {"Person": "P1", "Avslutsdatum": d("2024-03-01")},
        {"Person": "P2", "Avslutsdatum": d("2025-03-01")},
        {"Person": "P3", "Avslutsdatum": d("2023-12-31")},
    ]
    ctx = rule_context("ungdomar", {"Avslut": typed_frame("ungdomar", "Avslut", rows)})
    found = run(period.RULE, ctx)
    assert places(found) == [("Avslut", "C3", "KKIK-DA-001"), ("Avslut", "C4", "KKIK-DA-001")]
    assert "2024-01-01–2024-06-30" in found[0].message


def test_hemtjanst_uses_the_fourteen_days_from_the_period_start_parameter() -> None:
    rows = [
        {"Datum": d("2025-09-30")},
        {"Datum": d("2025-10-01")},
        {"Datum": d("2025-10-14")},
        {"Datum": d("2025-10-15")},
    ]
    frames = {"Besok": typed_frame("hemtjanst", "Besok", rows)}
    ctx = rule_context("hemtjanst", frames, period_start=d("2025-10-01"))
    found = run(period.RULE, ctx)
    assert places(found) == [("Besök", "C2", "KKIK-DA-001"), ("Besök", "C5", "KKIK-DA-001")]
    assert "2025-10-01–2025-10-14" in found[0].message


def test_empty_dates_are_left_to_the_required_rule() -> None:
    rows = [{"Önskat placeringsdatum": None, "Erbjudet placeringsdatum": d("2025-01-02")}]
    ctx = rule_context("forskola", {"Placeringar": typed_frame("forskola", "Placeringar", rows)})
    assert run(period.RULE, ctx) == []
