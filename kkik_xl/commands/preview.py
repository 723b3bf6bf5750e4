"""``kkik-xl preview``: the likely colour of each measure in a submission, before submitting it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.commands.compare import fail, load_or_exit
from kkik_xl.coordinator.colours import QuartileRule
from kkik_xl.coordinator.presentation import SYNTHETIC_BANNER, with_unit
from kkik_xl.coordinator.preview import PreviewRow, preview, reference_year
from kkik_xl.submission import SubmissionError, load_submission, verify_submission
from kkik_xl.terminal import echo, plain, say, show

STYLE = {"grön": "bold green", "gul": "bold yellow", "röd": "bold red", "grå": "dim"}


def _table(rows: list[PreviewRow], title: str) -> Table:
    table = Table(title=plain(title))
    for heading in ("KPI", "Mått", "Nytt värde", "Trolig färg", "Jämfört med", "Förra värdet"):
        table.add_column(heading)
    for r in rows:
        m = CATALOGUE.measure(r.kpi)
        table.add_row(
            plain(r.kpi),
            plain(m.short_title),
            plain(with_unit(r.value, m)),
            plain(r.colour, STYLE[r.colour]),
            plain(f"{r.n} kommuner {r.reference_year}"),
            plain(with_unit(r.previous_value, m)),
        )
    return table


def preview_command(
    submission: Annotated[Path, typer.Argument(help="Inlämningen (.kkik.json).")],
    reference: Annotated[
        list[Path], typer.Option("--reference", help="Värden att jämföra med (kan upprepas).")
    ],
    year: Annotated[int | None, typer.Option("--year", help="Referensår (annars det senaste).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Skriv resultatet som JSON.")] = False,
    quartile_rule: Annotated[QuartileRule, typer.Option("--quartile-rule", help="ceil, floor, round.")] = (
        QuartileRule.CEIL
    ),
) -> None:
    """Visa den troliga färgen för varje mått i en inlämning mot referensårets fördelning.

    Kommunens egen gamla siffra tas bort ur fördelningen och ersätts av det nya värdet.

    Exempel: kkik-xl preview 1440_forskola_2025.kkik.json --reference nationellt.csv
    """
    try:
        sub = load_submission(submission)
    except SubmissionError as exc:
        raise fail(str(exc)) from exc
    for problem in verify_submission(sub):
        say(f"Observera: {problem}", err=True)
    value_set = load_or_exit(reference, "T")
    values = value_set.frame
    if value_set.synthetic:
        say(f"Observera: {SYNTHETIC_BANNER}", err=True)
    if values.is_empty():
        raise fail("Referensvärdena innehåller inga användbara värden.")
    ref_year = reference_year(values, year)
    new = {m.kpi: m.value for m in sub.measures if m.gender == "T"}
    rows = preview(new, sub.municipality.code, values, ref_year, quartile_rule, synthetic=value_set.synthetic)
    if as_json:
        echo(json.dumps([r.model_dump() for r in rows], ensure_ascii=False, indent=1))
        return
    title = f"Trolig färg – {sub.municipality.name} ({sub.municipality.code}), {sub.template.id} {sub.year}"
    if value_set.synthetic:
        title += " – mot SYNTETISKA referensvärden"
    show(_table(rows, title))


def register(app: typer.Typer) -> None:
    """Add ``preview`` to the CLI."""
    app.command("preview")(preview_command)
