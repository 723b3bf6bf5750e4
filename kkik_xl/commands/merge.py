"""``kkik-xl merge``: merge submissions into values, completeness, conflicts and a list of rejects."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.commands.submit import fail
from kkik_xl.coordinator.merge import merge as merge_files
from kkik_xl.coordinator.merge_output import summary_lines, write_merge
from kkik_xl.coordinator.submissions import read_submission
from kkik_xl.submission.keys import KeyFileError, load_key_list
from kkik_xl.terminal import say


def merge(
    paths: Annotated[list[Path], typer.Argument(help="Inlämningar (.kkik.json) och kataloger med sådana.")],
    out: Annotated[Path, typer.Option("--out", help="Katalog för resultatet.")],
    keys: Annotated[
        Path | None, typer.Option("--keys", help="Samordnarens lista över publika nycklar (valfritt).")
    ] = None,
) -> None:
    """Slå ihop förvaltningarnas inlämningar: värden, fullständighet, konflikter och avvisade filer.

    Varje fil kontrolleras (schema, kontrollsummor, signaturer). En senare, fullt signerad inlämning
    ersätter en äldre med annat värde; annars är konflikten olöst och värdet tas inte med.
    Med --keys måste varje signatur vara gjord med en nyckel i samordnarens lista.

    Avslutas med kod 1 om någon fil avvisades eller en konflikt är olöst; resultatet skrivs ändå.
    Kod 2 när resultatet inte kan skrivas: då skrivs ingen av filerna.

    Exempel: kkik-xl merge inlamningar/ --out sammanstallning/
    """
    try:
        public = load_key_list(keys) if keys is not None else None
    except KeyFileError as err:
        raise fail(err.reason, 2) from None
    result = merge_files(paths, partial(read_submission, keys=public))
    written = write_merge(result, out)
    for line in summary_lines(result):
        say(line)
    say("Skrev " + ", ".join(p.name for p in written) + f" i {out}.")
    unresolved = result.resolution.conflicts.filter(result.resolution.conflicts["utfall"] == "olöst").height
    if result.rejected or unresolved:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    """Add ``merge`` to the CLI."""
    app.command("merge")(merge)
