"""The rules' cheaper scans find exactly what the plain patterns find."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.personnummer import candidate_expr
from kkik_xl.rules.id_spaces import WHITESPACE
from kkik_xl.rules.personal_data import _candidates


def test_whitespace_list_is_what_the_pattern_matches_on_every_code_point() -> None:
    chars = pl.Series("c", [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF])
    by_pattern = chars.str.contains(r"\s")
    by_list = chars.str.contains_any(list(WHITESPACE))
    assert by_pattern.sum() == len(WHITESPACE)
    assert by_list.equals(by_pattern)


CELLS = st.one_of(
    st.none(),
    st.sampled_from(["19121212-1212", "121212+1212", "ring 191212121212 nu", "Område 10", "B000001"]),
    st.text(alphabet=st.sampled_from("0123456789-+ a٣"), max_size=16),
    st.text(max_size=12),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CELLS, max_size=30))
def test_short_texts_skipped_before_the_pattern_change_nothing(values: list[str | None]) -> None:
    frame = pl.DataFrame(
        {"x": values, "_row": range(2, len(values) + 2)}, schema={"x": pl.String, "_row": pl.Int64}
    )
    plain = frame.filter(candidate_expr("x")).select("_row", "x")
    assert _candidates(frame, "x", pl.String()).equals(plain)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-(10**13), 10**13)), max_size=30))
def test_small_whole_numbers_skipped_before_the_pattern_change_nothing(values: list[int | None]) -> None:
    frame = pl.DataFrame(
        {"x": values, "_row": range(2, len(values) + 2)}, schema={"x": pl.Int64, "_row": pl.Int64}
    )
    plain = frame.filter(candidate_expr("x")).select("_row", pl.col("x").cast(pl.String))
    assert _candidates(frame, "x", pl.Int64()).equals(plain)
