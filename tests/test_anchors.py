"""Row anchors: stable across runs and library versions, independent of the row's position."""

from __future__ import annotations

from datetime import date, time

import polars as pl

from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.anchors import RowIndex, anchor_row_hash, make_anchor, row_hashes


def _frame(rows: list[int]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "Enhet": ["Solen", "Månen"],
            "Datum": [date(2025, 3, 5), None],
            "Tid": [time(7, 30), time(22, 0)],
            "Antal": [1.5, 2.0],
            "Ja/Nej": [True, False],
            "_row": rows,
            "_invalid": [False, True],
        }
    )


def test_a_row_hash_depends_on_the_values_not_the_position() -> None:
    first, moved = row_hashes(_frame([2, 3])), row_hashes(_frame([7, 4]))
    assert first[2] == moved[7] and first[3] == moved[4] and first[2] != first[3]


def test_row_hashes_are_pinned_so_that_saved_anchors_keep_matching() -> None:
    # A change here (a polars cast that writes dates or floats differently) would orphan every saved
    # Motivering: keep the text form, or migrate saved anchors.
    assert row_hashes(_frame([2, 3])) == {2: "79ee2337f401", 3: "09ecdc97dcee"}


def test_only_warnings_and_infos_on_table_rows_get_anchors() -> None:
    index = RowIndex({"Blad": _frame([2, 3])})
    w, e, i = Severity.WARNING, Severity.ERROR, Severity.INFO
    findings = [
        Finding(code="KKIK-DA-001", severity=w, message="x", sheet="Blad", row=2, column="Datum"),
        Finding(code="KKIK-VA-001", severity=e, message="x", sheet="Blad", row=3, column="Datum"),
        Finding(code="KKIK-ST-004", severity=w, message="x", sheet="Blad", measure="U11401"),
        Finding(code="KKIK-DA-001", severity=i, message="x", sheet="Annat", row=2, column="Datum"),
    ]
    anchors = [f.anchor for f in index.anchored(findings)]
    expected = make_anchor("KKIK-DA-001", "Datum", row_hashes(_frame([2, 3]))[2])
    assert anchors == [expected, None, None, None]
    assert anchor_row_hash(expected) == row_hashes(_frame([2, 3]))[2]
    assert index.row_exists("Blad", expected) and not index.row_exists("Annat", expected)
