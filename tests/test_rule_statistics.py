"""KKIK-ST-002 outliers per unit, KKIK-ST-003 small numbers, KKIK-ST-004 jump against last year."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl
from frames import typed_frame
from rule_helpers import places, rule_context, run

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.findings import Severity
from kkik_xl.measures import MeasureResult
from kkik_xl.measures.quality import indicators_for
from kkik_xl.rules import jump, outliers, small_numbers

START = date(2025, 2, 3)


def _placeringar(units: dict[str, list[int]]) -> dict[str, pl.DataFrame]:
    """One row per wait (days from wished to offered date), unit by unit, in the given order."""
    rows = [
        {
            "Enhet": unit,
            "Önskat placeringsdatum": START,
            "Erbjudet placeringsdatum": START + timedelta(days=w),
        }
        for unit, waits in units.items()
        for w in waits
    ]
    return {"Placeringar": typed_frame("forskola", "Placeringar", rows)}


def test_an_outlying_wait_in_its_unit_is_a_warning() -> None:
    # Solen: median 12.5, MAD 1.5, so 200 days has a modified z-score of 0.6745 * 187.5 / 1.5 = 84.3.
    frames = _placeringar({"Solen": [10, 11, 12, 13, 14, 200], "Månen": [100, 101, 102, 103, 104]})
    found = run(outliers.RULE, rule_context("forskola", frames))
    assert places(found) == [("Placeringar", "C7", "KKIK-ST-002")]
    f = found[0]
    assert (f.severity, f.column, f.measure) == (
        Severity.WARNING,
        "Erbjudet placeringsdatum",
        "U11401, U11402",
    )
    assert f.value == (START + timedelta(days=200)).isoformat()
    assert f.message == (
        "Cell C7: väntetiden (dagar) 200 avviker starkt från övriga rader i enheten Solen: medianen är 12,5, "
        "och värdet ligger 125 gånger så långt från medianen som raderna brukar ligga. Kontrollera värdet "
        "eller motivera."
    )


def _wished(rows: list[tuple[date, int]]) -> dict[str, pl.DataFrame]:
    """Solen's rows as (wished date, wait in days), in order from row 2."""
    frame = [
        {"Enhet": "Solen", "Önskat placeringsdatum": d, "Erbjudet placeringsdatum": d + timedelta(days=w)}
        for d, w in rows
    ]
    return {"Placeringar": typed_frame("forskola", "Placeringar", frame)}


def test_a_row_outside_the_period_is_not_an_outlier() -> None:
    # Row 7 is wished for in December 2024: excluded from the measure (KKIK-DA-001), so not compared.
    frames = _wished([(START, w) for w in (10, 11, 12, 13, 14)] + [(date(2024, 12, 2), 200)])
    assert run(outliers.RULE, rule_context("forskola", frames)) == []
    frames = _wished([(START, w) for w in (10, 11, 12, 13, 14)] + [(date(2025, 6, 30), 200)])
    assert places(run(outliers.RULE, rule_context("forskola", frames))) == [
        ("Placeringar", "C7", "KKIK-ST-002")
    ]


def test_rows_outside_the_period_do_not_move_the_median() -> None:
    # Inside the period: 10–14 and 40 (median 12.5, MAD 1.5: 40 is an outlier). Seven rows from July,
    # outside the period, wait 30–50 days; counted, they would make 40 ordinary.
    inside = [(START, w) for w in (10, 11, 12, 13, 14, 40)]
    outside = [(date(2025, 7, 1), w) for w in (30, 35, 38, 40, 42, 45, 50)]
    found = run(outliers.RULE, rule_context("forskola", _wished(inside + outside)))
    assert places(found) == [("Placeringar", "C7", "KKIK-ST-002")]
    assert "medianen är 12,5, och värdet ligger 18 gånger så långt" in found[0].message
    assert "z-värde" not in found[0].message


def test_the_period_date_is_the_templates_own() -> None:
    # Särskilt boende counts by offered date: an offer on 2024-12-30 (wait 363 days) is outside.
    def row(applied: date, offered: date) -> dict[str, date]:
        return {"Ansökningsdatum": applied, "Erbjudet inflyttningsdatum": offered}

    rows = [row(START - timedelta(days=w), START) for w in (20, 21, 22, 23, 24)]
    frames = {
        "Ansokningar": typed_frame(
            "sarskilt-boende", "Ansokningar", [*rows, row(date(2024, 1, 2), date(2024, 12, 30))]
        )
    }
    assert run(outliers.RULE, rule_context("sarskilt-boende", frames)) == []
    frames = {
        "Ansokningar": typed_frame(
            "sarskilt-boende", "Ansokningar", [*rows, row(date(2025, 1, 2), date(2025, 6, 30))]
        )
    }
    assert places(run(outliers.RULE, rule_context("sarskilt-boende", frames))) == [
        ("Ansökningar", "E7", "KKIK-ST-002")
    ]


