"""``kkik-xl validate``: every finding of a filled-in template, as a report and in a marked copy."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from kkik_xl.atomic import WriteError, write_text
from kkik_xl.commands.indicators_option import IndicatorsOption, use_indicators
from kkik_xl.commands.settings_option import SettingsOption, settings_params
from kkik_xl.computation import UsageError
from kkik_xl.excel.result import ReadError
from kkik_xl.oserror_sv import reason_and_advice
from kkik_xl.rules import ValidationReport, validate_workbook
from kkik_xl.rules.report import to_html, to_json, to_text
from kkik_xl.terminal import console, echo, error, say
from kkik_xl.textsafe import printable

PROGRESS_FROM_BYTES = 2 << 20
MARKABLE = (".xlsx", ".xlsm")


class ReportFormat(StrEnum):
    """Report formats of ``validate``."""

    TEXT = "text"
    JSON = "json"
    HTML = "html"


def load_last_year(path: Path | None) -> dict[str, float]:
    """Last year's values from a JSON object ``{"U11401": 87.5, ...}``."""
    if path is None:
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError:
        raise UsageError(f"Filen med förra årets värden ({path}) finns inte eller kan inte läsas.") from None
    except ValueError:
        raise UsageError(f"Filen med förra årets värden ({path.name}) är inte giltig JSON i UTF-8.") from None
    if not isinstance(data, dict) or not all(isinstance(v, int | float) for v in data.values()):
        raise UsageError(
            f'{path.name} ska vara ett JSON-objekt med KPI-id och tal, till exempel {{"U11401": 87.5}}.'
        )
    return {str(k): float(v) for k, v in data.items()}


@contextmanager
def spinner(err: Console, description: str, on: bool) -> Iterator[Callable[[str], None]]:
    """A rich spinner with the elapsed time on stderr while a long step runs; yields ``say(text)``."""
    if not on:
        yield lambda _text: None
        return
    columns = (SpinnerColumn(), TextColumn("{task.description}", markup=False), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=True) as bar:
        task = bar.add_task(printable(description), total=None)
        yield lambda text: bar.update(task, description=printable(text))


def is_big(file: Path) -> bool:
    """Files from :data:`PROGRESS_FROM_BYTES` on show a spinner."""
    return file.is_file() and file.stat().st_size >= PROGRESS_FROM_BYTES


def _run(
    file: Path,
    template: str | None,
    year: int | None,
    params: dict[str, str],
    last: dict[str, float],
    carry: Path | None = None,
) -> ValidationReport:
    err = console(err=True)
    big = is_big(file)
    with spinner(err, f"Kontrollerar {file.name} …", big) as say:
        return validate_workbook(
            file,
            template,
            year=year,
            params=params,
            last_year=last,
            progress=(lambda step: say(f"{file.name}: {step.lower()} …")) if big else None,
            carry_from=carry,
        )


def render(report: ValidationReport, fmt: ReportFormat) -> str:
    """The report in the chosen format."""
    if fmt is ReportFormat.JSON:
        return json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n"
    return to_html(report) if fmt is ReportFormat.HTML else to_text(report)


