"""Conflicts between submissions: the same (kommun, kpi, år, kön) with different values.

A conflict is resolved when one submission **supersedes** the others: it is strictly later than every
other submission giving a different value, and it is fully signed. Otherwise it stays unresolved and
the key is left out of the merged values (and listed, never dropped silently).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import polars as pl

from kkik_xl.coordinator.values import published_column

KEY = ["kommunkod", "kpi", "år", "kön"]
# Columns of the frame given to :func:`resolve`: one row per value per submission file.
ENTRY_SCHEMA: dict[str, Any] = {
    "fil": pl.String,
    "kommunkod": pl.String,
    "kpi": pl.String,
    "år": pl.Int64,
    "kön": pl.String,
    "värde": pl.Float64,
    "tid": pl.Datetime("us", "UTC"),
    "fullt_signerad": pl.Boolean,
}


@dataclass
class Resolution:
    """Merged values (one row per key) and the conflict report (one row per conflicting key)."""

    merged: pl.DataFrame
    conflicts: pl.DataFrame


def _explain(row: dict[str, object]) -> str:
    """Swedish sentence saying which submission won and why, or why none did."""
    others = ", ".join(str(x) for x in row["andra"])  # type: ignore[attr-defined]
    if row["löst"]:
        return (
            f"{row['vinnare']} ersätter {others}: den är senare ({row['senaste_tid']:%Y-%m-%d %H:%M} UTC) "
            "och fullt signerad."
        )
    if not row["senaste_unik"]:
        return f"Olöst: {row['vinnare']} och {others} har samma tid; ingen är senare. Värdet tas inte med."
    return (
        f"Olöst: den senaste ({row['vinnare']}) är inte fullt signerad, så den ersätter inte {others}. "
        "Värdet tas inte med."
    )


def resolve(entries: pl.DataFrame) -> Resolution:
    """Merge entries by key; keys with differing values are resolved by supersession or reported."""
    entries = entries.with_columns(pl.col("tid").fill_null(pl.datetime(1970, 1, 1, time_zone="UTC")))
    stats = entries.group_by(KEY).agg(
        pl.col("värde").n_unique().alias("_values"),
        pl.col("tid").max().alias("senaste_tid"),
        pl.col("fullt_signerad").any().alias("_any_signed"),
    )
    ranked = entries.join(stats, on=KEY).with_columns(
        (pl.col("tid") == pl.col("senaste_tid")).alias("_latest"),
    )
    latest_count = ranked.group_by(KEY).agg(pl.col("_latest").sum().alias("_n_latest"))
    ranked = ranked.join(latest_count, on=KEY)
    winners = ranked.filter(pl.col("_latest")).sort("fil").unique(subset=KEY, keep="first")
    winners = winners.with_columns(
        (pl.col("_n_latest") == 1).alias("senaste_unik"),
        ((pl.col("_values") == 1) | ((pl.col("_n_latest") == 1) & pl.col("fullt_signerad"))).alias("löst"),
    )
    # Equal values everywhere: the value counts as signed when any submission giving it is fully signed.
    signed = pl.when(pl.col("_values") == 1).then(pl.col("_any_signed")).otherwise(pl.col("fullt_signerad"))
    merged = winners.filter(pl.col("löst")).select(*KEY, "värde", "fil", signed.alias("fullt_signerad"))
    return Resolution(merged=merged.sort(KEY), conflicts=_report(ranked, winners))


def _report(ranked: pl.DataFrame, winners: pl.DataFrame) -> pl.DataFrame:
    """One row per conflicting key: all values by file, outcome and the Swedish explanation."""
    conflicting = winners.filter(pl.col("_values") > 1).select(
        *KEY, pl.col("fil").alias("vinnare"), "senaste_tid", "senaste_unik", "löst"
    )
    shown = ranked.with_columns(published_column(ranked, "värde").alias("_visat"))
    listed = (
        shown.join(conflicting.select(*KEY, "vinnare"), on=KEY)
        .sort("fil")
        .group_by(KEY)
        .agg(
            (pl.col("fil") + "=" + pl.col("_visat")).str.join("; ").alias("värden"),
            pl.col("fil").filter(pl.col("fil") != pl.col("vinnare")).alias("andra"),
        )
    )
    report = conflicting.join(listed, on=KEY)
    explanations = [_explain(r) for r in report.iter_rows(named=True)]
    return (
        report.with_columns(
            pl.when(pl.col("löst")).then(pl.lit("löst")).otherwise(pl.lit("olöst")).alias("utfall"),
            pl.Series("förklaring", explanations, dtype=pl.String),
            pl.when(pl.col("löst")).then(pl.col("vinnare")).otherwise(None).alias("vinnare"),
        )
        .select(*KEY, "värden", "utfall", "vinnare", "förklaring")
        .sort(KEY)
    )
