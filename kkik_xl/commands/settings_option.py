"""The ``--installning namn=värde`` option shared by ``validate`` and ``compute``: engine settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated

import typer

from kkik_xl.computation import UsageError
from kkik_xl.measures.settings import SETTINGS, SettingError, parse_setting

_KNOWN = "; ".join(f"{s.name} ({s.values}, standard {s.default})" for s in SETTINGS.values())

SettingsOption = Annotated[
    list[str] | None,
    typer.Option(
        "--installning",
        metavar="NAMN=VÄRDE",
        help=(
            f"Beräkningsinställning, kan anges flera gånger. Kända: {_KNOWN}. "
            "Exempel: --installning lss_minsta_antal=3 --installning negativa_vantetider=ta_med"
        ),
    ),
]


def settings_params(items: Sequence[str] | None) -> dict[str, str]:
    """``namn=värde`` pairs checked against the known settings, as parameter texts.

    Raises :class:`UsageError` (Swedish) for a pair without ``=``, an unknown name, a bad value or a
    name given twice.
    """
    out: dict[str, str] = {}
    for item in items or ():
        name, sep, text = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise UsageError(
                f"Inställningen {item!r} ska skrivas namn=värde, till exempel lss_minsta_antal=3."
            )
        if name in out:
            raise UsageError(f"Inställningen {name} anges flera gånger.")
        try:
            parse_setting(name, text)
        except SettingError as err:
            raise UsageError(err.reason) from None
        out[name] = text.strip()
    return out
