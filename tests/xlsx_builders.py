"""Small workbook builders for reader tests (cheap to generate, so built per test in tmp_path)."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from kkik_xl.catalogue import CATALOGUE

Cell = Any  # a value, or ("formula", "=1/0", "#DIV/0!"), or ("time", 0.3125)


def write_rows(ws: Any, book: Any, rows: Sequence[Sequence[Cell]], first_row: int = 1) -> None:
    """Write values with date/time formats like a filled-in template."""
    date_fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    time_fmt = book.add_format({"num_format": "hh:mm"})
    for r, row in enumerate(rows, start=first_row):
        for c, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, tuple) and value[0] == "formula":
                ws.write_formula(r, c, value[1], None, value[2])
            elif isinstance(value, tuple) and value[0] == "time":
                ws.write_number(r, c, value[1], time_fmt)
            elif isinstance(value, datetime | date):
                moment = (
                    value if isinstance(value, datetime) else datetime(value.year, value.month, value.day)
                )
                ws.write_datetime(r, c, moment, date_fmt)
            else:
                ws.write(r, c, value)


def template_workbook(
    path: Path,
    template_id: str,
    rows_by_table: dict[str, Sequence[Sequence[Cell]]],
    *,
    year: int = 2025,
    as_table: bool = True,
    headers: dict[str, Sequence[str]] | None = None,
    meta: bool = True,
    date_1904: bool = False,
    trailing_formatted_rows: int = 0,
) -> Path:
    """A workbook laid out like the template: one sheet per table, Table at A1, _meta, Uppgifter."""
    template = CATALOGUE.template(template_id)
    book = xlsxwriter.Workbook(path, {"date_1904": date_1904})
    for tab in template.tables:
        if tab.name not in rows_by_table:
            continue
        ws = book.add_worksheet(tab.sheet)
        names = list((headers or {}).get(tab.name, [c.name for c in tab.columns_for_year(year)]))
        rows = rows_by_table[tab.name]
        ws.write_row(0, 0, names)
        write_rows(ws, book, rows)
        if as_table:
            last = max(len(rows), 1)
            ws.add_table(
                0, 0, last, len(names) - 1, {"name": tab.name, "columns": [{"header": h} for h in names]}
            )
        fmt = book.add_format({"bg_color": "#FFF2CC"})
        for r in range(len(rows) + 1, len(rows) + 1 + trailing_formatted_rows):
            ws.write_blank(r, 0, None, fmt)
            ws.write_blank(r, 1, None, fmt)
    if meta:
        info = book.add_worksheet("Uppgifter")
        info.write_row(0, 0, ["Kommunkod", "0180"])
        info.write_row(1, 0, ["År", year])
        book.define_name("KKIK_Kommunkod", "=Uppgifter!$B$1")
        book.define_name("KKIK_Ar", "=Uppgifter!$B$2")
        for i, p in enumerate(template.parameters, start=2):
            info.write_row(i, 0, [p.label, (p.default or "").format(year=year)])
            book.define_name(f"KKIK_{p.name}", f"=Uppgifter!$B${i + 1}")
        m = book.add_worksheet("_meta")
        pairs = [
            ("template_id", template_id),
            ("template_version", template.version),
            ("catalogue_version", CATALOGUE.version),
            ("year", year),
            ("fingerprint", "abc123"),
        ]
        for r, (k, v) in enumerate(pairs):
            m.write_row(r, 0, [k, v])
        m.hide()
    book.close()
    return path


def rewrite_member(path: Path, member: str, transform: Any) -> None:
    """Rewrite one zip member of an xlsx in place (for crafted hostile files)."""
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == member:
                data = transform(data)
            dst.writestr(info.filename, data)
    shutil.move(tmp, path)
