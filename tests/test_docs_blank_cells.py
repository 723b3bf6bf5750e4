"""docs/definitioner.md, "Tomma celler": what a blank cell does, as the catalogue and the engines do it."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from frames import context, typed_frame

from kkik_xl.catalogue import CATALOGUE, ColumnType, Measure
from kkik_xl.excel.example_rows import example_rows
from kkik_xl.measures import ENGINES, MeasureResult
from kkik_xl.parsing import parse_janej

DOC = Path(__file__).parent.parent / "docs" / "definitioner.md"
ASPECT = "(varje kvalitetsaspekt)"
DROPPED, NO_VALUE = "raden räknas inte", "inget värde"


def _rows() -> list[tuple[str, str, str]]:
    text = DOC.read_text(encoding="utf-8").split("## Tomma celler", 1)[1]
    found = re.findall(r"^\| (U[^|]+?) \| ([^|]+?) \| ([^|]+?) \|$", text, flags=re.M)
    return [(kpi, col, effect) for kpis, col, effect in found for kpi in kpis.split(", ")]


ROWS = _rows()


def _aspects(m: Measure) -> list[str]:
    table = CATALOGUE.template(m.template or "").table(m.table or "")
    return [c.name for c in table.columns_for_year(2025)][len(table.columns) :]


def test_every_column_a_measure_reads_has_a_row() -> None:
    documented = {(kpi, col) for kpi, col, _ in ROWS}
    needed = set()
    for m in CATALOGUE.measures:
        if m.self_collected:
            needed |= {(m.kpi, col) for col in m.inputs}
            needed |= {(m.kpi, ASPECT)} if _aspects(m) else set()
    assert needed == documented


@pytest.mark.parametrize(("kpi", "column", "effect"), ROWS)
def test_the_catalogue_says_the_same(kpi: str, column: str, effect: str) -> None:
    m = CATALOGUE.measure(kpi)
    assert m.all_rows == any(e.startswith(NO_VALUE) for k, _, e in ROWS if k == kpi), kpi
    if column == ASPECT:
        table = CATALOGUE.template(m.template or "").table(m.table or "")
        assert {c.blank_means for c in table.columns_for_year(2025)[len(table.columns) :]} == {effect}
        return
    col = CATALOGUE.template(m.template or "").table(m.table or "").column(column)
    if effect == DROPPED or effect.startswith(NO_VALUE):
        assert col.blank_means is None or effect.startswith(NO_VALUE), column
    else:
        assert col.blank_means == effect, column


def _typed(kpi: str) -> dict[str, pl.DataFrame]:
    m = CATALOGUE.measure(kpi)
    template = CATALOGUE.template(m.template or "")
    frames = {}
    for table in template.tables:
        rows: list[dict[str, Any]] = example_rows(template, table, 2025, n=60)
        for row in rows:
            for c in table.columns_for_year(2025):
                if c.type is ColumnType.JANEJ and isinstance(row.get(c.name), str):
                    row[c.name] = parse_janej(row[c.name])
        frames[table.name] = typed_frame(template.id, table.name, rows)
    return frames


def _result(kpi: str, frames: dict[str, pl.DataFrame]) -> MeasureResult:
    m = CATALOGUE.measure(kpi)
    return next(r for r in ENGINES[m.template or ""](frames, context(2025)) if r.kpi == kpi)


def _blanked(frames: dict[str, pl.DataFrame], table: str, column: str, row: int) -> dict[str, pl.DataFrame]:
    frame = frames[table]
    blank = pl.when(pl.int_range(pl.len()) == row).then(None).otherwise(pl.col(column)).alias(column)
    return frames | {table: frame.with_columns(blank)}


def _missing(result: MeasureResult) -> int:
    """Rows left out because a cell is missing (U21401 counts visits, not only used rows)."""
    return sum(n for reason, n in result.excluded.items() if "saknas" in reason)


@pytest.mark.parametrize(("kpi", "column", "effect"), [r for r in ROWS if r[1] != ASPECT])
def test_the_engine_does_it(kpi: str, column: str, effect: str) -> None:
    m = CATALOGUE.measure(kpi)
    frames = _typed(kpi)
    table = m.table or ""
    base = _result(kpi, frames)
    candidates = range(frames[table].height)
    if column == "Sekunder till person":  # needed only for a call a person answered
        candidates = [i for i in candidates if frames[table].get_column("Besvarat av person")[i]]
    outcomes = [_result(kpi, _blanked(frames, table, column, i)) for i in candidates]
    if effect.startswith(NO_VALUE):
        assert base.value is not None
        assert all(r.value is None and r.reason for r in outcomes), column
    elif effect == DROPPED or f"räknas inte i {kpi}" in effect:
        assert any(r.rows_used < base.rows_used or _missing(r) > _missing(base) for r in outcomes), column
    else:
        assert all(r.rows_used == base.rows_used for r in outcomes), column
