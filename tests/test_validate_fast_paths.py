"""The cheaper forms used on the validate path give exactly what the plain forms give."""

from __future__ import annotations

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.convert import distinct_expr, fast_expr, stripped, stripped_series
from kkik_xl.rules.duplicates import repeated_keys

BESOK = CATALOGUE.template("hemtjanst").table("Besok")
KIND = next(c for c in BESOK.columns if c.name == "Besökstyp")
JANEJ = next(
    c for t in CATALOGUE.templates for tab in t.tables for c in tab.columns if c.type.value == "ja/nej"
)
CHOICE_TEXTS = st.one_of(
    st.none(),
    st.sampled_from(["Omsorg", " omsorg ", "OMSORG", "Matleverans", "", "  ", "ja", "Nej", "JA ", "x", "1"]),
    st.text(max_size=6),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(CHOICE_TEXTS, max_size=30))
def test_distinct_expr_equals_fast_expr(values: list[str | None]) -> None:
    for column in (KIND, JANEJ):
        raw = pl.DataFrame({column.name: values}, schema={column.name: pl.String})
        plain = raw.select(fast_expr(column).alias(column.name))
        cheap = raw.select(distinct_expr(raw, column).alias(column.name))
        assert cheap.equals(plain)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["Omsorg", "Trygghetslarm", "Matleverans", None]), max_size=30))
def test_choices_spelt_as_in_the_catalogue_are_kept_as_they_are(values: list[str | None]) -> None:
    raw = pl.DataFrame({KIND.name: values}, schema={KIND.name: pl.String})
    expr = distinct_expr(raw, KIND)
    assert expr.meta.eq(pl.col(KIND.name))  # the column itself: no copy
    assert raw.select(expr).equals(raw.select(fast_expr(KIND).alias(KIND.name)))


TEXTS = st.one_of(
    st.none(),
    st.sampled_from(["", " ", "\t", "B001", " B001", "B001\u00a0", "\u3000", "a b", "Område 10"]),
    st.text(alphabet=st.sampled_from(" \t\n\u00a0\u2003ab1å"), max_size=6),
    st.text(max_size=8),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TEXTS, max_size=30))
def test_stripped_series_equals_stripped(values: list[str | None]) -> None:
    raw = pl.DataFrame({"x": values}, schema={"x": pl.String})
    cheap = stripped_series(raw.get_column("x"))
    assert cheap.name == "x"
    assert cheap.equals(raw.select(stripped("x")).to_series())


def _plain_duplicates(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    return (
        frame.lazy()
        .select("_row", *keys)
        .filter(pl.all_horizontal(pl.col(k).is_not_null() for k in keys))
        .with_columns(pl.col("_row").min().over(keys).alias("first"))
        .filter(pl.col("_row") != pl.col("first"))
        .select("_row", keys[0], "first")
        .collect()
    )


def _cheap_duplicates(frame: pl.DataFrame, keys: list[str]) -> pl.DataFrame:
    return (
        repeated_keys(frame, keys)
        .with_columns(pl.col("_row").min().over(keys).alias("first"))
        .filter(pl.col("_row") != pl.col("first"))
        .select("_row", keys[0], "first")
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "b", None]), st.sampled_from([1, 2, None])), max_size=40))
def test_hashed_duplicate_prefilter_keeps_every_repeat(rows: list[tuple[str | None, int | None]]) -> None:
    frame = pl.DataFrame(
        {"k": [r[0] for r in rows], "n": [r[1] for r in rows], "_row": list(range(2, len(rows) + 2))},
        schema={"k": pl.String, "n": pl.Int64, "_row": pl.Int64},
    )
    assert _cheap_duplicates(frame, ["k", "n"]).equals(_plain_duplicates(frame, ["k", "n"]))
