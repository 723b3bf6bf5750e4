"""Corpus cases broken in their cells: wrong types, Excel errors, formulas, hidden rows, rule breaches."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path
from typing import Any

import corpus_rows as cr
from corpus_tools import case, chain, filled, set_cell
from openpyxl.comments import Comment
from openpyxl.utils.datetime import CALENDAR_MAC_1904


def _set(table: str, sheet_row: int, header: str, value: object, rows: cr.Rows) -> cr.Rows:
    rows[table][sheet_row - 2][header] = value
    return rows


@case("forskola_text_i_datumcell.xlsx")
def text_in_date_cells(out: Path) -> Path:
    rows = cr.forskola()
    _set("Placeringar", 4, "Önskat placeringsdatum", "igår", rows)
    _set("Placeringar", 8, "Erbjudet placeringsdatum", "efter sommaren", rows)
    return filled(out, "forskola", rows)


@case("forskola_datum_som_text_svenskt_format.xlsx")
def dates_as_swedish_text(out: Path) -> Path:
    rows = cr.forskola()
    _set("Placeringar", 3, "Önskat placeringsdatum", "2025-01-21", rows)  # ISO as text: read, info
    _set("Placeringar", 4, "Önskat placeringsdatum", "2025-2-4", rows)  # ISO without zeros: read, info
    _set("Placeringar", 5, "Önskat placeringsdatum", "18/2 2025", rows)  # day/month: ambiguous
    _set("Placeringar", 6, "Erbjudet placeringsdatum", "4 mars 2025", rows)  # month name
    _set("Placeringar", 7, "Erbjudet placeringsdatum", "17.03.2025", rows)  # dotted
    _set("Placeringar", 9, "Önskat placeringsdatum", "20250415", rows)  # digits only
    return filled(out, "forskola", rows)


@case("forskola_felvarden_ref_div0.xlsx")
def excel_error_values(out: Path) -> Path:
    """Formulas whose cached results are Excel errors, as Excel saves them."""
    errors = chain(
        set_cell("B3", "<f>#REF!+14</f><v>#REF!</v>", "e"),
        set_cell("C5", "<f>B5/0</f><v>#DIV/0!</v>", "e"),
        set_cell("A7", '<f>VLOOKUP("x",#REF!,2,FALSE)</f><v>#N/A</v>', "e"),
        set_cell("C9", "<f>B9+Tabell1</f><v>#NAME?</v>", "e"),
    )
    return filled(out, "forskola", cr.forskola(), xml={"Placeringar": errors})


@case("forskola_formler_i_inmatningsceller.xlsx")
def formulas_in_input_cells(out: Path) -> Path:
    """Formulas where values belong: with cached results (as Excel saves) and without (never recalculated)."""
    formulas = chain(
        set_cell("C3", "<f>B3+14</f><v>45692</v>"),  # 2025-02-04, cached
        set_cell("A4", '<f>"Sol"&amp;"en"</f><v>Solen</v>', "str"),  # text result, cached
        set_cell("C6", "<f>B6+7</f>"),  # no cached value: a file written by a script
        set_cell("A8", '<f>"Må"&amp;"nen"</f>', "str"),  # the same in an optional column
    )
    return filled(out, "forskola", cr.forskola(), xml={"Placeringar": formulas})


@case("forskola_datumsystem_1904.xlsx")
def date_system_1904(out: Path) -> Path:
    """Saved in the 1904 date system (old Mac Excel): every serial is 1,462 days smaller."""

    def to_1904(wb: Any) -> None:
        wb.epoch = CALENDAR_MAC_1904

    rows = _set("Placeringar", 5, "Önskat placeringsdatum", "igår", cr.forskola())
    return filled(out, "forskola", rows, edit=to_1904)


@case("forskola_dolda_rader.xlsx")
def hidden_rows(out: Path) -> Path:
    """Rows 4–6 hidden: still read, still counted, their errors still reported."""

    def hide(wb: Any) -> None:
        for r in (4, 5, 6):
            wb["Placeringar"].row_dimensions[r].hidden = True

    rows = _set("Placeringar", 5, "Erbjudet placeringsdatum", "vet ej", cr.forskola())
    return filled(out, "forskola", rows, edit=hide)


@case("forskola_personnummer_i_kommentar.xlsx")
def personnummer_in_comment_column(out: Path) -> Path:
    rows = _set("Placeringar", 6, "Kommentar", "Mamma ringde, barnets pnr 191212121212", cr.forskola())
    _set("Placeringar", 10, "Kommentar", "Se ärende 20121212-1212 hos handläggaren", rows)
    return filled(out, "forskola", rows)


@case("forskola_personnummer_i_anteckning_och_uppgifter.xlsx")
def personnummer_in_note_and_other_sheet(out: Path) -> Path:
    """A cell note in the table and a free-text cell on another sheet."""

    def add(wb: Any) -> None:
        wb["Placeringar"]["B7"].comment = Comment(
            "Gäller barnet 121212-1212, ring vårdnadshavare", "Handläggare"
        )
        wb["Uppgifter"]["D12"] = "Kontakt: 19121212-1212"

    return filled(out, "forskola", cr.forskola(), edit=add)


@case("sarskilt_boende_samordningsnummer_i_arende.xlsx")
def samordningsnummer(out: Path) -> Path:
    rows = _set("Ansokningar", 5, "Ärende", "701063-2391", cr.sarskilt_boende())
    return filled(out, "sarskilt-boende", rows)


@case("hemtjanst_personnummer_12_siffror_plus.xlsx")
def personnummer_12_digits_plus(out: Path) -> Path:
    """A centenarian's number written with ``+`` and the century: ``19121212+1212``."""
    rows = cr.hemtjanst()
    for r in (10, 26):
        _set("Besok", r, "Brukare", "19121212+1212", rows)
    return filled(out, "hemtjanst", rows)


