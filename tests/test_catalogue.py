"""The catalogue is complete, consistent and carries what the later layers derive from it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pydantic import ValidationError

from kkik_xl.catalogue import CATALOGUE, Column, ColumnType, Direction
from kkik_xl.catalogue.indicator_files import default_for
from kkik_xl.kommuner import all_municipalities, lookup

REQUIRED_DIRECTIONS = {
    "U00412": "higher",
    "U00442": "higher",
    "U00413": "higher",
    "U00414": "higher",
    "U07451": "higher",
    "N00938": "lower",
    "N11102": "lower",
    "U00437": "higher",
    "U07409": "higher",
    "U21401": "lower",
    "N15428": "higher",
    "N17404": "higher",
    "N05401": "higher",
    "N00914": "higher",
    "N31807": "lower",
    "U00415": "higher",
    "U11401": "higher",
    "U11402": "lower",
    "U23401": "lower",
    "U31402": "lower",
    "U28418": "lower",
    "U23488": "higher",
    "U28423": "higher",
    "U33400": "higher",
    "U21468": "higher",
    "U23471": "higher",
}


def test_required_measures_and_directions() -> None:
    for kpi, direction in REQUIRED_DIRECTIONS.items():
        assert CATALOGUE.measure(kpi).direction == Direction(direction), kpi


def test_every_template_has_measures_and_every_self_collected_measure_a_table() -> None:
    for template in CATALOGUE.templates:
        assert CATALOGUE.measures_of(template.id), template.id
    for m in CATALOGUE.measures:
        if m.self_collected:
            assert m.template is not None and m.table is not None
            assert CATALOGUE.template(m.template).table(m.table)
            assert m.definition and m.period


def test_headers_match_the_csv_contract() -> None:
    forskola = CATALOGUE.template("forskola").table("Placeringar")
    assert [c.name for c in forskola.columns] == [
        "Enhet",
        "Önskat placeringsdatum",
        "Erbjudet placeringsdatum",
        "Kommentar",
    ]
    besok = CATALOGUE.template("hemtjanst").table("Besok")
    assert [c.name for c in besok.columns] == [
        "Brukare",
        "Födelseår",
        "Datum",
        "Starttid",
        "Sluttid",
        "Personal",
        "Personalkategori",
        "Besökstyp",
        "Hemtjänstgrupp",
    ]


def test_quality_columns_come_from_the_years_indicator_file() -> None:
    kvalitet = CATALOGUE.template("sarskilt-boende").table("Kvalitet")
    names = [c.name for c in kvalitet.columns_for_year(2025)]
    assert names == ["Enhet", "Antal platser", *default_for(2025).names("U23488")]


def test_choice_columns_need_choices() -> None:
    with pytest.raises(ValidationError):
        Column(name="X", type=ColumnType.CHOICE, help="x")
    with pytest.raises(ValidationError):
        Column(name="X", type=ColumnType.TEXT, help="x", choices=("a",))


def test_unique_table_names_and_headers() -> None:
    for t in CATALOGUE.templates:
        names = [tab.name for tab in t.tables]
        assert len(names) == len(set(names))
        for tab in t.tables:
            headers = [c.name for c in tab.columns_for_year(2024)]
            assert len(headers) == len(set(headers))


def test_municipalities() -> None:
    kommuner = all_municipalities()
    assert len(kommuner) == 290
    assert lookup("114") == lookup("0114")
    k = lookup("0180")
    assert k is not None and k.namn == "Stockholm"
    assert lookup("9999") is None


# The CSV contract of issue 3, table by table (template id, table, exact headers in order).
CSV_CONTRACT = {
    ("forskola", "Placeringar"): "Enhet; Önskat placeringsdatum; Erbjudet placeringsdatum; Kommentar",
    ("sarskilt-boende", "Ansokningar"): "Ärende; Ålder vid ansökan; Ansökningsdatum; Beslutsdatum; "
    "Erbjudet inflyttningsdatum; Kommentar",
    ("sarskilt-boende", "Kvalitet"): "Enhet; Antal platser",
    ("forsorjningsstod", "Arenden"): "Ärende; Första kontakt; Beslutsdatum; Nybesök; Sökande; Kommentar",
    ("hemtjanst", "Besok"): "Brukare; Födelseår; Datum; Starttid; Sluttid; Personal; Personalkategori; "
    "Besökstyp; Hemtjänstgrupp",
    ("ungdomar", "Avslut"): "Person; Ålder vid avslut; Avslutsdatum; Återaktualiserad inom ett år; "
    "Ensamkommande; Endast ekonomiskt bistånd",
    ("lss", "Beslut"): "Ärende; Beslutsdatum; Erbjudet inflyttningsdatum; Omprövning; Kommentar",
    ("lss", "Kvalitet"): "Enhet; Antal platser",
    ("kost", "Fakturor"): "Leverantör; Varugrupp; Fakturadatum; Belopp totalt (kr); Varav ekologiskt (kr)",
    ("service", "Epost"): "Fråga; Skickad; Besvarad",
    ("service", "Telefon"): "Samtal; Datum; Besvarat av person; Sekunder till person; Direkt svar; Bemötande",
    ("miljobilar", "Fordon"): "Registreringsnummer; Fordonstyp; Miljöbil",
}
CONTRACT_TYPES = {
    ("forsorjningsstod", "Nybesök"): ColumnType.JANEJ,
    ("forsorjningsstod", "Sökande"): ("Huvudsökande", "Medsökande"),
    ("hemtjanst", "Personalkategori"): ("Omsorgspersonal", "Hemsjukvård"),
    ("hemtjanst", "Besökstyp"): ("Omsorg", "Trygghetslarm", "Matleverans"),
    ("service", "Skickad"): ColumnType.DATETIME,
    ("service", "Besvarad"): ColumnType.DATETIME,
    ("lss", "Omprövning"): ColumnType.JANEJ,
    ("miljobilar", "Miljöbil"): ColumnType.JANEJ,
    ("ungdomar", "Ensamkommande"): ColumnType.JANEJ,
}


def test_every_table_follows_the_csv_contract() -> None:
    tables = {(t.id, tab.name): tab for t in CATALOGUE.templates for tab in t.tables}
    assert set(tables) == set(CSV_CONTRACT)
    for key, headers in CSV_CONTRACT.items():
        assert [c.name for c in tables[key].columns] == headers.split("; "), key
    for (template_id, name), expected in CONTRACT_TYPES.items():
        [col] = [c for tab in CATALOGUE.template(template_id).tables for c in tab.columns if c.name == name]
        if isinstance(expected, tuple):
            assert (col.type, col.choices) == (ColumnType.CHOICE, expected), name
        else:
            assert col.type is expected, name
    assert CATALOGUE.template("hemtjanst").parameters[0].name == "period_start"


SELF_COLLECTED = {  # issue 3, section 4: which template produces each measure, and its unit
    "U11401": ("forskola", "%"), "U11402": ("forskola", "dagar"),
    "U23401": ("sarskilt-boende", "dagar"), "U23488": ("sarskilt-boende", "%"),
    "U31402": ("forsorjningsstod", "dagar"), "U21401": ("hemtjanst", "antal"),
    "U33400": ("ungdomar", "%"), "U28418": ("lss", "dagar"), "U28423": ("lss", "%"),
    "U07409": ("kost", "%"), "U00412": ("service", "%"), "U00442": ("service", "%"),
    "U00413": ("service", "%"), "U00414": ("service", "%"), "U00437": ("miljobilar", "%"),
}  # fmt: skip


def test_self_collected_measures_template_and_unit() -> None:
    own = {m.kpi: (m.template, m.unit.value) for m in CATALOGUE.measures if m.self_collected}
    assert own == SELF_COLLECTED
    for m in CATALOGUE.measures:
        assert m.title and m.area and m.decimals in (0, 1, 2), m.kpi


GUIDE = Path("/work/shared/reference/kkik-guide-2014.txt")
GUIDE_NUMBERS = {  # "MÅTT n" headings of SKL's guide "Hur gör vi det bättre?" (2014)
    "U00412": "1", "U00413": "2", "U00414": "3", "U11401": "5", "U11402": "6", "U23401": "7",
    "U31402": "8", "U21401": "10", "N15428": "18", "N17404": "21", "U23488": "23", "U28423": "29",
    "U33400": "30", "U07451": "34", "U07409": "38",
}  # fmt: skip


def test_numbers_are_the_guides_matt_numbers() -> None:
    numbers = {m.kpi: m.number for m in CATALOGUE.measures if m.number}
    assert numbers == GUIDE_NUMBERS
    assert CATALOGUE.measure("U21401").guide_label == "Mått 10 i KKiK"
    assert CATALOGUE.measure("U00414").guide_label == "Mått 3 i KKiK"


@pytest.mark.skipif(not GUIDE.exists(), reason="the KKiK guide is not on this machine")
def test_every_number_is_a_heading_of_the_guide() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    headings = set(re.findall(r"MÅTT (\d+[AB]?)(?:, (\d+[AB]?))?", text))
    found = {n for pair in headings for n in pair if n}
    assert {m.number for m in CATALOGUE.measures if m.number} <= found


def test_kolada_ids_are_verified_or_say_so() -> None:
    unverified = {m.kpi for m in CATALOGUE.measures if not m.kolada_verified}
    assert unverified == {"U00442", "U23488", "U28418", "U28423"}  # not in the KKiK group list we found
    for m in CATALOGUE.measures:
        assert bool(m.kolada_source) == m.kolada_verified, m.kpi
    sick = CATALOGUE.measure("N00938")
    assert sick.title.startswith("Sjukpenningtal") and sick.direction is Direction.LOWER  # residents
