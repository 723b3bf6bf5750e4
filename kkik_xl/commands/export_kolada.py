"""``kkik-xl export-kolada``: the rows to key into Kolada from verified submission files."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.atomic import write_text
from kkik_xl.commands.submit import fail
from kkik_xl.submission.io import SubmissionError, load_submission
from kkik_xl.submission.keys import KeyFileError, PublicKeys, load_key_list
from kkik_xl.submission.kolada import kolada_rows, to_csv
from kkik_xl.submission.model import Submission
from kkik_xl.submission.signing import is_fully_signed
from kkik_xl.submission.verify import verify_submission
from kkik_xl.terminal import say


def _load_all(files: list[Path], public: PublicKeys | None) -> tuple[list[Submission], list[str]]:
    subs: list[Submission] = []
    problems: list[str] = []
    for path in files:
        try:
            sub = load_submission(path)
        except SubmissionError as err:
            problems.append(f"{path.name}: {err.reason}")
            continue
        problems += [f"{path.name}: {p}" for p in verify_submission(sub, public)]
        if sub.is_synthetic():
            problems.append(f"{path.name}: syntetisk inlämning (påhittade siffror), aldrig till Kolada.")
        subs.append(sub)
    return subs, problems


def export_kolada(
    files: Annotated[list[Path], typer.Argument(help="Inlämningsfiler (.kkik.json).")],
    out: Annotated[Path, typer.Option("--out", help="CSV-filen som skrivs.")] = Path("kolada.csv"),
    keys: Annotated[
        Path | None, typer.Option("--keys", help="Samordnarens lista över publika nycklar.")
    ] = None,
) -> None:
    """Skriv raderna att mata in i Kolada: kpi;kommunkod;år;kön;värde, i katalogens ordning.

    Värdena avrundas som Kolada visar dem (antal decimaler från katalogen). Filer som inte går att
    läsa eller vars kontrollsummor eller signaturer inte stämmer stoppar exporten (slutkod 1).
    Slutkod 2 när CSV-filen inte kan skrivas (den gamla filen finns då kvar).

    Exempel: kkik-xl export-kolada inlamning/*.kkik.json --out kolada.csv
    """
    try:
        public = load_key_list(keys) if keys is not None else None
    except KeyFileError as err:
        raise fail(err.reason, 2) from None
    subs, problems = _load_all(files, public)
    export = kolada_rows(subs)
    problems += export.conflicts
    if problems:
        say(f"Ingen export: {len(problems)} problem.")
        for p in problems:
            say(f"  – {p}")
        raise typer.Exit(1)
    write_text(out, to_csv(export.rows))
    say(f"Skrev {len(export.rows)} rader till {out}.")
    for line in export.missing:
        say(f"  Inget värde (ingen rad): {line}")
    unsigned = [f.name for f, s in zip(files, subs, strict=True) if not is_fully_signed(s)]
    if unsigned:
        say(f"Obs! Inte fullständigt signerade: {', '.join(unsigned)}.")


def register(app: typer.Typer) -> None:
    """Add ``export-kolada`` to the CLI."""
    app.command("export-kolada")(export_kolada)
