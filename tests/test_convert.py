"""The vectorised fast path agrees with the single-value parsers, and every failing cell is reported."""

from __future__ import annotations

from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.catalogue import Column, ColumnType
from kkik_xl.excel.convert import convert_text_frame, fast_expr, single_parser
from kkik_xl.parsing import ParseError, is_blank

COLUMNS = [
    Column(name="D", type=ColumnType.DATE, help="x"),
    Column(name="T", type=ColumnType.TIME, help="x"),
    Column(name="DT", type=ColumnType.DATETIME, help="x"),
    Column(name="I", type=ColumnType.INT, help="x"),
    Column(name="F", type=ColumnType.DECIMAL, help="x"),
    Column(name="J", type=ColumnType.JANEJ, help="x"),
    Column(name="C", type=ColumnType.CHOICE, help="x", choices=("Omsorg", "Matleverans")),
]

cell_text = st.one_of(
    st.text(max_size=20),
    st.text("0123456789-:., T", max_size=19),
    st.dates().map(str),
    st.times().map(lambda t: t.strftime("%H:%M")),
    st.sampled_from(["Ja", "nej", "omsorg", "MATLEVERANS", "1,5", "7.30", "2025-02-30", "24:00"]),
)


def _single(column: Column, text: str) -> Any:
    try:
        return single_parser(column)(text)
    except ParseError:
        return None


@settings(max_examples=300, deadline=None)
@given(st.lists(cell_text, min_size=1, max_size=8))
def test_fast_path_is_a_subset_of_the_single_parsers(cells: list[str]) -> None:
    for column in COLUMNS:
        fast = pl.DataFrame({column.name: cells}).select(fast_expr(column)).to_series().to_list()
        for text, value in zip(cells, fast, strict=True):
            if value is not None:
                assert _single(column, text) == value, (column.type, text)


@settings(max_examples=200, deadline=None)
@given(st.lists(cell_text, min_size=1, max_size=8))
def test_every_non_empty_cell_is_typed_or_reported(cells: list[str]) -> None:
    raw = pl.DataFrame({c.name: cells for c in COLUMNS})
    typed, problems = convert_text_frame(raw, COLUMNS)
    reported = {(p.pos, p.column) for p in problems}
    for column in COLUMNS:
        values = typed.get_column(column.name).to_list()
        for pos, (text, value) in enumerate(zip(cells, values, strict=True)):
            if not is_blank(text):
                assert (value is None) == ((pos, column.name) in reported)
                assert value == _single(column, text)


def test_rescued_and_reported_cells() -> None:
    raw = pl.DataFrame({"I": ["1 940", "1,5", "", None], "T": ["7.30", "25:00", " ", "08:00"]})
    typed, problems = convert_text_frame(raw, [COLUMNS[3], COLUMNS[1]])
    assert typed.get_column("I").to_list() == [1940, None, None, None]
    assert [str(t) if t else None for t in typed.get_column("T").to_list()] == [
        "07:30:00",
        None,
        None,
        "08:00:00",
    ]
    assert [(p.pos, p.column, p.value) for p in problems] == [(1, "I", "1,5"), (1, "T", "25:00")]
