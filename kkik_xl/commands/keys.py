"""``kkik-xl keys create``: an ed25519 key pair for optional key signatures on sign-offs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.commands.submit import fail
from kkik_xl.kommuner import all_municipalities, lookup
from kkik_xl.submission.keys import create_key
from kkik_xl.submission.model import ROLE_SV, ROLES_TEXT, parse_role
from kkik_xl.terminal import say

keys_app = typer.Typer(
    help='Nycklar för signaturer (valfritt).\n\nExempel: kkik-xl keys create --by "controller" --kommun 1440',
    no_args_is_help=True,
)

DEFAULT_DIR = Path.home() / ".kkik-xl" / "nycklar"


def municipality_code(text: str) -> str | None:
    """The SCB code of a municipality given by code (``1440``, ``114``) or name (``Ale``)."""
    found = lookup(text) or next(
        (k for k in all_municipalities() if k.namn.casefold() == text.strip().casefold()), None
    )
    return found.kod if found else None


@keys_app.command("create")
def create(
    by: Annotated[str, typer.Option("--by", help="Rollen eller namnet som nyckeln tillhör.")],
    kommun: Annotated[str, typer.Option("--kommun", help="Kommunkoden (eller namnet) för nyckeln.")],
    roll: Annotated[
        str | None, typer.Option("--roll", help=f"Bara en roll: {ROLES_TEXT} (annars alla roller).")
    ] = None,
    out: Annotated[Path, typer.Option("--out", help="Mapp för nyckelfilerna.")] = DEFAULT_DIR,
) -> None:
    """Skapa ett nyckelpar: en privat nyckel (för kkik-xl sign --key) och en rad till samordnaren.

    Nyckeln gäller bara för den kommun som anges med --kommun (och, med --roll, bara för den rollen):
    en signatur med nyckeln på en annan kommuns inlämning avvisas. Den privata nyckeln stannar hos dig.
    Skicka raden i .pub.txt-filen till samordnaren, som lägger den i sin nyckellista (kkik-xl verify --keys).

    Exempel: kkik-xl keys create --by "controller" --kommun 1440 --roll kontrollerad --out nycklar
    """
    if not by.strip():
        raise fail("Ange vem nyckeln tillhör med --by.", 2)
    code = municipality_code(kommun)
    if code is None:
        raise fail(f"{kommun!r} är ingen kommun. Ange kommunkoden, till exempel --kommun 1440.", 2)
    role = parse_role(roll) if roll else None
    if roll and role is None:
        raise fail(f"Rollen {roll!r} finns inte; ange {ROLES_TEXT}.", 2)
    private, public = create_key(by.strip(), out, code, role)
    say(f"Privat nyckel: {private} (dela den aldrig).")
    scope = f"kommun {code}" + (f", bara som {ROLE_SV[role]}" if role else ", alla roller")
    say(f"Rad till samordnarens nyckellista ({scope}): {public}")
    say(public.read_text(encoding="utf-8").strip())


def register(app: typer.Typer) -> None:
    """Add ``keys`` to the CLI."""
    app.add_typer(keys_app, name="keys")
