"""``kkik-xl sign``: add a sign-off (registrerad → kontrollerad → godkänd) to a submission file."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.commands.submit import fail
from kkik_xl.personnummer import contains_personnummer
from kkik_xl.submission.io import SubmissionError, load_submission, save_submission
from kkik_xl.submission.keys import KeyFileError, load_private_key
from kkik_xl.submission.model import ROLE_SV, ROLES_TEXT, parse_role
from kkik_xl.submission.signing import SigningError, next_role, sign
from kkik_xl.terminal import say
from kkik_xl.textsafe import strip_unsafe


def sign_command(
    file: Annotated[Path, typer.Argument(help="Inlämningsfilen (.kkik.json).")],
    role: Annotated[str, typer.Option("--role", help=f"{ROLES_TEXT.capitalize()} (godkand går också).")],
    by: Annotated[str, typer.Option("--by", help="Din roll eller ditt namn, till exempel ”controller”.")],
    key: Annotated[
        Path | None,
        typer.Option(
            "--key",
            envvar="KKIK_XL_NYCKEL",
            help="Privat nyckel från kkik-xl keys create (valfritt).",
        ),
    ] = None,
) -> None:
    """Signera en inlämningsfil i en roll (fyra ögon: en person per roll, i ordning).

    Tre roller i ordningen registrerad → kontrollerad → godkänd; inlämningen är fullständigt
    signerad när alla tre har signerat. Rollen får skrivas med valfria versaler. Samma person får
    inte signera två roller, och en ändring av innehållet efter en signatur gör signaturen ogiltig.
    Slutkod 1 när signaturen inte är tillåten, 2 när filen inte kan läsas eller skrivas.

    Exempel: kkik-xl sign 0180_forskola_2025.kkik.json --role kontrollerad --by "controller"
    """
    chosen = parse_role(role)
    if chosen is None:
        raise fail(f"Rollen {role!r} finns inte; ange {ROLES_TEXT}.", 2)
    try:
        sub = load_submission(file)
        private = load_private_key(key) if key is not None else None
    except (SubmissionError, KeyFileError) as err:
        raise fail(str(err), 2) from None
    by = strip_unsafe(by)  # a submission never holds control or direction characters (text_check)
    if contains_personnummer(by):
        raise fail(
            "Namnet i --by innehåller ett personnummer eller samordningsnummer. Det sparas i filen: "
            "skriv bara ditt namn eller din roll.",
            2,
        )
    try:
        signed = sign(sub, chosen, by, key=private)
    except SigningError as err:
        raise fail(err.reason, 1) from None
    try:
        save_submission(signed, file)
    except SubmissionError as err:
        raise fail(err.reason, 2) from None
    following = next_role(signed)
    say(f"Signerade {file.name} som {ROLE_SV[chosen]} ({by.strip()}).")
    if following is None:
        say("Inlämningen är nu fullständigt signerad och kan skickas till samordnaren.")
    else:
        say(f"Nästa signatur: {ROLE_SV[following]}, av en annan person (tre roller behövs).")


def register(app: typer.Typer) -> None:
    """Add ``sign`` to the CLI."""
    app.command("sign")(sign_command)
