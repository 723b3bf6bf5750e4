"""Seeded, synthetic example rows for a template (for pictures, previews and real-client tests).

Rows are typed Python values (``date``, ``time``, ``datetime``, ``int``, ``float``, ``str`` or
``None``), keyed by the catalogue headers, and deliberately hit the edges the measures care about:
weekends and holidays, dates outside the period, thresholds of ages and optional blanks. Never real data.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from kkik_xl.catalogue import Column, ColumnType, Table, Template

Row = dict[str, object]
_JA_SHARE = {  # exclusion flags are mostly Nej, so that the measures have rows to count
    "Ensamkommande": 0.1,
    "Endast ekonomiskt bistånd": 0.1,
    "Omprövning": 0.15,
    "Återaktualiserad inom ett år": 0.25,
}


def _window(template: Template, year: int) -> tuple[date, int]:
    """First date and length in days of the window the first date column is drawn from."""
    if template.id == "ungdomar":
        return date(year - 1, 12, 1) - timedelta(days=365), 240
    if template.id == "hemtjanst":
        return date(year, 9, 28), 20
    return date(year - 1, 12, 10), 220


def _dates(rng: random.Random, cols: list[Column], start: date, span: int) -> dict[str, date | None]:
    """Ordered dates across the row's date columns (e.g. wished ≤ offered)."""
    out: dict[str, date | None] = {}
    current = start + timedelta(days=rng.randrange(span))
    for i, col in enumerate(cols):
        if i:
            current += timedelta(days=rng.choice([0, 0, 1, 2, 3, 5, 8, 13, 21, 40]))
        out[col.name] = None if not col.required and rng.random() < 0.1 else current
    return out


def _int(rng: random.Random, col: Column, year: int) -> int:
    low = int(col.min_value if col.min_value is not None else 0)
    high = int(col.max_value if col.max_value is not None else 100)
    if col.name == "Födelseår":
        return rng.randint(year - 100, year - 55)
    if col.name == "Ålder vid avslut":
        return rng.randint(11, 22)
    if col.name == "Antal platser":
        return rng.randint(4, 60)
    if col.name == "Sekunder till person":
        return rng.choice([5, 20, 45, 60, 61, 90, 150])
    return rng.randint(low, high)


def _value(rng: random.Random, col: Column, i: int, year: int, previous: float | None) -> object:
    t = col.type
    if not col.required and t is not ColumnType.DATETIME and rng.random() < 0.15:
        return None
    if t is ColumnType.INT:
        return _int(rng, col, year)
    if t is ColumnType.DECIMAL:
        return round(rng.uniform(0.0, previous), 2) if previous else round(rng.uniform(100, 50_000), 2)
    if t is ColumnType.TIME:
        return time(rng.randint(5, 23), rng.choice([0, 15, 30, 45]))
    if t is ColumnType.JANEJ:
        return "Ja" if rng.random() < _JA_SHARE.get(col.name, 0.7) else "Nej"
    if t is ColumnType.CHOICE:
        return col.choices[0] if rng.random() < 0.6 else rng.choice(col.choices)
    if col.is_id:
        return f"L{(i * 7919) % 10_000:04d}" if col.name != "Personal" else f"P{rng.randint(1, 12):02d}"
    return f"{col.name} {rng.randint(1, 4)}"


def _datetimes(rng: random.Random, cols: list[Column], year: int) -> dict[str, datetime | None]:
    sent = datetime(year, 3, 1, 8) + timedelta(hours=rng.randrange(0, 24 * 60))
    answered = sent + timedelta(hours=rng.choice([1, 5, 20, 30, 50, 70, 100]))
    values = [sent, None if rng.random() < 0.15 else answered]
    return {c.name: v for c, v in zip(cols, values, strict=False)}


def example_rows(template: Template, table: Table, year: int, n: int = 40, seed: int = 2025) -> list[Row]:
    """``n`` synthetic rows for ``table`` of ``template`` (same seed, same rows)."""
    rng = random.Random(f"{seed}-{template.id}-{table.name}")
    columns = table.columns_for_year(year)
    date_cols = [c for c in columns if c.type is ColumnType.DATE]
    dt_cols = [c for c in columns if c.type is ColumnType.DATETIME]
    start, span = _window(template, year)
    rows = []
    for i in range(n):
        row: Row = {**_dates(rng, date_cols, start, span), **_datetimes(rng, dt_cols, year)}
        previous: float | None = None
        for col in columns:
            if col.name in row:
                continue
            value = _value(rng, col, i, year, previous)
            row[col.name] = value
            if col.type is ColumnType.DECIMAL and isinstance(value, float):
                previous = value
        rows.append(_consistent({c.name: row[c.name] for c in columns}))
    return rows


def _consistent(row: Row) -> Row:
    """A test call nobody answered has no seconds and no direct answer; an answered one has seconds."""
    if row.get("Besvarat av person") == "Nej":
        return row | {"Sekunder till person": None, "Direkt svar": "Nej"}
    if "Sekunder till person" in row and row["Sekunder till person"] is None:
        return row | {"Sekunder till person": 61}
    return row
