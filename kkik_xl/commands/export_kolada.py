"""``kkik-xl export-kolada``: the rows to key into Kolada from verified submission files."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Annotated

import polars as pl
import typer

from kkik_xl.atomic import write_text
from kkik_xl.commands.submit import fail
from kkik_xl.coordinator.merge import MergeResult, merge
from kkik_xl.coordinator.presentation import SYNTHETIC_BANNER
from kkik_xl.coordinator.submissions import read_submission
from kkik_xl.submission.keys import KeyFileError, load_key_list
from kkik_xl.submission.kolada import kolada_rows, to_csv
from kkik_xl.sv_text import counted
from kkik_xl.terminal import say

ALLOW_SYNTHETIC = "--tillat-syntetiska"


def conflict_lines(result: MergeResult, outcome: str) -> list[str]:
    """``U11401 för 0180 år 2025: <explanation naming the files>`` for every conflict with ``outcome``."""
    conflicts = result.resolution.conflicts.filter(pl.col("utfall") == outcome)
    return [
        f"{r['kpi']} för {r['kommunkod']} år {r['år']}: {r['förklaring']}"
        for r in conflicts.iter_rows(named=True)
    ]


def problems_of(result: MergeResult, allow_synthetic: bool) -> list[str]:
    """Why nothing may be exported: rejected files, unresolved conflicts, synthetic data not allowed."""
    problems = [f"{name}: {reason}" for name, reason in result.rejected]
    problems += conflict_lines(result, "olöst")
    if not allow_synthetic:
        problems += [
            f"{name}: syntetisk inlämning (påhittade siffror), aldrig till Kolada. "
            f"Vill du ändå prova exporten, ange {ALLOW_SYNTHETIC}."
            for name in result.synthetic
        ]
    return problems


def export_kolada(
    files: Annotated[list[Path], typer.Argument(help="Inlämningsfiler (.kkik.json) eller kataloger.")],
    out: Annotated[Path, typer.Option("--out", help="CSV-filen som skrivs.")] = Path("kolada.csv"),
    keys: Annotated[
        Path | None, typer.Option("--keys", help="Samordnarens lista över publika nycklar.")
    ] = None,
    allow_synthetic: Annotated[
        bool,
        typer.Option(ALLOW_SYNTHETIC, help="Exportera även syntetiska demodata (filen märks syntetisk)."),
    ] = False,
) -> None:
    """Skriv raderna att mata in i Kolada: kpi;kommunkod;år;kön;värde, i katalogens ordning.

    Värdena avrundas som Kolada visar dem (antal decimaler från katalogen). Samma regel som merge:
    en senare, fullt signerad inlämning ersätter en äldre med annat värde. Filer som inte går att
    läsa (slutkod 2), vars kontrollsummor eller signaturer inte stämmer, olösta konflikter och
    syntetiska data (utan --tillat-syntetiska) stoppar exporten (slutkod 1); ingen fil skrivs då.
    Slutkod 2 också när CSV-filen inte kan skrivas (den gamla filen finns då kvar).

    Exempel: kkik-xl export-kolada inlamning/*.kkik.json --out kolada.csv
    """
    try:
        public = load_key_list(keys) if keys is not None else None
    except KeyFileError as err:
        raise fail(err.reason, 2) from None
    result = merge(files, partial(read_submission, keys=public))
    problems = problems_of(result, allow_synthetic)
    if problems:
        say(f"Ingen export: {len(problems)} problem.")
        for p in problems:
            say(f"  – {p}")
        raise typer.Exit(2 if result.unreadable else 1)
    merged = result.resolution.merged
    rows = kolada_rows(merged.select("kpi", "kommunkod", "år", "kön", "värde").iter_rows())
    write_text(out, to_csv(rows, synthetic=bool(result.synthetic)))
    say(f"Skrev {counted(len(rows), 'rad')} till {out}.")
    if result.synthetic:
        say(f"{SYNTHETIC_BANNER} Filen har kolumnen syntetisk och får aldrig matas in i Kolada.")
    for line in conflict_lines(result, "löst"):
        say(f"  Löst konflikt: {line}")
    for line in result.missing:
        say(f"  Inget värde (ingen rad): {line}")
    unsigned = sorted(set(merged.filter(~pl.col("fullt_signerad"))["fil"].to_list()))
    if unsigned:
        say(f"Obs! Inte fullständigt signerade: {', '.join(unsigned)}.")


def register(app: typer.Typer) -> None:
    """Add ``export-kolada`` to the CLI."""
    app.command("export-kolada")(export_kolada)