@case("hemtjanst_namn_i_id_kolumn.xlsx")
def name_in_id_column(out: Path) -> Path:
    rows = _set("Besok", 7, "Personal", "Anna Berg", cr.hemtjanst())
    return filled(out, "hemtjanst", rows)


@case("hemtjanst_besok_klockan_22.xlsx")
def visit_at_22(out: Path) -> Path:
    rows = cr.hemtjanst()
    _set("Besok", 12, "Starttid", time(22, 0), rows)
    _set("Besok", 12, "Sluttid", time(22, 20), rows)
    return filled(out, "hemtjanst", rows)


@case("hemtjanst_besok_over_midnatt.xlsx")
def visit_over_midnight(out: Path) -> Path:
    rows = cr.hemtjanst()
    _set("Besok", 20, "Starttid", time(21, 40), rows)
    _set("Besok", 20, "Sluttid", time(0, 15), rows)
    return filled(out, "hemtjanst", rows)


@case("hemtjanst_text_i_tid_och_heltal.xlsx")
def text_in_time_and_int(out: Path) -> Path:
    rows = cr.hemtjanst()
    _set("Besok", 3, "Starttid", "kväll", rows)
    _set("Besok", 4, "Starttid", "8.15", rows)  # Swedish dotted time as text: read, info
    _set("Besok", 5, "Födelseår", "1940,5", rows)
    _set("Besok", 6, "Personalkategori", "HSL", rows)
    return filled(out, "hemtjanst", rows)


@case("sarskilt_boende_negativ_vantetid.xlsx")
def negative_wait(out: Path) -> Path:
    """Ansökningsdatum typed a year too late: the offer comes before the application."""
    rows = cr.sarskilt_boende()
    _set("Ansokningar", 4, "Ansökningsdatum", date(2026, 1, 1), rows)
    return filled(out, "sarskilt-boende", rows)


@case("sarskilt_boende_vantetid_over_ett_ar.xlsx")
def wait_over_a_year(out: Path) -> Path:
    rows = cr.sarskilt_boende()
    _set("Ansokningar", 8, "Ansökningsdatum", date(2023, 12, 15), rows)
    _set("Ansokningar", 8, "Beslutsdatum", date(2024, 1, 10), rows)
    return filled(out, "sarskilt-boende", rows)


@case("sarskilt_boende_dubblett_arende.xlsx")
def duplicate_case(out: Path) -> Path:
    rows = _set("Ansokningar", 9, "Ärende", "SÄBO-2025-003", cr.sarskilt_boende())
    return filled(out, "sarskilt-boende", rows)


@case("sarskilt_boende_alder_och_decimal.xlsx")
def age_out_of_range(out: Path) -> Path:
    rows = cr.sarskilt_boende()
    _set("Ansokningar", 3, "Ålder vid ansökan", 134, rows)
    _set("Ansokningar", 6, "Ålder vid ansökan", "82,5", rows)
    _set("Ansokningar", 7, "Ålder vid ansökan", 81.5, rows)
    return filled(out, "sarskilt-boende", rows)


@case("forsorjningsstod_ja_nej_okant.xlsx")
def unknown_yes_no(out: Path) -> Path:
    rows = cr.forsorjningsstod()
    _set("Arenden", 3, "Nybesök", "Kanske", rows)
    _set("Arenden", 5, "Nybesök", "JA", rows)  # any case is fine
    _set("Arenden", 7, "Nybesök", "x", rows)
    return filled(out, "forsorjningsstod", rows)


@case("lss_tre_beslut.xlsx")
def three_lss_decisions(out: Path) -> Path:
    rows = cr.lss()
    rows["Beslut"] = rows["Beslut"][:3] + rows["Beslut"][4:5]  # four rows, one a re-examination
    return filled(out, "lss", rows)


@case("forskola_datum_utanfor_matperioden.xlsx")
def outside_period(out: Path) -> Path:
    rows = cr.forskola()
    _set("Placeringar", 2, "Önskat placeringsdatum", date(2024, 12, 16), rows)
    _set("Placeringar", 13, "Önskat placeringsdatum", date(2025, 7, 1), rows)
    _set("Placeringar", 13, "Erbjudet placeringsdatum", date(2025, 8, 4), rows)
    return filled(out, "forskola", rows)


@case("service_svar_fore_fragan.xlsx")
def answer_before_question(out: Path) -> Path:
    rows = cr.service()
    rows["Epost"][2]["Besvarad"] = rows["Epost"][2]["Skickad"].replace(day=1)  # type: ignore[attr-defined]
    return filled(out, "service", rows)


@case("forskola_sammanslagna_celler.xlsx")
def merged_cells(out: Path) -> Path:
    """Enhet merged over rows 3–5 (as if it applied to all three) and a date merged over rows 8–9."""

    def merge(wb: Any) -> None:
        wb["Placeringar"].merge_cells("A3:A5")
        wb["Placeringar"].merge_cells("B8:B9")

    return filled(out, "forskola", cr.forskola(), edit=merge)
