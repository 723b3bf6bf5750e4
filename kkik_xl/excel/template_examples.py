"""Example rows for filling a template: ``examples/<template>/*.csv`` when present, else synthetic rows."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from kkik_xl.catalogue import ColumnType, Template
from kkik_xl.excel.example_rows import Row, example_rows


def _frame_rows(frame: pl.DataFrame, template: Template, table_name: str, year: int) -> list[Row]:
    table = template.table(table_name)
    janej = {c.name for c in table.columns_for_year(year) if c.type is ColumnType.JANEJ}
    headers = [c.name for c in table.columns_for_year(year) if c.name in frame.columns]
    rows: list[Row] = []
    for rec in frame.select(headers).to_dicts():
        for name in janej & rec.keys():
            value = rec[name]
            rec[name] = None if value is None else ("Ja" if value else "Nej")
        rows.append(rec)
    return rows


def rows_from_examples(template: Template, year: int, examples_dir: Path) -> dict[str, list[Row]] | None:
    """Rows per table read (with the reader) from ``examples_dir/<template.id>/*.csv``; ``None`` if absent."""
    folder = examples_dir / template.id
    files = sorted(folder.glob("*.csv")) if folder.is_dir() else []
    if not files:
        return None
    from kkik_xl.excel.reader import read_workbook

    rows: dict[str, list[Row]] = {}
    for path in files:
        result = read_workbook(path, template.id, year=year)
        for name, frame in result.tables.items():
            rows.setdefault(name, []).extend(_frame_rows(frame, template, name, year))
    return rows


def template_rows(template: Template, year: int, examples_dir: Path | None = None) -> dict[str, list[Row]]:
    """Rows per ListObject name: the shipped examples when there are any, else seeded synthetic rows."""
    if examples_dir is not None and (rows := rows_from_examples(template, year, examples_dir)):
        return rows
    return {
        t.name: example_rows(template, t, year, n=8 if t.quality_measure else 40) for t in template.tables
    }
