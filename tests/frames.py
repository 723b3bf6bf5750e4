"""Build typed contract frames (catalogue headers, ``_row``, ``_invalid``) for engine and rule tests.

Usage::

    frame = typed_frame("forskola", "Placeringar", [{"Önskat placeringsdatum": date(2025, 1, 7), ...}])

Missing columns become nulls; ``_row`` numbers start at 2 (header in row 1) unless a row gives ``_row``;
a row may set ``"_invalid": True``. Unknown keys raise, so a misspelt header cannot pass silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import polars as pl

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.measures.common import DTYPES
from kkik_xl.measures.result import MeasureContext

YEAR = 2025


def typed_frame(
    template_id: str, table: str, rows: Sequence[Mapping[str, Any]], *, year: int = YEAR
) -> pl.DataFrame:
    """A contract frame for ``table`` of ``template_id`` holding ``rows`` (dicts by header)."""
    columns = CATALOGUE.template(template_id).table(table).columns_for_year(year)
    schema = {col.name: DTYPES[col.type] for col in columns}
    for i, row in enumerate(rows):
        unknown = set(row) - set(schema) - {"_row", "_invalid"}
        if unknown:
            raise KeyError(f"rad {i}: okända kolumner {sorted(unknown)}")
    data: dict[str, list[Any]] = {name: [row.get(name) for row in rows] for name in schema}
    data["_row"] = [row.get("_row", i + 2) for i, row in enumerate(rows)]
    data["_invalid"] = [bool(row.get("_invalid", False)) for row in rows]
    return pl.DataFrame(data, schema=schema | {"_row": pl.Int64(), "_invalid": pl.Boolean()})


def context(year: int = YEAR, **params: Any) -> MeasureContext:
    """The default first-half context for ``year``."""
    return MeasureContext.first_half(year, **params)


def d(text: str) -> date:
    """``date.fromisoformat`` shortcut for readable test rows."""
    return date.fromisoformat(text)
