"""Dates the reader built from numbers outside Excel's calendar, turned back into their serials.

calamine converts a date-formatted number such as ``20250305`` (a date pasted as ÅÅÅÅMMDD) into the
date 57343-06-13 without complaint; no rule can compare or print such a date. Every date before
the first day of the workbook's date system or after 9999-12-31 is found here (one vectorised
filter per column) and given back as the serial the user typed, for :mod:`kkik_xl.parsing` to say why
it is refused.
"""

from __future__ import annotations

from datetime import date, datetime

import polars as pl

from kkik_xl.catalogue import Column, ColumnType
from kkik_xl.excel.convert import POS

_UNIX_SERIAL = 25_569  # 1970-01-01 in the 1900 date system
_DAY_MS = 86_400_000


def _bounds(column: Column, date1904: bool) -> tuple[date, date]:
    first = date(1904, 1, 1) if date1904 else date(1900, 1, 1)
    if column.type is ColumnType.DATETIME:
        return datetime(first.year, 1, 1), datetime(9999, 12, 31, 23, 59, 59, 999_000)
    return first, date(9999, 12, 31)


def out_of_range(raw: pl.DataFrame, column: Column, *, date1904: bool) -> list[tuple[int, float | int]]:
    """``(position, serial)`` of the column's dates outside 1900-01-01 (1904-01-01)…9999-12-31."""
    if column.type not in (ColumnType.DATE, ColumnType.DATETIME):
        return []
    x = pl.col(column.name)
    if raw.schema[column.name] not in (pl.Date, pl.Datetime):
        return []
    first, last = _bounds(column, date1904)
    hits = raw.select(POS, x).filter((x < first) | (x > last))
    if hits.height == 0:
        return []
    ms = pl.col(column.name).cast(pl.Datetime("ms")).cast(pl.Int64)
    serial = ms / _DAY_MS + (_UNIX_SERIAL - (1462 if date1904 else 0))
    if not date1904:  # calamine counts the serials before Excel's fictitious 1900-02-29 one day later
        serial = pl.when(serial < 61).then(serial - 1).otherwise(serial)
    return [(int(p), _plain(s)) for p, s in hits.select(POS, serial).iter_rows()]


def _plain(serial: float) -> float | int:
    """A whole serial as an int, so that it is shown as the user typed it (20250305, not 20250305.0)."""
    return int(serial) if serial.is_integer() and abs(serial) < 2**53 else serial
