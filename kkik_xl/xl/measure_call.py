"""The plain-Python core behind every ``KKIK_<KPI>`` worksheet function (no xlwings here).

Argument order is the contract of docs/arkitektur.md: ``Measure.inputs`` (whole Table columns), then
the year, then the template parameters. Quality measures take ``Antal platser`` and the 2-D block of
that year's quality columns instead of one argument per input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from kkik_xl.catalogue import CATALOGUE, Column, Measure, Table, Template
from kkik_xl.excel.convert import POLARS_DTYPES, CellProblem
from kkik_xl.excel.frames import empty_frame
from kkik_xl.measures import ENGINES, MeasureContext, MeasureResult
from kkik_xl.xl.convert import (
    FIRST_DATA_ROW,
    InputError,
    as_list,
    as_rows,
    build_frame,
    parse_parameter,
    parse_year,
)

QUALITY_BLOCK = "Kvalitetsblock"


def is_quality(measure: Measure) -> bool:
    """True for the quality-index measures fed by a Kvalitet table with yes/no aspect columns."""
    table = _table(measure)
    return table.quality_measure is not None and measure.inputs == ("Antal platser",)


def _table(measure: Measure) -> Table:
    return CATALOGUE.template(measure.template or "").table(measure.table or "")


def arg_name(label: str) -> str:
    """An ASCII identifier for a header (xlwings writes VBA wrappers; VBA names must be ASCII)."""
    ascii_text = unicodedata.normalize("NFKD", label).encode("ascii", "ignore").decode()
    name = re.sub(r"[^0-9a-zA-Z]+", "_", ascii_text).strip("_").lower()
    return name if name and name[0].isalpha() else f"a_{name}"


@dataclass(frozen=True)
class Signature:
    """The worksheet arguments of one measure: (name, Swedish description, is-2-D-block)."""

    measure: Measure
    template: Template
    args: tuple[tuple[str, str, bool], ...]


def signature(measure: Measure) -> Signature:
    """Arguments of ``KKIK_<KPI>`` generated from the catalogue."""
    template = CATALOGUE.template(measure.template or "")
    table = _table(measure)
    cols: list[tuple[str, str, bool]] = [
        (arg_name(h), f"Tabellkolumnen {table.name}[{h}]", False) for h in measure.inputs
    ]
    if is_quality(measure):
        cols.append((arg_name(QUALITY_BLOCK), "Årets kvalitetskolumner i tabellen (ett block)", True))
    cols.append(("ar", "Mätåret (KKIK_Ar)", False))
    cols += [(arg_name(p.name), f"{p.label} (KKIK_{p.name})", False) for p in template.parameters]
    return Signature(measure, template, tuple(cols))


def _first_problem(problems: Sequence[CellProblem]) -> str:
    first = min(problems, key=lambda p: p.pos)
    more = f" ({len(problems)} celler har fel)" if len(problems) > 1 else ""
    return f"Fel i rad {first.pos + FIRST_DATA_ROW}, kolumn {first.column}: {first.reason}{more}"


def _table_frame(measure: Measure, year: int, raw: Sequence[Any]) -> pl.DataFrame:
    table = _table(measure)
    columns: list[Column] = [table.column(h) for h in measure.inputs]
    data = [as_list(v) for v in raw[: len(measure.inputs)]]
    if is_quality(measure):
        aspects = table.columns_for_year(year)[len(table.columns) :]
        rows = as_rows(raw[len(measure.inputs)])
        if any(len(r) != len(aspects) for r in rows):
            raise InputError(
                f"Kvalitetsblocket ska ha {len(aspects)} kolumner för {year} "
                f"({', '.join(a.name for a in aspects)})."
            )
        columns += aspects
        data += [[r[i] for r in rows] for i in range(len(aspects))]
    frame, problems = build_frame(columns, data)
    if problems:
        raise InputError(_first_problem(problems))
    missing = [c for c in table.columns_for_year(year) if c.name not in frame.columns]
    return frame.with_columns(pl.lit(None, dtype=POLARS_DTYPES[c.type]).alias(c.name) for c in missing)


def compute(measure: Measure, args: Sequence[Any]) -> MeasureResult:
    """Compute ``measure`` from worksheet arguments; raises :class:`InputError` for bad input."""
    sig = signature(measure)
    if len(args) != len(sig.args):
        raise InputError(f"KKIK_{measure.kpi} ska ha {len(sig.args)} argument, fick {len(args)}.")
    n_data = len(sig.args) - 1 - len(sig.template.parameters)
    year = parse_year(args[n_data])
    params = {
        p.name: value
        for p, raw in zip(sig.template.parameters, args[n_data + 1 :], strict=True)
        if (value := parse_parameter(p, raw, year)) is not None
    }
    tables = {t.name: empty_frame(t.columns_for_year(year)) for t in sig.template.tables}
    tables[measure.table or ""] = _table_frame(measure, year, args[:n_data])
    if sig.template.id not in ENGINES:
        raise InputError(f"Beräkningen för {measure.kpi} är inte tillgänglig i denna version.")
    results = ENGINES[sig.template.id](tables, MeasureContext.first_half(year, **params))
    return next(r for r in results if r.kpi == measure.kpi)


def cell_value(measure: Measure, args: Sequence[Any]) -> float | str:
    """What the worksheet cell shows: the value, or a Swedish sentence saying why there is none."""
    try:
        result = compute(measure, args)
    except InputError as err:
        return err.reason
    if result.value is None:
        return f"Inget värde: {(result.reason or 'underlaget räcker inte').rstrip('.')}."
    return result.value
