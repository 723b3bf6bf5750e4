"""``kkik-xl synthetic``: write the seeded synthetic national dataset (for demo and tests)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.coordinator.synthetic import write_synthetic
from kkik_xl.terminal import say


def synthetic(
    out: Annotated[Path, typer.Option("--out", help="Fil (.csv eller .json) eller katalog.")] = Path("."),
    year: Annotated[int, typer.Option("--year", help="Sista året; tre år skrivs.")] = 2025,
    seed: Annotated[int, typer.Option("--seed", help="Slumpfrö: samma frö ger samma data.")] = 2026,
) -> None:
    """Skriv ett SYNTETISKT nationellt dataset: alla 290 kommuner, tre år, alla mått i katalogen.

    Siffrorna är påhittade och märkta "syntetisk" i filnamn, kolumn och rapporter.

    Använd dem aldrig som riktiga värden.

    Exempel: kkik-xl synthetic --out demo/ --year 2025
    """
    path = write_synthetic(out, year, seed)
    say(f"Skrev syntetiska data (inte riktiga värden) till {path}.")


def register(app: typer.Typer) -> None:
    """Add ``synthetic`` to the CLI."""
    app.command("synthetic")(synthetic)
