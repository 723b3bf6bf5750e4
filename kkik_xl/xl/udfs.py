"""Worksheet functions for Excel (xlwings UDFs), generated from the catalogue.

``KKIK_<KPI>`` for every self-collected measure (arguments: ``Measure.inputs`` as whole Table columns,
then the year, then the template parameters; quality measures take ``Antal platser`` and the 2-D block
of the year's quality columns), plus ``KKIK_NASTA_VARDAG``, ``KKIK_ARBETSDAGAR``, ``KKIK_HELGDAG``,
``KKIK_PERSONNUMMER`` and ``KKIK_FARG``. Every function returns a Swedish sentence instead of raising.

xlwings reads type hints as converters, so the registered wrappers carry an explicit
``__signature__`` and no annotations; the definitions (shared with the service) live in
:mod:`kkik_xl.xl.definitions`. Configure this module as ``UDF Modules`` = ``kkik_xl.xl.udfs``.
"""

from __future__ import annotations

import inspect
from typing import Any

import xlwings as xw

from kkik_xl.xl.definitions import DEFINITIONS, HELPERS, FunctionDef, call

CATEGORY = "KKiK"


def register(definition: FunctionDef) -> Any:
    """An xlwings worksheet function for ``definition`` (positional arguments, Swedish descriptions).

    ndim 1 = a column, 2 = a block; the last ``definition.optional`` arguments may be left out in
    Excel (they arrive as ``None``).
    """

    def udf(*values):  # type: ignore[no-untyped-def]
        return call(definition, values)

    name = definition.name
    udf.__name__ = udf.__qualname__ = name
    udf.__doc__ = definition.doc[:255]
    udf.__annotations__ = {}
    params = [
        inspect.Parameter(
            a,
            inspect.Parameter.POSITIONAL_OR_KEYWORD,
            default=None if i >= definition.least else inspect.Parameter.empty,
        )
        for i, (a, _, _) in enumerate(definition.args)
    ]
    udf.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
    func: Any = udf
    for arg, description, ndim in definition.args:  # like stacked @xw.arg decorators: before @xw.func
        options: dict[str, Any] = {"doc": description}
        if ndim is not None:
            options["ndim"] = ndim
        func = xw.arg(arg, **options)(func)
    return xw.func(category=CATEGORY)(func)


ALL_FUNCTIONS: dict[str, Any] = {name: register(d) for name, d in DEFINITIONS.items()}
MEASURE_FUNCTIONS: dict[str, Any] = {
    n: f for n, f in ALL_FUNCTIONS.items() if n not in {h.name for h in HELPERS}
}
globals().update(ALL_FUNCTIONS)
