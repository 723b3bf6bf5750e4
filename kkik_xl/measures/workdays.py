"""Vectorised working-day lookups: a per-date frame from :class:`SwedishCalendar`, joined onto rows."""

from __future__ import annotations

from datetime import date, timedelta

import polars as pl

from kkik_xl.calendar_se import MAX_YEAR, MIN_YEAR, SwedishCalendar

FIRST, LAST = date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)
SLACK_DAYS = 40  # covers the longest run of non-weekdays plus a few working days


def day_table(calendar: SwedishCalendar, start: date, end: date) -> pl.DataFrame:
    """One row per date in ``[start, end + slack]`` (clipped to 1990–2100).

    Columns: ``date``, ``is_weekday``, ``next_weekday`` (the date itself when a weekday) and
    ``ordinal`` (weekdays counted from ``start``, inclusive).
    """
    start, end = max(start, FIRST), min(end + timedelta(days=SLACK_DAYS), LAST)
    dates = pl.date_range(start, max(start, end), interval="1d", eager=True).alias("date")
    flags = pl.Series("is_weekday", [calendar.is_weekday(d) for d in dates.to_list()], dtype=pl.Boolean)
    return pl.DataFrame([dates, flags]).with_columns(
        pl.when(pl.col("is_weekday"))
        .then(pl.col("date"))
        .fill_null(strategy="backward")
        .alias("next_weekday"),
        pl.col("is_weekday").cast(pl.Int64).cum_sum().alias("ordinal"),
    )


def table_for(frame: pl.DataFrame, column: str, calendar: SwedishCalendar) -> pl.DataFrame:
    """The day table covering every date in ``frame[column]`` (a minimal one when all are empty)."""
    values = frame.get_column(column).drop_nulls()
    if values.len() == 0:
        return day_table(calendar, FIRST, FIRST)
    low, high = values.min(), values.max()
    assert isinstance(low, date) and isinstance(high, date)
    return day_table(calendar, low, high)


def with_next_weekday(
    frame: pl.DataFrame, column: str, out: str, days: pl.DataFrame, *, ordinal: str | None = None
) -> pl.DataFrame:
    """Add ``out`` = next weekday on or after ``frame[column]`` (null outside ``days``).

    ``days`` is a :func:`day_table` covering the column. With ``ordinal`` also add that weekday's
    ordinal (for :func:`with_added_weekdays` on the same ``days``).
    """
    lookup = days.select(pl.col("date").alias(column), pl.col("next_weekday").alias(out))
    joined = frame.join(lookup, on=column, how="left", maintain_order="left")
    if ordinal is None:
        return joined
    ords = days.select(pl.col("date").alias(out), pl.col("ordinal").alias(ordinal))
    return joined.join(ords, on=out, how="left", maintain_order="left")


def with_added_weekdays(
    frame: pl.DataFrame, ordinal: str, n: int, out: str, days: pl.DataFrame
) -> pl.DataFrame:
    """Add ``out`` = the weekday ``n`` weekdays after the weekday whose ordinal is ``frame[ordinal]``."""
    weekdays = days.filter(pl.col("is_weekday")).select(
        (pl.col("ordinal") - n).alias(ordinal), pl.col("date").alias(out)
    )
    return frame.join(weekdays, on=ordinal, how="left", maintain_order="left")
