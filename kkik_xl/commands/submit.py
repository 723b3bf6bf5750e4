"""``kkik-xl submit``: validate a workbook and write its submission file, or refuse with the reasons."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.commands.indicators_option import IndicatorsOption, use_indicators
from kkik_xl.commands.settings_option import SettingsOption, settings_params
from kkik_xl.computation import UsageError
from kkik_xl.coordinator.presentation import SYNTHETIC_BANNER
from kkik_xl.excel.marking import WORKING_FILE_SV, marked_path
from kkik_xl.excel.result import ReadError
from kkik_xl.rules.submittable import NOT_SUBMITTABLE, Refusal
from kkik_xl.submission.create import Refused, create_submission
from kkik_xl.submission.io import SubmissionError, save_submission
from kkik_xl.terminal import error, say, styled

MAX_SHOWN = 50


def fail(message: str, code: int) -> typer.Exit:
    """Print a Swedish error line on stderr and return the exit to raise."""
    error(message)
    return typer.Exit(code)


def submit(
    workbook: Annotated[Path, typer.Argument(help="Den ifyllda och validerade mallen (.xlsx eller .xlsm).")],
    out: Annotated[Path, typer.Option("--out", help="Mapp där inlämningsfilen skrivs.")] = Path("."),
    installning: SettingsOption = None,
    indikatorer: IndicatorsOption = None,
    syntetisk: Annotated[
        bool,
        typer.Option(
            "--syntetisk",
            help="Märk inlämningen som syntetisk (påhittade siffror för demo och test); "
            "den kan aldrig exporteras till Kolada.",
        ),
    ] = False,
) -> None:
    """Skapa inlämningsfilen <kommunkod>_<mall>_<år>.kkik.json från en ifylld mall.

    Vägrar (slutkod 1) så länge det finns fel eller varningar utan motivering, och listar dem.
    Filen innehåller värden, kontrollsummor och varningar med motiveringar, aldrig rådata.
    Slutkod 2 när arbetsboken inte kan läsas eller inte är en .xlsx/.xlsm-fil (.xls, .ods och CSV kan
    kontrolleras med validate men inte lämnas in), eller när inlämningsfilen inte kan skrivas.

    Beräkningsinställningar (--installning) sparas i filen och används av verify --workbook.

    Exempel: kkik-xl submit forskola_2025.xlsx --out inlamning

    Exempel med inställning: kkik-xl submit lss_2025.xlsx --installning lss_minsta_antal=3
    """
    try:
        settings = settings_params(installning)
        use_indicators(indikatorer)
    except UsageError as err:
        raise fail(err.reason, 2) from None
    removed: list[str] = []
    try:
        sub = create_submission(workbook, settings, synthetic=syntetisk, removed=removed)
    except ReadError as err:
        raise fail(err.reason, 2) from None
    except Refusal as err:  # a file format submit does not take is a usage error; the rest are findings
        raise fail(err.reason, 2 if err.code == NOT_SUBMITTABLE.code else 1) from None
    except UsageError as err:
        raise fail(err.reason, 1) from None
    except Refused as refused:
        _list_reasons(workbook, refused.reasons)
        raise typer.Exit(1) from None
    if removed:
        where = ", ".join(removed)
        say(f"Obs! Osynliga styrtecken (till exempel NUL eller riktningsändring) togs bort ur {where}.")
    try:
        path = save_submission(sub, out / sub.file_name())
    except SubmissionError as err:
        raise fail(err.reason, 2) from None
    defined = sum(m.value is not None for m in sub.measures)
    say(f"Skrev {path} ({defined} av {len(sub.measures)} mått med värde).")
    if sub.is_synthetic():
        say(f"{SYNTHETIC_BANNER} Inlämningen är märkt syntetisk.")
    say(f'Nästa steg: kkik-xl sign {path} --role registrerad --by "din roll"')


def _list_reasons(workbook: Path, reasons: list[str]) -> None:
    say(styled("Inlämningen skapades inte.", "bold red"), f" Åtgärda eller motivera först ({len(reasons)}):")
    for line in reasons[:MAX_SHOWN]:
        say(f"  – {line}")
    if len(reasons) > MAX_SHOWN:
        say(f"  … och {len(reasons) - MAX_SHOWN} till (se kkik-xl validate).")
    working = marked_path(workbook)
    if working != workbook and working.is_file():
        say(f"{WORKING_FILE_SV} Lämna in {working.name}: kkik-xl submit {working}")


def register(app: typer.Typer) -> None:
    """Add ``submit`` to the CLI."""
    app.command("submit")(submit)
