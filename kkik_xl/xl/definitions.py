"""The worksheet functions as plain Python, shared by every front end (no xlwings here).

One definition per ``KKIK_*`` function: its name, the typed core, the arguments (identifier, Swedish
description, ndim: 1 = a column, 2 = a block, None = one value), the Swedish description and how many
trailing arguments may be left out. :mod:`kkik_xl.xl.udfs` registers them as xlwings UDFs, the service
(:mod:`kkik_xl.server.functions`) calls them over HTTP. :func:`call` is the one way to run one: bad
input and unexpected crashes become a Swedish sentence, never a traceback.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from kkik_xl.catalogue import CATALOGUE, Measure
from kkik_xl.personnummer import mask_text
from kkik_xl.xl import helpers
from kkik_xl.xl.convert import InputError
from kkik_xl.xl.measure_call import cell_value, signature

LOG = logging.getLogger(__name__)
PREFIX = "KKIK_"


@dataclass(frozen=True)
class FunctionDef:
    """One worksheet function: ``core(*args)`` with ``args`` described for the front ends."""

    name: str
    core: Callable[..., Any]
    args: tuple[tuple[str, str, int | None], ...]
    doc: str
    optional: int = 0

    @property
    def least(self) -> int:
        """The number of arguments that must be given."""
        return len(self.args) - self.optional


def arity_error(name: str, least: int, most: int, got: int) -> str:
    """The Swedish sentence for a call with the wrong number of arguments (as the measure functions say)."""
    wanted = str(most) if least == most else f"{least}–{most}"
    return f"{name} ska ha {wanted} argument, fick {got}."


def guarded(name: str, core: Callable[..., Any], args: Sequence[Any]) -> Any:
    """``core(*args)``, with bad input and unexpected crashes turned into Swedish cell text."""
    try:
        return core(*args)
    except InputError as err:
        return err.reason
    except Exception as err:  # a cell must show a sentence, never a traceback
        LOG.error("%s failed:\n%s", name, mask_text(traceback.format_exc()))  # no personnummer in a log
        return f"Internt fel i {name} ({type(err).__name__}). Kör Validera för en fullständig kontroll."


def call(definition: FunctionDef, values: Sequence[Any]) -> Any:
    """What the cell shows for ``definition`` called with ``values`` (missing optionals are ``None``)."""
    name, most = definition.name, len(definition.args)
    if not definition.least <= len(values) <= most:
        return arity_error(name, definition.least, most, len(values))
    padded = [*values, *([None] * (most - len(values)))]
    return guarded(name, definition.core, padded)


def _measure(measure: Measure) -> FunctionDef:
    sig = signature(measure)
    n_columns = len(measure.inputs)
    args = tuple(
        (name, description, 2 if block else (1 if i < n_columns else None))
        for i, (name, description, block) in enumerate(sig.args)
    )
    doc = f"{measure.title} ({measure.kpi}), preliminärt värde. Officiellt värde: Validera."
    return FunctionDef(f"{PREFIX}{measure.kpi}", lambda *a: cell_value(measure, a), args, doc)


HELPERS = (
    FunctionDef(
        "KKIK_NASTA_VARDAG",
        helpers.next_weekday,
        (("datum", "Ett datum", None),),
        "Datumet självt om det är en vardag, annars nästa vardag (svenska helgdagar).",
    ),
    FunctionDef(
        "KKIK_ARBETSDAGAR",
        helpers.working_days,
        (("start", "Startdatum (räknas inte)", None), ("slut", "Slutdatum (räknas)", None)),
        "Antal vardagar efter start till och med slut (svenska helgdagar).",
    ),
    FunctionDef(
        "KKIK_HELGDAG",
        helpers.holiday,
        (("datum", "Ett datum", None),),
        "Helgdagens namn (till exempel Juldagen), eller tom text om datumet inte är en helgdag.",
    ),
    FunctionDef(
        "KKIK_PERSONNUMMER",
        helpers.looks_like_personnummer,
        (("text", "Text att kontrollera", None),),
        "SANT om texten ser ut som ett giltigt personnummer eller samordningsnummer.",
    ),
    FunctionDef(
        "KKIK_FARG",
        helpers.colour,
        (
            ("kpi", "Nyckeltalets id, till exempel U11401", None),
            ("varde", "Kommunens värde", None),
            ("ar", "Referensår (tomt = senaste året i referensfilen)", None),
        ),
        "Trolig färg (grön, gul, röd) för värdet jämfört med övriga kommuners värden i referensfilen.",
        optional=1,
    ),
)

DEFINITIONS: dict[str, FunctionDef] = {
    d.name: d for d in (*(_measure(m) for m in CATALOGUE.measures if m.self_collected), *HELPERS)
}


def find(name: str) -> FunctionDef | None:
    """The definition named ``name``, with or without the ``KKIK_`` prefix, in any case."""
    upper = name.strip().upper()
    return DEFINITIONS.get(upper if upper.startswith(PREFIX) else PREFIX + upper)
