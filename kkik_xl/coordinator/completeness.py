"""Completeness matrix: template/department × measure → finns, saknas, osignerad or ogiltig.

One row per (kommun, år, template measure) for every municipality and year seen among the files.
``finns``: a valid, fully signed submission gives the value; ``osignerad``: only submissions that are
not fully signed give it; ``ogiltig``: only rejected files for that template exist; ``saknas``: nothing.
"""

from __future__ import annotations

from typing import Any

import polars as pl

from kkik_xl.catalogue import CATALOGUE

PRESENT, MISSING, UNSIGNED, INVALID = "finns", "saknas", "osignerad", "ogiltig"
# Columns of the files frame: one row per file read (valid or rejected).
FILE_SCHEMA: dict[str, Any] = {
    "fil": pl.String,
    "kommunkod": pl.String,
    "år": pl.Int64,
    "mall": pl.String,
    "giltig": pl.Boolean,
    "fullt_signerad": pl.Boolean,
}


def catalogue_grid() -> pl.DataFrame:
    """Every self-collected measure with its template and department, in catalogue order."""
    rows = [
        (t.id, t.department, m.kpi, m.short_title, i)
        for i, m in enumerate(CATALOGUE.measures)
        for t in CATALOGUE.templates
        if m.template == t.id
    ]
    return pl.DataFrame(
        rows, schema=["mall", "förvaltning", "kpi", "mått", "_order"], orient="row"
    ).with_columns(pl.col("_order").cast(pl.Int64))


def completeness(files: pl.DataFrame, values: pl.DataFrame) -> pl.DataFrame:
    """The matrix as a long frame; ``values`` has ``fil`` and ``kpi`` for every value of a valid file."""
    scopes = files.filter(pl.col("kommunkod").is_not_null() & pl.col("år").is_not_null())
    pairs = scopes.select("kommunkod", "år").unique()
    grid = pairs.join(catalogue_grid(), how="cross")
    given = values.join(files.select("fil", "kommunkod", "år", "fullt_signerad"), on="fil")
    by_measure = given.group_by("kommunkod", "år", "kpi").agg(
        pl.col("fullt_signerad").any().alias("_signed"),
        pl.col("fil").unique().sort().str.join(", ").alias("filer"),
    )
    invalid = (
        scopes.filter(~pl.col("giltig") & pl.col("mall").is_not_null())
        .group_by("kommunkod", "år", "mall")
        .agg(pl.col("fil").unique().sort().str.join(", ").alias("_ogiltiga"))
    )
    out = grid.join(by_measure, on=["kommunkod", "år", "kpi"], how="left").join(
        invalid, on=["kommunkod", "år", "mall"], how="left"
    )
    status = (
        pl.when(pl.col("_signed"))
        .then(pl.lit(PRESENT))
        .when(pl.col("_signed").is_not_null())
        .then(pl.lit(UNSIGNED))
        .when(pl.col("_ogiltiga").is_not_null())
        .then(pl.lit(INVALID))
        .otherwise(pl.lit(MISSING))
    )
    return (
        out.with_columns(
            status.alias("status"), pl.coalesce("filer", "_ogiltiga").fill_null("").alias("filer")
        )
        .sort("kommunkod", "år", "_order")
        .select("kommunkod", "år", "förvaltning", "mall", "kpi", "mått", "status", "filer")
    )


def counts(matrix: pl.DataFrame) -> dict[str, int]:
    """How many measures have each status (for the CLI summary)."""
    found = dict(matrix.group_by("status").len().iter_rows())
    return {s: int(found.get(s, 0)) for s in (PRESENT, UNSIGNED, INVALID, MISSING)}
