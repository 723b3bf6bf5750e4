"""Generate the Swedish measure page ``docs/matt.md`` from the catalogue (never edited by hand)."""

from __future__ import annotations

import sys
from pathlib import Path

from kkik_xl.atomic import write_text
from kkik_xl.catalogue import CATALOGUE, Column, Measure, Table, Template

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
    else:
        lines.append(f"- Källa: {m.definition}")
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
    lines += ["# Mallar och kolumner", "", f"Kolumnerna gäller mätåret {year}.", ""]
    for t in CATALOGUE.templates:
        lines += _template_section(t, year)
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write ``docs/matt.md`` (path may be given as the first argument)."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0] if args else "docs/matt.md")
    write_text(target, render_measures_page())
    print(f"Skrev {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
