"""``kkik-xl compute``: read a filled-in template or CSV and print the measures it gives."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.commands.indicators_option import IndicatorsOption, use_indicators
from kkik_xl.commands.settings_option import SettingsOption, settings_params
from kkik_xl.computation import Computation, UsageError, compute_file
from kkik_xl.excel.result import ReadError
from kkik_xl.findings import SEVERITY_SV
from kkik_xl.sv_text import counted
from kkik_xl.terminal import console as terminal_console
from kkik_xl.terminal import echo, error, plain

MAX_FINDINGS_SHOWN = 50


class OutputFormat(StrEnum):
    """Output format of ``compute``."""

    TABLE = "table"
    JSON = "json"


def format_value(value: float | None, decimals: int) -> str:
    """A value with Swedish decimal comma, or a dash when undefined."""
    if value is None:
        return "–"
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def to_json(comp: Computation) -> dict[str, Any]:
    """The JSON document printed by ``--format json``."""
    return {
        "template": comp.template.id,
        "year": comp.year,
        "measures": [
            {
                "kpi": r.kpi,
                "value": r.value,
                "reason": r.reason,
                "numerator": r.numerator,
                "denominator": r.denominator,
                "rows_used": r.rows_used,
                "excluded": r.excluded,
                "extras": r.extras,
            }
            for r in comp.results
        ],
        "findings": [
            {
                "sheet": f.sheet,
                "cell": f.cell,
                "row": f.row,
                "column": f.column,
                "code": f.code,
                "severity": f.severity.value,
                "message": f.message,
            }
            for f in comp.findings
        ],
    }


def measures_table(comp: Computation) -> Table:
    """A rich table of the measures with Swedish headings."""
    table = Table(title=plain(f"{comp.template.name} – {comp.year}"))
    for heading in ("KPI", "Mått", "Värde", "Enhet", "Täljare", "Nämnare", "Rader", "Ej medräknade"):
        table.add_column(
            heading, justify="right" if heading in ("Värde", "Täljare", "Nämnare", "Rader") else "left"
        )
    for r in comp.results:
        m = CATALOGUE.measure(r.kpi)
        value = (
            format_value(r.value, m.decimals) if r.value is not None else f"– ({r.reason or 'odefinierat'})"
        )
        excluded = "; ".join(f"{reason}: {n}" for reason, n in r.excluded.items()) or "–"
        cells = (r.kpi, m.short_title, value, m.unit.value, format_value(r.numerator, 2),
                 format_value(r.denominator, 2), str(r.rows_used), excluded)  # fmt: skip
        table.add_row(*map(plain, cells))
    return table


def findings_table(comp: Computation) -> Table:
    """The first findings as a rich table (all of them are in the JSON output)."""
    table = Table(title=plain(f"Anmärkningar vid inläsningen ({len(comp.findings)})"))
    for heading in ("Allvarlighet", "Blad", "Cell", "Kod", "Meddelande"):
        table.add_column(heading)
    for f in comp.findings[:MAX_FINDINGS_SHOWN]:
        cells = (SEVERITY_SV[f.severity], f.sheet or "", f.cell or "", f.code, f.message)
        table.add_row(*map(plain, cells))
    return table


def print_table(comp: Computation, console: Console) -> None:
    """Print measures and findings as rich tables."""
    console.print(measures_table(comp))
    if comp.findings:
        console.print(findings_table(comp))
        hidden = len(comp.findings) - MAX_FINDINGS_SHOWN
        if hidden > 0:
            console.print(plain(f"… och {counted(hidden, 'anmärkning')} till. Alla visas med --format json."))


def compute(
    template: Annotated[str, typer.Argument(help="Mallens id, till exempel forskola eller hemtjanst.")],
    file: Annotated[Path, typer.Argument(help="Ifylld mall (.xlsx, .xls, .ods) eller CSV-fil.")],
    year: Annotated[int, typer.Option("--year", help="Mätåret, till exempel 2025.", min=1990, max=2100)],
    period_start: Annotated[
        str | None,
        typer.Option("--period-start", help="Första dag i 14-dagarsperioden (ÅÅÅÅ-MM-DD), hemtjänst."),
    ] = None,
    table: Annotated[
        str | None, typer.Option("--table", help="Tabell i en CSV-fil, till exempel Kvalitet.")
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", help="Utskrift: table eller json.")
    ] = OutputFormat.TABLE,
    installning: SettingsOption = None,
    indikatorer: IndicatorsOption = None,
) -> None:
    """Beräkna mallens mått från en ifylld mall eller en CSV-fil.

    Celler som inte kan läsas rapporteras med blad och cell, och raden räknas inte.
    Slutkod 0 när måtten beräknats (även med anmärkningar), 2 vid fel i anropet eller filen.

    Exempel: kkik-xl compute forskola placeringar.csv --year 2025

    Exempel med inställning: kkik-xl compute lss beslut.csv --year 2025 --installning lss_minsta_antal=3
    """
    try:
        params = settings_params(installning)
        use_indicators(indikatorer, year)
        if period_start:
            params["period_start"] = period_start
        comp = compute_file(template, file, year=year, params=params, table=table)
    except (UsageError, ReadError) as err:
        error(err.reason)
        raise typer.Exit(2) from None
    if output is OutputFormat.JSON:
        echo(json.dumps(to_json(comp), ensure_ascii=False, indent=2, default=_json_default))
    else:
        print_table(comp, terminal_console())


def _json_default(obj: object) -> object:
    if isinstance(obj, date):
        return obj.isoformat()
    return str(obj)


def register(app: typer.Typer) -> None:
    """Add ``compute`` to the CLI."""
    app.command("compute")(compute)
