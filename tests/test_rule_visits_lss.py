"""KKIK-DA-005/006 visits at 22:00 or over midnight; KKIK-ST-001 fewer than four LSS decisions."""

from __future__ import annotations

from datetime import time

import polars as pl
from frames import d, typed_frame
from rule_helpers import places, rule_context, run

from kkik_xl.findings import Severity
from kkik_xl.rules import lss_count, visits


def test_visit_starting_at_exactly_22_is_a_warning_21_59_is_not() -> None:
    rows = [
        {"Brukare": "B1", "Starttid": time(21, 59), "Sluttid": time(22, 20)},
        {"Brukare": "B1", "Starttid": time(22, 0), "Sluttid": time(22, 30)},
        {"Brukare": "B1", "Starttid": time(22, 1), "Sluttid": time(22, 30)},
    ]
    frames = {"Besok": typed_frame("hemtjanst", "Besok", rows)}
    found = run(visits.RULE, rule_context("hemtjanst", frames))
    assert places(found) == [("Besök", "D3", "KKIK-DA-005")]
    f = found[0]
    assert (f.severity, f.column, f.value, f.measure) == (Severity.WARNING, "Starttid", "22:00", "U21401")
    assert f.message.startswith("Cell D3: besöket börjar exakt 22:00 och räknas inte")


def test_visit_crossing_midnight_is_reported_at_its_end_time() -> None:
    rows = [
        {"Brukare": "B1", "Starttid": time(23, 30), "Sluttid": time(0, 15)},
        {"Brukare": "B1", "Starttid": time(8, 0), "Sluttid": time(8, 0)},
        {"Brukare": "B1", "Starttid": time(8, 0), "Sluttid": None},
    ]
    frames = {"Besok": typed_frame("hemtjanst", "Besok", rows)}
    found = run(visits.RULE, rule_context("hemtjanst", frames))
    assert places(found) == [("Besök", "E2", "KKIK-DA-006")]
    assert found[0].message == (
        "Cell E2: sluttiden 00:15 är före starttiden 23:30, så besöket går över midnatt. Kontrollera tiderna."
    )


def _beslut(*rows: tuple[str, bool]) -> dict[str, pl.DataFrame]:
    data = [
        {"Ärende": f"L{i}", "Beslutsdatum": d(day), "Erbjudet inflyttningsdatum": d(day), "Omprövning": om}
        for i, (day, om) in enumerate(rows)
    ]
    return {"Beslut": typed_frame("lss", "Beslut", data)}


def test_fewer_than_four_counted_lss_decisions_is_a_warning() -> None:
    frames = _beslut(
        ("2025-01-10", False),
        ("2025-03-10", False),
        ("2025-06-30", False),
        ("2025-02-01", True),  # reconsideration: not counted
        ("2025-07-01", False),  # outside the period: not counted
    )
    found = run(lss_count.RULE, rule_context("lss", frames))
    assert places(found) == [("Beslut", None, "KKIK-ST-001")]
    f = found[0]
    assert (f.severity, f.measure) == (Severity.WARNING, "U28418")
    assert f.message == (
        "Bladet Beslut har 3 beslut i mätperioden som inte är omprövningar. Väntetiden redovisas inte "
        "vid färre än 4 beslut."
    )


def test_four_lss_decisions_are_enough() -> None:
    frames = _beslut(*[(f"2025-0{m}-01", False) for m in (1, 2, 3, 4)])
    assert run(lss_count.RULE, rule_context("lss", frames)) == []


def test_no_lss_decisions_at_all_is_reported_as_zero() -> None:
    found = run(lss_count.RULE, rule_context("lss", _beslut()))
    assert "har 0 beslut" in found[0].message
