"""``kkik-xl template``: write workbook templates generated from the catalogue."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.calendar_se import MAX_YEAR, MIN_YEAR
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.commands.indicators_option import IndicatorsOption, use_indicators
from kkik_xl.computation import UsageError
from kkik_xl.excel.template_builder import DEFAULT_YEAR, write_template
from kkik_xl.terminal import say


def _ids(template: str | None, all_templates: bool) -> list[str]:
    known = [t.id for t in CATALOGUE.templates]
    if all_templates == (template is not None):
        say("Ange antingen en mall eller --all (inte båda).", err=True)
        raise typer.Exit(2)
    if all_templates:
        return known
    if template not in known:
        say(f"Okänd mall: {template}. Mallar som finns: {', '.join(known)}.", err=True)
        raise typer.Exit(2)
    return [template]


def template(
    template: Annotated[str | None, typer.Argument(help="Mallens id, till exempel forskola.")] = None,
    year: Annotated[int, typer.Option("--year", help="Mätåret som mallen ska gälla.")] = DEFAULT_YEAR,
    out: Annotated[Path, typer.Option("--out", help="Mapp att skriva mallen till.")] = Path("."),
    all_templates: Annotated[bool, typer.Option("--all", help="Skriv alla mallar i katalogen.")] = False,
    indikatorer: IndicatorsOption = None,
) -> None:
    """Skapa en Excel-mall (eller alla med --all) för ett mätår.

    Exempel: kkik-xl template forskola --year 2025 --out mallar

    Exempel med samordnarens kvalitetsaspekter: kkik-xl template lss --indikatorer indikatorer_2025.toml
    """
    ids = _ids(template, all_templates)
    if not MIN_YEAR <= year <= MAX_YEAR - 1:
        say(f"Året {year} stöds inte. Välj ett år mellan {MIN_YEAR + 1} och {MAX_YEAR - 1}.", err=True)
        raise typer.Exit(2)
    try:
        use_indicators(indikatorer, year)
    except UsageError as err:
        say(f"Fel: {err.reason}", err=True)
        raise typer.Exit(2) from None
    for template_id in ids:
        path = write_template(template_id, year, out)
        say(f"Skrev {path}")


def register(app: typer.Typer) -> None:
    """Add the ``template`` subcommand."""
    app.command("template")(template)
