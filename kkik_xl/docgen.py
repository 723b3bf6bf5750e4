"""Generate the Swedish measure page ``docs/matt.md`` from the catalogue (never edited by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

from kkik_xl.atomic import write_text
from kkik_xl.catalogue import CATALOGUE, Column, Measure, Table, Template
from kkik_xl.catalogue.indicator_files import current
from kkik_xl.catalogue.measures_data import KKIK_GROUP, NOT_IN_CATALOGUE

DIRECTION_SV = {"higher": "högre är bättre", "lower": "lägre är bättre"}
TYPE_SV = {
    "text": "text",
    "date": "datum (ÅÅÅÅ-MM-DD)",
    "time": "tid (tt:mm)",
    "datetime": "datum och tid",
    "int": "heltal",
    "decimal": "decimaltal",
    "ja/nej": "Ja/Nej",
    "choice": "val",
}
HEADER = """# KKiK-måtten i kkik-xl

*Genererad från katalogen (version {version}) med `make docs`. Redigera inte för hand.*

Sidan beskriver varje mått: formel, vilka rader som räknas och mätperiod. Mått som kommunen samlar in
själv beräknas av kkik-xl från rådata i mallarna; övriga hämtas från Kolada och används i jämförelser.
Tolkningsval där definitionen är otydlig finns i [definitioner.md](definitioner.md).
"""


def _column_line(col: Column) -> str:
    kind = TYPE_SV[col.type.value]
    if col.choices:
        kind += ": " + ", ".join(col.choices)
    bounds = ""
    if col.min_value is not None or col.max_value is not None:
        bounds = f", {_num(col.min_value)}–{_num(col.max_value)}"
    need = "obligatorisk" if col.required else "valfri"
    if col.blank_means:
        need += f"; en tom cell {col.blank_means}"
    return f"| {col.name} | {kind}{bounds} | {need} | {col.help} |"


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value).replace(".", ",")


def _decimals(n: int) -> str:
    return "1 decimal" if n == 1 else f"{n} decimaler"


def _table_section(table: Table, year: int) -> list[str]:
    lines = [
        f"#### Bladet {table.sheet} (tabell `{table.name}`)",
        "",
        table.description,
        "",
        "| Kolumn | Typ | Krav | Hjälp |",
        "|---|---|---|---|",
    ]
    lines += [_column_line(c) for c in table.columns_for_year(year)]
    return [*lines, ""]


def _measure_section(m: Measure) -> list[str]:
    lines = [
        f"## {m.kpi} {m.short_title}",
        "",
        f"**{m.title}**",
        "",
        f"- I KKiK-guiden: {m.guide_label}"
        if m.number
        else "- I KKiK-guiden: inget måttnummer (guiden 2014 beskriver inte måttet)",
        f"- Område: {m.area}",
        f"- Enhet: {m.unit.value}, {DIRECTION_SV[m.direction.value]}, visas med {_decimals(m.decimals)}",
    ]
    if m.self_collected:
        lines += [
            f"- Mall: `{m.template}`, tabell `{m.table}`",
            f"- Mätperiod: {m.period}",
            f"- Kolumner som används: {', '.join(m.inputs)}",
            f"- Formel och urval: {m.definition}",
        ]
        if m.all_rows:
            lines.append(
                "- Tomma celler: nämnaren är alla rader, så en tom eller ogiltig cell som måttet behöver gör "
                "att värdet inte räknas (fel KKIK-VA-001) i stället för att raden räknas bort."
            )
    else:
        lines.append(f"- Källa: {m.definition}")
    if m.kolada_verified:
        lines.append(f"- Kolada-id verifierat mot: {m.kolada_source}")
    else:
        lines.append("- Kolada-id: ej verifierat mot en publicerad nyckeltalslista (projektets eget id)")
    return [*lines, ""]


def _template_section(t: Template, year: int) -> list[str]:
    lines = [f"### Mall `{t.id}`: {t.name}", "", f"{t.description} Förvaltning: {t.department}.", ""]
    for table in t.tables:
        lines += _table_section(table, year)
    for p in t.parameters:
        default = (p.default or "").replace("{year}", "ÅÅÅÅ")
        lines.append(f"- Parameter **{p.label}** (`{p.name}`): {p.help} Standard: `{default}`.")
    return [*lines, ""]


def render_measures_page(year: int = 2025) -> str:
    """The full Markdown text of ``docs/matt.md``."""
    lines = [HEADER.format(version=CATALOGUE.version)]
    lines += ["# Mått", ""]
    for m in CATALOGUE.measures:
        lines += _measure_section(m)
    lines += _not_in_catalogue()
    lines += ["# Mallar och kolumner", "", f"Kolumnerna gäller mätåret {year}.", ""]
    for t in CATALOGUE.templates:
        lines += _template_section(t, year)
    lines += _indicator_section(year)
    return "\n".join(lines).rstrip() + "\n"


def _not_in_catalogue() -> list[str]:
    """Measures the guide or the KKiK reports name whose Kolada id could not be verified."""
    lines = [
        "## Mått som rapporterna nämner men som saknar verifierat Kolada-id",
        "",
        "De här måtten nämns i KKiK-guiden eller i kommunernas KKiK-rapporter, men vi har inte kunnat "
        "verifiera deras Kolada-id mot en publicerad nyckeltalslista. De finns därför inte i katalogen "
        "(vi gissar inte id). Koladas grupp KKiK – ordinarie mått innehåller fler id än katalogen "
        f"({', '.join(sorted(KKIK_GROUP - {m.kpi for m in CATALOGUE.measures}))}), men listan anger inga "
        "titlar, så de är inte kopplade till måtten nedan.",
        "",
        "| Mått | Område | Riktning |",
        "|---|---|---|",
    ]
    lines += [f"| {title} | {area} | {direction} |" for title, area, direction in NOT_IN_CATALOGUE]
    return [*lines, ""]


def _indicator_section(year: int) -> list[str]:
    """The year's quality indicators: question, Kolada id (or unverified) and source."""
    chosen = current(year)
    lines = [
        f"# Kvalitetsaspekter {year}",
        "",
        f"Från `kkik_xl/catalogue/indicators/{chosen.ar}.toml` (samordnaren kan byta listan med "
        f"`--indikatorer FIL`). Källa: {chosen.kalla}.",
        "",
        "| Mått | Indikator (kolumn) | Fråga (Ja är det önskade svaret) | Kolada | Källa |",
        "|---|---|---|---|---|",
    ]
    for q in chosen.indikator:
        kolada = q.kolada if q.kolada_verifierad else "ej verifierad"
        lines.append(f"| {q.matt} | {q.namn} | {q.fraga} | {kolada} | {q.kalla} |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    """Write ``docs/matt.md`` (path may be given as the first argument)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "docs/matt.md")
    write_text(target, render_measures_page())
    print(f"Skrev {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