def test_outliers_are_judged_per_unit_not_against_the_whole_table() -> None:
    # 100 days is ordinary in Månen even though Solen waits about 12 days.
    frames = _placeringar({"Solen": [10, 11, 12, 13, 14, 12], "Månen": [100, 101, 102, 103, 104, 99]})
    assert run(outliers.RULE, rule_context("forskola", frames)) == []


def test_small_groups_and_groups_without_spread_are_skipped() -> None:
    frames = _placeringar({"Liten": [1, 2, 3, 900], "Lika": [5, 5, 5, 5, 5, 5, 400]})
    assert run(outliers.RULE, rule_context("forskola", frames)) == []


def test_invoice_amount_outliers_per_product_group() -> None:
    amounts = [1000.0, 1010.0, 990.0, 1005.0, 995.0, 250_000.0]
    rows = [
        {"Leverantör": "L", "Varugrupp": "Mejeri", "Fakturadatum": START, "Belopp totalt (kr)": a}
        | {"Varav ekologiskt (kr)": 0.0}
        for a in amounts
    ]
    frames = {"Fakturor": typed_frame("kost", "Fakturor", rows)}
    found = run(outliers.RULE, rule_context("kost", frames))
    assert places(found) == [("Fakturor", "D7", "KKIK-ST-002")]
    assert "beloppet 250000 avviker starkt från övriga rader i enheten Mejeri" in found[0].message


def test_a_percentage_from_fewer_than_five_cases_is_information() -> None:
    frames = _placeringar({"Solen": [0, 0, 3]})
    found = run(small_numbers.RULE, rule_context("forskola", frames))
    assert places(found) == [("Placeringar", None, "KKIK-ST-003")]
    f = found[0]
    assert (f.severity, f.measure) == (Severity.INFO, "U11401")
    assert f.message.startswith("Måttet U11401 (Plats på önskat datum) bygger på bara 3 fall.")


def test_five_cases_are_enough_and_waits_are_not_percentages() -> None:
    frames = _placeringar({"Solen": [0, 0, 3, 4, 5]})
    assert run(small_numbers.RULE, rule_context("forskola", frames)) == []


def test_quality_percentage_counts_units() -> None:
    answers = dict.fromkeys(indicators_for(CATALOGUE.template("lss").table("Kvalitet"), 2025), True)
    rows = [{"Enhet": f"E{i}", "Antal platser": 10} | answers for i in range(3)]
    frames = {"Kvalitet": typed_frame("lss", "Kvalitet", rows)}
    found = run(small_numbers.RULE, rule_context("lss", frames))
    assert [(f.measure, f.code) for f in found] == [("U28423", "KKIK-ST-003")]
    assert "bygger på bara 3 fall" in found[0].message


def _result(kpi: str, value: float) -> MeasureResult:
    return MeasureResult(kpi=kpi, value=value, numerator=None, denominator=None)


def test_jump_against_last_year_percent_points_and_relative() -> None:
    results = [_result("U11401", 70.0), _result("U11402", 14.0)]
    ctx = rule_context("forskola", {}, results=results, last_year={"U11401": 54.9, "U11402": 10.0})
    found = run(jump.RULE, ctx)
    # 70 − 54.9 = 15.1 points (> 15) and 14 days is 40 % more than 10 (> 30 %).
    assert [(f.measure, f.code, f.severity) for f in found] == [
        ("U11401", "KKIK-ST-004", Severity.WARNING),
        ("U11402", "KKIK-ST-004", Severity.WARNING),
    ]
    assert found[0].sheet == "Placeringar"
    assert found[0].message == (
        "Måttet U11401 (Plats på önskat datum) är 70 i år mot 54,9 förra året. Kontrollera underlaget eller "
        "motivera förändringen."
    )


def test_no_jump_within_the_thresholds_or_without_last_year() -> None:
    results = [_result("U11401", 70.0), _result("U11402", 13.0)]
    ctx = rule_context("forskola", {}, results=results, last_year={"U11401": 55.0, "U11402": 10.0})
    assert run(jump.RULE, ctx) == []
    assert run(jump.RULE, rule_context("forskola", {}, results=results)) == []