def validate(
    file: Annotated[Path, typer.Argument(help="Ifylld mall (.xlsx, .xlsm, .xls, .ods) eller CSV-fil.")],
    year: Annotated[
        int | None,
        typer.Option("--year", help="Mätåret, till exempel 2025 (annars mallens år).", min=1990, max=2100),
    ] = None,
    report: Annotated[
        ReportFormat, typer.Option("--report", help="Rapport: text, json eller html.")
    ] = ReportFormat.TEXT,
    mark: Annotated[
        bool,
        typer.Option(
            "--mark",
            help="Skriv en markerad kopia <namn>_kontrollerad.xlsx bredvid filen (en markerad kopia "
            "uppdateras på plats; motiveringar i en befintlig kopia förs över).",
        ),
    ] = False,
    template: Annotated[
        str | None, typer.Option("--template", help="Mallens id om filen inte anger det.")
    ] = None,
    period_start: Annotated[
        str | None,
        typer.Option("--period-start", help="Första dag i 14-dagarsperioden (ÅÅÅÅ-MM-DD), hemtjänst."),
    ] = None,
    last_year: Annotated[
        Path | None,
        typer.Option("--last-year", help='JSON med förra årets värden, till exempel {"U11401": 87.5}.'),
    ] = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Skriv rapporten till en fil i stället för skärmen.")
    ] = None,
    installning: SettingsOption = None,
    indikatorer: IndicatorsOption = None,
) -> None:
    """Kontrollera en ifylld mall: alla fel, varningar och upplysningar på en gång, med cell.

    Slutkod 0 utan fel, 1 när fel hittades, 2 när filen inte kunde läsas, den markerade kopian eller
    rapporten (--out) inte kunde skrivas eller anropet är fel.

    Exempel: kkik-xl validate placeringar.xlsx --year 2025 --report json --mark

    Exempel med inställning: kkik-xl validate lss.xlsx --installning lss_minsta_antal=3
    """
    err = console(err=True)
    try:
        params = settings_params(installning)
        use_indicators(indikatorer)
        if period_start:
            params["period_start"] = period_start
        carry = earlier_marked_copy(file) if mark else None
        result = _run(file, template, year, params, load_last_year(last_year), carry)
    except (ReadError, UsageError) as exc:
        error(exc.reason)
        raise typer.Exit(2) from None
    text = render(result, report)
    if out is not None:
        write_text(out, text)
    else:
        echo(text, nl=False)
    if mark:
        _mark(file, result, err, carry)
    raise typer.Exit(1 if result.has_errors else 0)


def earlier_marked_copy(file: Path) -> Path | None:
    """The existing marked copy of an original (its Motiveringar are carried into the new one)."""
    from kkik_xl.excel.marking import marked_path

    target = marked_path(file)
    return target if target != file and target.is_file() and file.suffix.lower() in MARKABLE else None


def _keep_earlier(carry: Path) -> None:
    """Copy the marked copy about to be replaced to ``…_tidigare.xlsx`` and say what happens."""
    from kkik_xl.atomic import write_bytes
    from kkik_xl.excel.marking import previous_path

    kept = previous_path(carry)
    write_bytes(kept, carry.read_bytes())
    say(
        f"{carry.name} fanns redan: dess motiveringar förs över till den nya markerade kopian (efter rad, "
        f"inte cell), och den tidigare kopian sparas som {kept.name} så att inget du skrivit i den går "
        "förlorat.",
        err=True,
    )


def _mark(file: Path, result: ValidationReport, err: Console, carry: Path | None = None) -> None:
    from kkik_xl.excel.marking import WORKING_FILE_SV, mark_workbook

    if file.suffix.lower() not in MARKABLE:
        say(f"Markerad kopia skrivs bara för .xlsx och .xlsm; {file.name} markerades inte.", err=True)
        return
    try:
        if carry is not None:
            _keep_earlier(carry)
        with spinner(err, f"{file.name}: skriver den markerade kopian …", is_big(file)):
            target = mark_workbook(file, result.findings)
    except WriteError as exc:
        _mark_failed(f"Den markerade kopian {exc.message}")
    except OSError as exc:  # reading the original for marking
        _mark_failed(f"{file} kunde inte läsas för markering: {reason_and_advice(exc)[0]}.")
    except Exception as exc:  # the writers are stricter than the reader: say so instead of a traceback
        _mark_failed(
            f"Den markerade kopian kunde inte skrivas: filen kunde inte öppnas för markering "
            f"({type(exc).__name__})."
        )
    done = "Markerad kopia (uppdaterad på plats)" if target == file else "Markerad kopia"
    say(f"{done}: {target}", err=True)
    say(WORKING_FILE_SV, err=True)


def _mark_failed(message: str) -> NoReturn:
    error(message)
    raise typer.Exit(2)


def register(app: typer.Typer) -> None:
    """Add ``validate`` to the CLI."""
    app.command("validate")(validate)
