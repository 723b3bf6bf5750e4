"""Conflicts (same kommun, kpi, år, kön with different values), supersession and completeness."""

from __future__ import annotations

from datetime import UTC, datetime

import polars as pl

from kkik_xl.coordinator.completeness import FILE_SCHEMA, completeness, counts
from kkik_xl.coordinator.conflicts import ENTRY_SCHEMA, resolve


def at(day: int) -> datetime:
    return datetime(2026, 3, day, 12, 0, tzinfo=UTC)


def entries(*rows: tuple[str, str, float, datetime, bool]) -> pl.DataFrame:
    """Rows of (file, kpi, value, time, fully signed) for Ale 2025, gender T."""
    full = [(f, "1440", kpi, 2025, "T", v, t, s) for f, kpi, v, t, s in rows]
    return pl.DataFrame(full, schema=ENTRY_SCHEMA, orient="row")


def test_later_fully_signed_submission_supersedes_and_says_why() -> None:
    result = resolve(entries(("gammal", "U00412", 80.0, at(1), True), ("ny", "U00412", 85.0, at(5), True)))
    assert result.merged["värde"].to_list() == [85.0]
    row = result.conflicts.row(0, named=True)
    assert (row["utfall"], row["vinnare"]) == ("löst", "ny")
    assert row["förklaring"].startswith("ny ersätter gammal") and "fullt signerad" in row["förklaring"]
    assert row["värden"] == "gammal=80,0; ny=85,0"  # rounded as published, decimal comma


def test_later_but_unsigned_does_not_supersede() -> None:
    result = resolve(entries(("gammal", "U00412", 80.0, at(1), True), ("ny", "U00412", 85.0, at(5), False)))
    assert result.merged.is_empty()
    row = result.conflicts.row(0, named=True)
    assert row["utfall"] == "olöst" and row["vinnare"] is None
    assert "inte fullt signerad" in row["förklaring"] and "tas inte med" in row["förklaring"]


def test_older_signed_does_not_beat_a_later_value() -> None:
    result = resolve(entries(("ny", "U00412", 85.0, at(5), False), ("gammal", "U00412", 80.0, at(1), True)))
    assert result.conflicts["utfall"].to_list() == ["olöst"]


def test_same_time_is_an_unresolved_conflict() -> None:
    result = resolve(entries(("a", "U00412", 80.0, at(3), True), ("b", "U00412", 85.0, at(3), True)))
    assert result.merged.is_empty()
    assert "samma tid" in result.conflicts["förklaring"][0]


def test_equal_values_are_not_a_conflict_and_count_as_signed() -> None:
    result = resolve(entries(("a", "U00412", 80.0, at(1), True), ("b", "U00412", 80.0, at(4), False)))
    assert result.conflicts.is_empty()
    assert result.merged.select("värde", "fullt_signerad").row(0) == (80.0, True)


def test_other_keys_are_untouched_by_a_conflict() -> None:
    result = resolve(
        entries(
            ("a", "U00412", 80.0, at(1), True),
            ("b", "U00412", 85.0, at(5), False),
            ("a", "U00442", 70.0, at(1), True),
        )
    )
    assert result.merged["kpi"].to_list() == ["U00442"]
    assert result.conflicts["kpi"].to_list() == ["U00412"]


def test_completeness_statuses() -> None:
    files = pl.DataFrame(
        [
            ("forskola.kkik.json", "1440", 2025, "forskola", True, True),
            ("hemtjanst.kkik.json", "1440", 2025, "hemtjanst", True, False),
            ("sabo.kkik.json", "1440", 2025, "sarskilt-boende", False, False),
            ("trasig.kkik.json", None, None, None, False, False),
        ],
        schema=FILE_SCHEMA,
        orient="row",
    )
    values = pl.DataFrame({"fil": ["forskola.kkik.json", "hemtjanst.kkik.json"], "kpi": ["U11401", "U21401"]})
    matrix = completeness(files, values)
    status = dict(zip(matrix["kpi"], matrix["status"], strict=True))
    assert status["U11401"] == "finns"
    assert status["U11402"] == "saknas"  # the valid preschool file did not give it
    assert status["U21401"] == "osignerad"
    assert status["U23401"] == status["U23488"] == "ogiltig"
    assert status["U00412"] == "saknas"
    assert matrix.filter(pl.col("kpi") == "U23401")["filer"][0] == "sabo.kkik.json"
    assert set(matrix["förvaltning"]) >= {"Förskola", "Äldreomsorg"}
    total = counts(matrix)
    assert total["finns"] == 1 and total["osignerad"] == 1 and total["ogiltig"] == 2
    assert sum(total.values()) == matrix.height
