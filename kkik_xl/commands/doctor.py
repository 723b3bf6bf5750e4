"""``kkik-xl doctor``: check this installation and print a Swedish checklist of what is missing."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Annotated

import typer

import kkik_xl
from kkik_xl.terminal import echo
from kkik_xl.xl import doctor_checks as dc

MARKS = {
    dc.Status.OK: "✓",
    dc.Status.FAIL: "✗",
    dc.Status.NOT_APPLICABLE: "–",
    dc.Status.OPTIONAL_MISSING: "○",
}
PLAIN_MARKS = {
    dc.Status.OK: "OK ",
    dc.Status.FAIL: "FEL",
    dc.Status.NOT_APPLICABLE: " - ",
    dc.Status.OPTIONAL_MISSING: " o ",
}


def run_checks(
    home: Path, environ: Mapping[str, str], *, windows: bool, templates: Path | None
) -> list[dc.Check]:
    """Every check, in the order they are printed."""
    return [
        dc.python_version(),
        dc.dependencies(),
        dc.worksheet_functions(),
        dc.xlwings_config(home, environ, windows),
        dc.addins(environ, windows),
        dc.templates(templates),
        dc.libreoffice(),
    ]


def _marks() -> Mapping[dc.Status, str]:
    """✓/✗ where the console can show them (a Windows console redirected to a file may not)."""
    try:
        "✓✗–○".encode(sys.stdout.encoding or "ascii")
    except (UnicodeEncodeError, LookupError):
        return PLAIN_MARKS
    return MARKS


def render(checks: Sequence[dc.Check], marks: Mapping[dc.Status, str] = MARKS) -> str:
    """The checklist as text, with a closing sentence."""
    lines = ["kkik-xl doctor: kontroll av installationen", ""]
    for check in checks:
        suffix = f" ({check.status.value})" if check.status is not dc.Status.OK else ""
        lines.append(f"{marks[check.status]} {check.title}{suffix}")
        if check.detail:
            lines.append(f"    {check.detail}")
        if check.fix and check.status is dc.Status.FAIL:
            lines.append(f"    Gör så här: {check.fix}")
    failed = sum(c.status is dc.Status.FAIL for c in checks)
    lines.append("")
    lines.append(
        "Alla nödvändiga delar är på plats."
        if not failed
        else f"{failed} nödvändiga delar saknas eller är fel (se ovan)."
    )
    return "\n".join(lines)


def _default_templates() -> Path:
    return Path(kkik_xl.__file__).resolve().parents[1] / "workbook_templates"


def doctor(
    utan_excel: Annotated[
        bool,
        typer.Option("--utan-excel", help="Excel-delarna är inte installerade (install.ps1 -UtanExcel)."),
    ] = False,
    mallar: Annotated[
        Path | None, typer.Option("--mallar", help="Mapp med mallarna (standard: workbook_templates).")
    ] = None,
) -> None:
    """Kontrollera installationen och skriv ut vad som saknas.

    Kontrollerar Python, paketversioner, KKIK_-funktionerna, mallarna och LibreOffice (valfritt).
    På Windows även xlwings inställningar och Excel-tilläggen; annars visas de som ej tillämpliga.
    Avslutar med 0 när allt nödvändigt finns, annars 1.

    Exempel: kkik-xl doctor
    """
    windows = sys.platform == "win32" and not utan_excel
    checks = run_checks(Path.home(), os.environ, windows=windows, templates=mallar or _default_templates())
    echo(render(checks, _marks()))
    if any(c.status is dc.Status.FAIL for c in checks):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``doctor`` to the CLI."""
    app.command("doctor")(doctor)
