"""``kkik-xl compare``: colour, rank, mean and trend per measure against all municipalities."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.atomic import save_with, write_text
from kkik_xl.coordinator.colours import QuartileRule
from kkik_xl.coordinator.compare import National, national
from kkik_xl.coordinator.report_html import render_html
from kkik_xl.coordinator.report_xlsx import write_xlsx
from kkik_xl.coordinator.values import ValuesError, ValueSet, load_values, read_values_file
from kkik_xl.kommuner import lookup
from kkik_xl.terminal import echo, say


class Format(StrEnum):
    """Output format."""

    JSON = "json"
    XLSX = "xlsx"
    HTML = "html"


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print a Swedish message to stderr and return the exit to raise."""
    say(message, err=True)
    return typer.Exit(code)


def load_or_exit(paths: list[Path], gender: str) -> ValueSet:
    """Load VALUES, turning unreadable input into exit code 2 with a Swedish message."""
    try:
        return load_values(paths, gender)
    except ValuesError as exc:
        raise fail(str(exc)) from exc


def _default_municipality(first: Path) -> str | None:
    """The only municipality in the first VALUES file (e.g. merged output), else None."""
    frame, _ = read_values_file(first)
    codes = frame["kommunkod"].unique().to_list()
    return str(codes[0]) if len(codes) == 1 else None


def _municipality(code: str | None, first: Path) -> str | None:
    if code is None:
        return _default_municipality(first)
    found = lookup(code)
    if found is None:
        raise fail(f"Kommunkoden {code} finns inte bland Sveriges 290 kommuner.")
    return found.kod


def _all_json(nat: National) -> str:
    docs = [nat.compare(code).model_dump(mode="json", by_alias=True) for code in nat.municipalities()]
    doc = {"year": nat.year, "synthetic": nat.synthetic, "municipalities": docs}
    return json.dumps(doc, ensure_ascii=False, indent=1)


def _default_out(code: str, year: int, fmt: Format, synthetic: bool) -> Path:
    prefix = "syntetisk_" if synthetic else ""
    return Path(f"{prefix}jamforelse_{code}_{year}.{fmt.value}")


def compare(
    values: Annotated[list[Path], typer.Argument(help="Värdefiler: sammanställning, CSV eller Kolada-JSON.")],
    year: Annotated[int, typer.Option("--year", help="Jämförelseåret.")],
    municipality: Annotated[str | None, typer.Option("--municipality", help="Kommunkod, t.ex. 1440.")] = None,
    fmt: Annotated[Format, typer.Option("--format", help="json, xlsx eller html.")] = Format.JSON,
    out: Annotated[Path | None, typer.Option("--out", help="Utfil (json annars till skärmen).")] = None,
    gender: Annotated[str, typer.Option("--gender", help="Kön i Kolada: T (totalt), K eller M.")] = "T",
    quartile_rule: Annotated[
        QuartileRule, typer.Option("--quartile-rule", help="Fjärdedel: ceil (KKiK, standard), floor, round.")
    ] = QuartileRule.CEIL,
) -> None:
    """Jämför kommunen med alla kommuner: färg, plats, medelvärde och trend per mått.

    Färg bland kommunerna med värde (N): grön när färre än ceil(N/4) är bättre,

    annars röd när färre än ceil(N/4) är sämre, annars gul; grå när värde saknas.

    Vid samma kpi, kommun, år och kön i flera filer gäller den först angivna filen.

    Exempel: kkik-xl compare varden.json nationellt.csv --year 2025 --municipality 1440 --format html
    """
    value_set = load_or_exit(values, gender)
    for note in value_set.notes:
        say(f"Observera: {note}", err=True)
    code = _municipality(municipality, values[0])
    nat = national(value_set.frame, year, quartile_rule, synthetic=value_set.synthetic)
    if code is None:
        if fmt is not Format.JSON:
            raise fail("Ange --municipality: underlaget innehåller flera kommuner.")
        _emit(_all_json(nat), out)
        return
    comparison = nat.compare(code)
    if fmt is Format.JSON:
        _emit(comparison.model_dump_json(by_alias=True, indent=1), out)
        return
    path = out or _default_out(code, year, fmt, nat.synthetic)
    if fmt is Format.XLSX:
        save_with(path, lambda tmp: write_xlsx(comparison, tmp, value_set.notes))
    else:
        write_text(path, render_html(comparison, value_set.notes))
    say(f"Skrev {path}. {comparison.sentence()}.")


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        echo(text)
        return
    write_text(out, text)
    say(f"Skrev {out}.")


def register(app: typer.Typer) -> None:
    """Add ``compare`` to the CLI."""
    app.command("compare")(compare)
