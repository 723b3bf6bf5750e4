"""Swedish instruction text for a template, generated from the catalogue (never written by hand)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from kkik_xl.catalogue import CATALOGUE, Template
from kkik_xl.catalogue.indicator_files import current, is_overridden
from kkik_xl.excel.marking import WORKING_FILE_SV
from kkik_xl.excel.preview_formulas import is_native
from kkik_xl.excel.template_formats import TYPE_LABELS

BlockKind = Literal["title", "heading", "para", "note", "row"]


@dataclass(frozen=True)
class Block:
    """One printed block of the Instruktioner sheet; ``row`` blocks fill the four-column grid."""

    kind: BlockKind
    cells: tuple[str, ...]


def _para(text: str) -> Block:
    return Block("para", (text,))


def _steps(template: Template) -> list[Block]:
    sheets = ", ".join(f"”{t.sheet}”" for t in template.tables)
    return [
        Block("heading", ("Så här gör du",)),
        _para(
            "1. Fyll i bladet ”Uppgifter”: välj kommun i listan, skriv förvaltning och kontaktroll "
            "(en roll, till exempel ”verksamhetsutvecklare” – inte ett namn)."
        ),
        _para(
            f"2. Skriv eller klistra in en rad per post på {sheets}. Börja i rad 2 under rubrikerna; "
            "tabellen växer av sig själv när du fortsätter nedåt. Ändra inte rubrikerna."
        ),
        _para(
            "3. Titta på bladet ”Resultat”. Där syns en preliminär förhandsvisning av nyckeltalen "
            "medan du fyller i. Värdena är inte officiella."
        ),
        _para(
            "4. Validera filen med kkik-xl: knappen Validera i Excel markerar arbetsboken du har öppen, "
            "kommandot kkik-xl validate FIL.xlsx --mark skapar den markerade kopian "
            "FIL_kontrollerad.xlsx. Fel och varningar hamnar på bladet ”Kontroll” med cellhänvisning. "
            f"{WORKING_FILE_SV}"
        ),
        _para(
            "5. Rätta felen och skriv en motivering i kolumnen ”Motivering”, på varningens rad, för "
            "varningar som är riktiga – eller en anteckning i cellen som börjar med ”Motivering:”. "
            "Motiveringen följer raden även om du tar bort eller flyttar rader."
        ),
        _para(
            "6. Skapa inlämningsfilen med kkik-xl submit FIL_kontrollerad.xlsx och skicka den till "
            "kommunens KKiK-samordnare. Skicka inte själva arbetsboken om samordnaren inte ber om det."
        ),
    ]


def _privacy() -> list[Block]:
    return [
        Block("heading", ("Personuppgifter",)),
        _para(
            "Skriv aldrig personnummer, namn, adresser eller andra uppgifter som pekar ut en person. "
            "Där en kolumn behöver skilja personer eller ärenden åt används ett eget löpnummer eller "
            "ärendenummer som bara ni kan koppla till personen. Personalkoder får inte vara namn."
        ),
        _para(
            "Ändra inte bladnamn, rubriker eller formler. Då känns mallen inte igen vid valideringen "
            "och filen måste göras om i en ny mall."
        ),
    ]


def _measures(template: Template) -> list[Block]:
    blocks = [Block("heading", ("Nyckeltal som beräknas",))]
    for m in CATALOGUE.measures_of(template.id):
        blocks.append(Block("note", (f"{m.kpi} – {m.title}",)))
        if m.number:
            blocks.append(_para(f"Definitionen finns i KKiK-guiden: {m.guide_label}."))
        blocks.append(_para(f"Mätperiod: {m.period}."))
        blocks.append(_para(f"Definition: {m.definition}"))
        if not is_native(m.kpi):
            blocks.append(
                _para(
                    "Förhandsvisningen av detta nyckeltal kräver tillägget kkik-xl. Det "
                    "officiella värdet beräknas alltid av Validera."
                )
            )
    return blocks


def _tables(template: Template, year: int) -> list[Block]:
    blocks: list[Block] = []
    for table in template.tables:
        blocks.append(Block("heading", (f"Bladet ”{table.sheet}”",)))
        blocks.append(_para(table.description))
        if table.quality_measure is not None:
            blocks.append(_para(_indicator_source(year)))
        blocks.append(Block("row", ("Kolumn", "Typ", "Krävs", "Vad du skriver")))
        for col in table.columns_for_year(year):
            need = "Ja" if col.required else "Nej"
            blocks.append(Block("row", (col.name, TYPE_LABELS[col.type], need, col.help)))
    return blocks


def _indicator_source(year: int) -> str:
    """Where the year's quality indicators come from (the shipped file or the coordinator's)."""
    chosen = current(year)
    whose = "samordnarens indikatorfil" if is_overridden() else f"kkik-xl:s indikatorlista för {chosen.ar}"
    return f"Kvalitetsaspekterna kommer från {whose}. Källa: {chosen.kalla}."


def _parameters(template: Template, year: int) -> list[Block]:
    if not template.parameters:
        return []
    blocks = [Block("heading", ("Inställningar på bladet ”Uppgifter”",))]
    for p in template.parameters:
        default = p.default.format(year=year) if p.default else "–"
        blocks.append(_para(f"{p.label}: {p.help} Förifyllt värde: {default}."))
    return blocks


def instruction_blocks(template: Template, year: int) -> list[Block]:
    """All blocks of the Instruktioner sheet, in print order."""
    intro = (
        f"{template.description} Mallen gäller mätåret {year} (mallversion {template.version}, "
        f"katalogversion {CATALOGUE.version}). På bladet ”Uppgifter” fyller du i de gula cellerna."
    )
    return [
        Block("title", (f"KKiK {year} – {template.name}",)),
        _para(intro),
        *_steps(template),
        *_privacy(),
        *_parameters(template, year),
        *_measures(template),
        *_tables(template, year),
    ]
