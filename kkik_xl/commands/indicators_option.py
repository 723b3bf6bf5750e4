"""The ``--indikatorer FIL`` option: the coordinator's list of quality indicators (U23488, U28423).

Shared by ``template``, ``validate``, ``compute``, ``submit`` and ``verify``. The file replaces the
shipped list of the year (``kkik_xl/catalogue/indicators/<år>.toml``) for the whole command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.catalogue.indicator_files import IndicatorFileError, use_file
from kkik_xl.computation import UsageError

IndicatorsOption = Annotated[
    Path | None,
    typer.Option(
        "--indikatorer",
        metavar="FIL",
        help=(
            "Samordnarens lista över kvalitetsaspekter för särskilt boende (U23488) och LSS (U28423), "
            "TOML eller JSON i samma format som kkik-xl:s lista (se docs/definitioner.md). "
            "Ersätter årets lista i mallar, kontroll, beräkning och inlämning."
        ),
    ),
]


def use_indicators(path: Path | None, year: int | None = None) -> None:
    """Put the coordinator's file in force (or the shipped lists when ``path`` is None).

    Raises :class:`UsageError` with the Swedish reason when the file cannot be used.
    """
    try:
        use_file(path, year)
    except IndicatorFileError as err:
        raise UsageError(err.reason) from None
