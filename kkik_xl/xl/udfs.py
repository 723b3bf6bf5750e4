"""Worksheet functions for Excel (xlwings UDFs), generated from the catalogue.

``KKIK_<KPI>`` for every self-collected measure (arguments: ``Measure.inputs`` as whole Table columns,
then the year, then the template parameters; quality measures take ``Antal platser`` and the 2-D block
of the year's quality columns), plus ``KKIK_NASTA_VARDAG``, ``KKIK_ARBETSDAGAR``, ``KKIK_HELGDAG``,
``KKIK_PERSONNUMMER`` and ``KKIK_FARG``. Every function returns a Swedish sentence instead of raising.

xlwings reads type hints as converters, so the registered wrappers carry an explicit
``__signature__`` and no annotations; the typed cores live in :mod:`kkik_xl.xl.measure_call` and
:mod:`kkik_xl.xl.helpers`. Configure this module as ``UDF Modules`` = ``kkik_xl.xl.udfs``.
"""

from __future__ import annotations

import inspect
import logging
import traceback
from collections.abc import Callable, Sequence
from typing import Any

import xlwings as xw

from kkik_xl.catalogue import CATALOGUE, Measure
from kkik_xl.personnummer import mask_text
from kkik_xl.xl import helpers
from kkik_xl.xl.convert import InputError
from kkik_xl.xl.measure_call import cell_value, signature

CATEGORY = "KKiK"
LOG = logging.getLogger(__name__)


def guarded(name: str, core: Callable[..., Any], args: Sequence[Any]) -> Any:
    """``core(*args)``, with bad input and unexpected crashes turned into Swedish cell text."""
    try:
        return core(*args)
    except InputError as err:
        return err.reason
    except Exception as err:  # a cell must show a sentence, never a traceback
        LOG.error("%s failed:\n%s", name, mask_text(traceback.format_exc()))  # no personnummer in a log
        return f"Internt fel i {name} ({type(err).__name__}). Kör Validera för en fullständig kontroll."


def arity_error(name: str, least: int, most: int, got: int) -> str:
    """The Swedish sentence for a call with the wrong number of arguments (as the measure functions say)."""
    wanted = str(most) if least == most else f"{least}–{most}"
    return f"{name} ska ha {wanted} argument, fick {got}."


def register(
    name: str,
    core: Callable[..., Any],
    args: Sequence[tuple[str, str, int | None]],
    doc: str,
    *,
    optional: int = 0,
) -> Any:
    """An xlwings worksheet function ``name`` calling ``core`` with positional arguments.

    ``args`` holds (identifier, Swedish description, ndim) per argument; ndim 1 = a column, 2 = a block.
    The last ``optional`` arguments may be left out in Excel (they arrive as ``None``).
    """

    def udf(*values):  # type: ignore[no-untyped-def]
        if not len(args) - optional <= len(values) <= len(args):
            return arity_error(name, len(args) - optional, len(args), len(values))
        return guarded(name, core, values)

    udf.__name__ = udf.__qualname__ = name
    udf.__doc__ = doc[:255]
    udf.__annotations__ = {}
    first_optional = len(args) - optional
    params = [
        inspect.Parameter(
            a,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=None if i >= first_optional else inspect.Parameter.empty,
        )
        for i, (a, _, _) in enumerate(args)
    ]
    udf.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    func: Any = udf
    for arg, description, ndim in args:  # like stacked @xw.arg decorators: applied before @xw.func
        options: dict[str, Any] = {"doc": description}
        if ndim is not None:
            options["ndim"] = ndim
        func = xw.arg(arg, **options)(func)
    return xw.func(category=CATEGORY)(func)


def _measure_udf(measure: Measure) -> Any:
    sig = signature(measure)
    n_columns = len(measure.inputs)
    args = [
        (name, description, 2 if block else (1 if i < n_columns else None))
        for i, (name, description, block) in enumerate(sig.args)
    ]
    doc = f"{measure.title} ({measure.kpi}), preliminärt värde. Officiellt värde: Validera."
    return register(f"KKIK_{measure.kpi}", lambda *a: cell_value(measure, a), args, doc)


MEASURE_FUNCTIONS: dict[str, Any] = {
    f"KKIK_{m.kpi}": _measure_udf(m) for m in CATALOGUE.measures if m.self_collected
}
globals().update(MEASURE_FUNCTIONS)

KKIK_NASTA_VARDAG = register(
    "KKIK_NASTA_VARDAG",
    helpers.next_weekday,
    [("datum", "Ett datum", None)],
    "Datumet självt om det är en vardag, annars nästa vardag (svenska helgdagar).",
)
KKIK_ARBETSDAGAR = register(
    "KKIK_ARBETSDAGAR",
    helpers.working_days,
    [("start", "Startdatum (räknas inte)", None), ("slut", "Slutdatum (räknas)", None)],
    "Antal vardagar efter start till och med slut (svenska helgdagar).",
)
KKIK_HELGDAG = register(
    "KKIK_HELGDAG",
    helpers.holiday,
    [("datum", "Ett datum", None)],
    "Helgdagens namn (till exempel Juldagen), eller tom text om datumet inte är en helgdag.",
)
KKIK_PERSONNUMMER = register(
    "KKIK_PERSONNUMMER",
    helpers.looks_like_personnummer,
    [("text", "Text att kontrollera", None)],
    "SANT om texten ser ut som ett giltigt personnummer eller samordningsnummer.",
)
KKIK_FARG = register(
    "KKIK_FARG",
    helpers.colour,
    [
        ("kpi", "Nyckeltalets id, till exempel U11401", None),
        ("varde", "Kommunens värde", None),
        ("ar", "Referensår (tomt = senaste året i referensfilen)", None),
    ],
    "Trolig färg (grön, gul, röd) för värdet jämfört med övriga kommuners värden i referensfilen.",
    optional=1,
)

ALL_FUNCTIONS: dict[str, Any] = {
    **MEASURE_FUNCTIONS,
    "KKIK_NASTA_VARDAG": KKIK_NASTA_VARDAG,
    "KKIK_ARBETSDAGAR": KKIK_ARBETSDAGAR,
    "KKIK_HELGDAG": KKIK_HELGDAG,
    "KKIK_PERSONNUMMER": KKIK_PERSONNUMMER,
    "KKIK_FARG": KKIK_FARG,
}
