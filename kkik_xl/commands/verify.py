"""``kkik-xl verify``: check a submission's schema, checksums and signatures, optionally its workbook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.commands.indicators_option import IndicatorsOption, use_indicators
from kkik_xl.commands.submit import fail
from kkik_xl.computation import UsageError
from kkik_xl.excel.result import ReadError
from kkik_xl.submission.io import SubmissionError, load_submission
from kkik_xl.submission.keys import KeyFileError, PublicKeys, load_key_list
from kkik_xl.submission.model import ROLE_SV
from kkik_xl.submission.signing import is_fully_signed
from kkik_xl.submission.verify import compare_with_workbook, verify_submission
from kkik_xl.sv_text import counted
from kkik_xl.terminal import say


def verify(
    file: Annotated[Path, typer.Argument(help="Inlämningsfilen (.kkik.json).")],
    workbook: Annotated[
        Path | None, typer.Option("--workbook", help="Arbetsboken som inlämningen skapades från.")
    ] = None,
    keys: Annotated[
        Path | None, typer.Option("--keys", help="Samordnarens lista över publika nycklar.")
    ] = None,
    indikatorer: IndicatorsOption = None,
) -> None:
    """Kontrollera en inlämningsfil: format, kontrollsummor och signaturer.

    Med --workbook räknas varje värde om från arbetsbokens rader och jämförs, liksom mallens
    fingeravtryck och kontrollsumman för indataraderna. Slutkod 0 när allt stämmer, 1 vid avvikelser,
    2 när en fil inte kan läsas.

    Exempel: kkik-xl verify 0180_forskola_2025.kkik.json --workbook forskola_2025.xlsx
    """
    try:
        sub = load_submission(file)
        public: PublicKeys | None = load_key_list(keys) if keys is not None else None
        use_indicators(indikatorer)
    except (SubmissionError, KeyFileError) as err:
        raise fail(str(err), 2) from None
    except UsageError as err:
        raise fail(err.reason, 2) from None
    problems = verify_submission(sub, public)
    if workbook is not None:
        try:
            problems += compare_with_workbook(sub, workbook)
        except ReadError as err:
            raise fail(err.reason, 2) from None
        except UsageError as err:
            problems.append(err.reason)
    if problems:
        say(f"{file.name}: {counted(len(problems), 'avvikelse')}.")
        for p in problems:
            say(f"  – {p}")
        raise typer.Exit(1)
    roles = ", ".join(f"{ROLE_SV[s.role]} ({s.by})" for s in sub.signatures) or "inga"
    status = "fullständigt signerad" if is_fully_signed(sub) else "inte fullständigt signerad"
    checked = " Alla värden stämmer med arbetsboken." if workbook is not None else ""
    say(f"{file.name}: kontrollsummor och signaturer stämmer.{checked}")
    say(f"Signaturer: {roles} – {status}.")
    if keys is None and any(s.ed25519 for s in sub.signatures):
        say("Nyckelsignaturerna kontrollerades inte; ange samordnarens nyckellista med --keys.")


def register(app: typer.Typer) -> None:
    """Add ``verify`` to the CLI."""
    app.command("verify")(verify)
