"""Canonical checksums: input rows independent of row and column order, sensitive to every cell."""

from __future__ import annotations

from datetime import date
from typing import Any

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.submission.canonical import canonical_json, decimal_text, input_rows_checksum

KINDS: dict[str, tuple[Any, st.SearchStrategy[Any]]] = {
    "text": (pl.String, st.text(max_size=6)),
    "int": (pl.Int64, st.integers(min_value=-(2**40), max_value=2**40)),
    "decimal": (pl.Float64, st.floats(allow_nan=False, allow_infinity=False)),
    "janej": (pl.Boolean, st.booleans()),
    "date": (pl.Date, st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))),
}


@st.composite
def tables(draw: st.DrawFn) -> tuple[dict[str, str], list[dict[str, Any]]]:
    """Columns (name → kind) and rows of one typed table; cells may be empty (null)."""
    names = draw(st.lists(st.sampled_from(["Ärende", "Datum", "Belopp", "Ja", "Enhet", "B"]), min_size=1,
                          max_size=5, unique=True))  # fmt: skip
    kinds = {n: draw(st.sampled_from(sorted(KINDS))) for n in names}
    row = st.fixed_dictionaries({n: st.none() | KINDS[k][1] for n, k in kinds.items()})
    return kinds, draw(st.lists(row, min_size=1, max_size=8))


def _frame(kinds: dict[str, str], rows: list[dict[str, Any]], order: list[str] | None = None) -> pl.DataFrame:
    names = order or list(kinds)
    data = {n: [r[n] for r in rows] for n in names}
    frame = pl.DataFrame(data, schema={n: KINDS[kinds[n]][0] for n in names})
    return frame.with_columns(_row=pl.int_range(2, len(rows) + 2, dtype=pl.Int64))


@settings(max_examples=150, deadline=None)
@given(tables(), st.data())
def test_input_checksum_ignores_row_and_column_order(table: Any, data: st.DataObject) -> None:
    kinds, rows = table
    before = input_rows_checksum({"Placeringar": _frame(kinds, rows)})
    shuffled_rows = data.draw(st.permutations(rows))
    shuffled_cols = data.draw(st.permutations(list(kinds)))
    after = input_rows_checksum({"Placeringar": _frame(kinds, shuffled_rows, shuffled_cols)})
    assert before == after


def _differs(old: Any, new: Any) -> bool:
    if old is None or new is None:
        return (old is None) != (new is None)
    return bool(old != new)


@settings(max_examples=200, deadline=None)
@given(tables(), st.data())
def test_input_checksum_changes_when_any_cell_changes(table: Any, data: st.DataObject) -> None:
    kinds, rows = table
    before = input_rows_checksum({"Placeringar": _frame(kinds, rows)})
    i = data.draw(st.integers(0, len(rows) - 1))
    name = data.draw(st.sampled_from(sorted(kinds)))
    old = rows[i][name]
    new = data.draw((st.none() | KINDS[kinds[name]][1]).filter(lambda v: _differs(old, v)))
    changed = [dict(r) for r in rows]
    changed[i][name] = new
    assert input_rows_checksum({"Placeringar": _frame(kinds, changed)}) != before


def test_table_name_and_row_numbers() -> None:
    frame = pl.DataFrame({"a": [1, 2], "_row": [2, 3]})
    renumbered = frame.with_columns(_row=pl.Series([10, 11]))
    assert input_rows_checksum({"T": frame}) == input_rows_checksum({"T": renumbered})
    assert input_rows_checksum({"T": frame}) != input_rows_checksum({"U": frame})
    dup = pl.DataFrame({"a": [1, 1, 2], "_row": [2, 3, 4]})
    assert input_rows_checksum({"T": dup}) != input_rows_checksum({"T": frame}), "duplicates count"


def test_decimal_text_is_plain_and_exact() -> None:
    assert [decimal_text(v) for v in (1.0, 1, -0.0, 1e20, 1e-7, 0.1 + 0.2, 2.50)] == [
        "1", "1", "0", "100000000000000000000", "0.0000001", "0.30000000000000004", "2.5",
    ]  # fmt: skip
    assert canonical_json({"b": 1.0, "a": [1, "1", True]}) == canonical_json({"a": [1.0, "1", True], "b": 1})
    assert canonical_json({"a": 1}) != canonical_json({"a": "1"})
