"""``kkik-xl keys create``: an ed25519 key pair for optional key signatures on sign-offs."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.submission.keys import create_key
from kkik_xl.terminal import say

keys_app = typer.Typer(
    help='Nycklar för signaturer (valfritt).\n\nExempel: kkik-xl keys create --by "controller"',
    no_args_is_help=True,
)

DEFAULT_DIR = Path.home() / ".kkik-xl" / "nycklar"


@keys_app.command("create")
def create(
    by: Annotated[str, typer.Option("--by", help="Rollen eller namnet som nyckeln tillhör.")],
    out: Annotated[Path, typer.Option("--out", help="Mapp för nyckelfilerna.")] = DEFAULT_DIR,
) -> None:
    """Skapa ett nyckelpar: en privat nyckel (för kkik-xl sign --key) och en rad till samordnaren.

    Den privata nyckeln stannar hos dig. Skicka raden i .pub.txt-filen till samordnaren, som lägger
    den i sin nyckellista (kkik-xl verify --keys).

    Exempel: kkik-xl keys create --by "controller" --out nycklar
    """
    if not by.strip():
        say("Fel: ange vem nyckeln tillhör med --by.", err=True)
        raise typer.Exit(2)
    private, public = create_key(by.strip(), out)
    say(f"Privat nyckel: {private} (dela den aldrig).")
    say(f"Rad till samordnarens nyckellista: {public}")
    say(public.read_text(encoding="utf-8").strip())


def register(app: typer.Typer) -> None:
    """Add ``keys`` to the CLI."""
    app.add_typer(keys_app, name="keys")
