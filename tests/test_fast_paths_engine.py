"""The engines' cheaper forms (integer reasons in ``split``, staff counted as categories) give
exactly what the plain forms give."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, time

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.measures import common as c
from kkik_xl.measures import hemtjanst as h

REASONS = ["a", "b", "a", "c"]  # "a" twice: counted once, at its first place


def _plain_split(frame: pl.DataFrame, rules: Sequence[c.Rule]) -> c.Split:
    """The former ``split``: the reason as text on every row."""
    reason_expr = pl.lit(None, dtype=pl.String)
    for reason, expr in reversed([(c.INVALID, pl.col(c.INVALID_COL)), *rules]):
        reason_expr = pl.when(expr.fill_null(False)).then(pl.lit(reason)).otherwise(reason_expr)
    marked = frame.with_columns(reason_expr.alias(c.REASON))
    counts = dict(marked.get_column(c.REASON).drop_nulls().value_counts().iter_rows())
    order = [c.INVALID, *(reason for reason, _ in rules)]
    excluded = {reason: int(counts[reason]) for reason in order if reason in counts}
    return c.Split(marked.filter(pl.col(c.REASON).is_null()).drop(c.REASON), excluded)


ROWS = st.lists(
    st.tuples(st.booleans(), st.sampled_from([0, 1, 2, 3, None]), st.sampled_from(["x", "y", None])),
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(ROWS, st.permutations(range(4)))
def test_split_equals_the_text_reason_split(
    rows: list[tuple[bool, int | None, str | None]], perm: list[int]
) -> None:
    frame = pl.DataFrame(
        {"_invalid": [r[0] for r in rows], "n": [r[1] for r in rows], "s": [r[2] for r in rows]},
        schema={"_invalid": pl.Boolean, "n": pl.Int64, "s": pl.String},
    )
    exprs = [pl.col("n") == 0, pl.col("n") < 2, pl.col("s") == "x", pl.col("s").is_null()]
    rules = [(REASONS[i], exprs[p]) for i, p in enumerate(perm)]
    plain, cheap = _plain_split(frame, rules), c.split(frame, rules)
    assert list(cheap.excluded.items()) == list(plain.excluded.items())
    assert cheap.used.equals(plain.used)
    assert c.split(frame, rules, keep=["s"]).used.equals(plain.used.select("s"))


def _plain_staff(visits: pl.DataFrame) -> pl.DataFrame:
    return visits.group_by(h.WHO).agg(pl.col(h.STAFF).n_unique().alias("staff")).sort(h.WHO)


VISITS = st.lists(
    st.tuples(
        st.sampled_from(["R1", "R2", "R3"]),
        st.integers(0, 3),
        st.sampled_from([time(8), time(12), time(17)]),
        st.sampled_from(["P1", "P2", "p1", "P1 ", "Å"]),
        st.sampled_from(["Norr", "Söder", None]),
    ),
    min_size=1,
    max_size=40,
)


@settings(max_examples=200, deadline=None)
@given(VISITS)
def test_recipients_count_distinct_staff_as_text_does(
    rows: list[tuple[str, int, time, str, str | None]],
) -> None:
    visits = pl.DataFrame(
        {
            h.WHO: [r[0] for r in rows],
            h.BORN: [1940] * len(rows),
            h.DAY: [date(2025, 10, 1 + r[1]) for r in rows],
            h.START: [r[2] for r in rows],
            h.STAFF: [r[3] for r in rows],
            h.GROUP: [r[4] for r in rows],
        }
    )
    people = h._recipients(visits, 2025)
    assert people.select(h.WHO, "staff").equals(_plain_staff(visits))
