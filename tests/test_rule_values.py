"""KKIK-VA-002 duplicate keys, KKIK-VA-003 ages/birth years/counts out of range, KKIK-PN-002 ID spaces."""

from __future__ import annotations

from datetime import time

from frames import d, typed_frame
from rule_helpers import places, rule_context, run

from kkik_xl.findings import Severity
from kkik_xl.rules import duplicates, id_spaces, ranges


def _visit(brukare: str | None, day: str, start: time, personal: str = "P1") -> dict[str, object]:
    return {"Brukare": brukare, "Datum": d(day), "Starttid": start, "Personal": personal}


def test_the_same_visit_twice_is_reported_on_every_repeat() -> None:
    rows = [
        _visit("B1", "2025-10-01", time(8)),
        _visit("B1", "2025-10-01", time(9)),
        _visit("B1", "2025-10-01", time(8)),  # repeat of row 2
        _visit("B1", "2025-10-01", time(8), "P2"),  # other staff: not a repeat
        _visit(None, "2025-10-01", time(8)),  # empty key part: not compared
        _visit(None, "2025-10-01", time(8)),
        _visit("B1", "2025-10-01", time(8)),  # repeat of row 2 again
    ]
    frames = {"Besok": typed_frame("hemtjanst", "Besok", rows)}
    found = run(duplicates.RULE, rule_context("hemtjanst", frames))
    assert places(found) == [("Besök", "A4", "KKIK-VA-002"), ("Besök", "A8", "KKIK-VA-002")]
    assert found[0].severity is Severity.ERROR
    assert found[0].message == (
        "Rad 4 har samma Brukare och Datum och Starttid och Personal som rad 2. "
        "Ta bort dubbletten så att inget räknas två gånger."
    )
    assert found[1].message.startswith("Rad 8 har samma") and "som rad 2." in found[1].message


def test_the_same_case_twice() -> None:
    rows = [{"Ärende": "Ä1"}, {"Ärende": "Ä2"}, {"Ärende": "Ä1"}]
    frames = {"Ansokningar": typed_frame("sarskilt-boende", "Ansokningar", rows)}
    found = run(duplicates.RULE, rule_context("sarskilt-boende", frames))
    assert places(found) == [("Ansökningar", "A4", "KKIK-VA-002")]
    assert found[0].value == "Ä1"


def test_a_table_without_key_has_no_duplicates() -> None:
    rows = [{"Önskat placeringsdatum": d("2025-01-07")}] * 3
    frames = {"Placeringar": typed_frame("forskola", "Placeringar", rows)}
    assert run(duplicates.RULE, rule_context("forskola", frames)) == []


def test_ages_out_of_range_edges_included() -> None:
    ages = [-1, 0, 120, 121]
    rows = [{"Ärende": f"Ä{i}", "Ålder vid ansökan": a} for i, a in enumerate(ages)]
    frames = {"Ansokningar": typed_frame("sarskilt-boende", "Ansokningar", rows)}
    found = run(ranges.RULE, rule_context("sarskilt-boende", frames))
    assert places(found) == [("Ansökningar", "B2", "KKIK-VA-003"), ("Ansökningar", "B5", "KKIK-VA-003")]
    assert found[1].message == (
        "Cell B5 i kolumnen Ålder vid ansökan innehåller 121, men värdet ska ligga mellan 0 och 120."
    )
    assert found[1].measure == "U23401"


def test_birth_year_after_the_measurement_year_or_before_1900() -> None:
    years = [1899, 1900, 2025, 2026]
    rows = [{"Brukare": f"B{i}", "Födelseår": y} for i, y in enumerate(years)]
    frames = {"Besok": typed_frame("hemtjanst", "Besok", rows)}
    found = run(ranges.RULE, rule_context("hemtjanst", frames))
    assert places(found) == [("Besök", "B2", "KKIK-VA-003"), ("Besök", "B5", "KKIK-VA-003")]
    assert "mellan 1900 och 2025" in found[1].message


def test_youth_age_and_places_and_points() -> None:
    young = typed_frame("ungdomar", "Avslut", [{"Person": "P", "Ålder vid avslut": 31}])
    assert places(run(ranges.RULE, rule_context("ungdomar", {"Avslut": young}))) == [
        ("Avslut", "B2", "KKIK-VA-003")
    ]
    kvalitet = typed_frame("lss", "Kvalitet", [{"Enhet": "E", "Antal platser": 0}])
    assert places(run(ranges.RULE, rule_context("lss", {"Kvalitet": kvalitet}))) == [
        ("Kvalitet", "B2", "KKIK-VA-003")
    ]
    telefon = typed_frame(
        "service", "Telefon", [{"Samtal": "S", "Bemötande": 4}, {"Samtal": "T", "Bemötande": 3}]
    )
    assert places(run(ranges.RULE, rule_context("service", {"Telefon": telefon}))) == [
        ("Telefon", "F2", "KKIK-VA-003")
    ]


def test_negative_amount_has_no_upper_bound_in_the_message() -> None:
    rows = [{"Leverantör": "L", "Belopp totalt (kr)": -10.5, "Varav ekologiskt (kr)": 0.0}]
    frames = {"Fakturor": typed_frame("kost", "Fakturor", rows)}
    found = run(ranges.RULE, rule_context("kost", frames))
    assert places(found) == [("Fakturor", "D2", "KKIK-VA-003")]
    assert "innehåller -10,5, men värdet ska ligga mellan 0 och –." in found[0].message


def test_a_space_in_an_id_column_may_be_a_name() -> None:
    rows = [{"Ärende": "Anna Svensson"}, {"Ärende": "Ä-17"}, {"Ärende": "A\u00a0B"}]
    frames = {"Ansokningar": typed_frame("sarskilt-boende", "Ansokningar", rows)}
    found = run(id_spaces.RULE, rule_context("sarskilt-boende", frames))
    assert places(found) == [("Ansökningar", "A2", "KKIK-PN-002"), ("Ansökningar", "A4", "KKIK-PN-002")]
    assert found[0].severity is Severity.WARNING
    assert "kolumnen Ärende innehåller ett mellanslag" in found[0].message


def test_spaces_in_non_id_columns_are_fine() -> None:
    rows = [{"Ärende": "Ä1", "Kommentar": "flyttade hem igen"}]
    frames = {"Ansokningar": typed_frame("sarskilt-boende", "Ansokningar", rows)}
    assert run(id_spaces.RULE, rule_context("sarskilt-boende", frames)) == []
