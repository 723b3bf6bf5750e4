"""Reading one table from a CSV file: encoding, separator, header recognition, typed conversion."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from kkik_xl.catalogue import CATALOGUE, Table, Template
from kkik_xl.excel import read_codes as rc
from kkik_xl.excel.columns import match_columns, score
from kkik_xl.excel.convert import convert_text_frame, stripped
from kkik_xl.excel.frames import Placement, finish
from kkik_xl.excel.result import ReadError, ReadResult
from kkik_xl.findings import Finding

MAX_CSV_BYTES = 1 << 30


def decode(data: bytes, name: str) -> tuple[str, list[Finding]]:
    """Text of a CSV file: UTF-8 (with or without BOM), else Windows-1252 with an info finding."""
    if not data.strip():
        raise ReadError(f"Filen {name} är tom.")
    if b"\x00" in data[:4096]:
        raise ReadError(f"Filen {name} är inte en textfil (CSV) och inte ett kalkylark som kan läsas.")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), [rc.ENCODING_FALLBACK.finding(sheet=name)]


def header_and_separator(text: str) -> tuple[list[str], str]:
    """The header cells and the separator (``;`` or ``,``, whichever splits the header more)."""
    first = text.splitlines()[0] if text.splitlines() else ""
    best: tuple[list[str], str] = ([first], ";")
    for sep in (";", ",", "\t"):
        cells = next(csv.reader([first], delimiter=sep), [])
        if len(cells) > len(best[0]):
            best = ([c.strip() for c in cells], sep)
    return best


def choose_table(
    headers: Sequence[str], template_id: str | None, table: str | None, name: str
) -> tuple[Template, Table]:
    """The template and table whose headers the CSV has (or the one named with ``--table``)."""
    templates = [CATALOGUE.template(template_id)] if template_id else list(CATALOGUE.templates)
    candidates = [(t, tab) for t in templates for tab in t.tables]
    if table is not None:
        named = [
            (t, tab)
            for t, tab in candidates
            if table.casefold() in (tab.name.casefold(), tab.sheet.casefold())
        ]
        if not named:
            known = ", ".join(tab.name for _, tab in candidates)
            raise ReadError(f"Tabellen {table!r} finns inte i mallen. Möjliga tabeller: {known}.")
        candidates = named
    scored = sorted(candidates, key=lambda c: score(headers, c[1].columns), reverse=True)
    best_t, best_tab = scored[0]
    if score(headers, best_tab.columns) * 2 < len(best_tab.columns):
        raise ReadError(
            f"Rubrikerna i {name} liknar ingen tabell i mallen {best_t.id if template_id else '(okänd)'}. "
            f"Förväntade rubriker till exempel: {'; '.join(c.name for c in best_tab.columns)}."
        )
    return best_t, best_tab


def read_csv(path: Path, template_id: str | None, *, year: int, table: str | None = None) -> ReadResult:
    """Read a CSV holding one table of a template into a :class:`ReadResult`."""
    if path.stat().st_size > MAX_CSV_BYTES:
        raise ReadError(f"Filen {path.name} är större än 1 GB och läses inte.")
    text, findings = decode(path.read_bytes(), path.name)
    headers, sep = header_and_separator(text)
    template, tab = choose_table(headers, template_id, table, path.name)
    columns = tab.columns_for_year(year)
    match = match_columns(headers, columns, sheet=path.name, table=tab.name)
    try:
        raw = pl.read_csv(
            io.StringIO(text),
            separator=sep,
            has_header=False,
            skip_rows=1,
            infer_schema=False,
            truncate_ragged_lines=True,
        )
    except pl.exceptions.NoDataError:
        raw = pl.DataFrame(schema={f"column_{i + 1}": pl.String for i in range(len(headers))})
    except pl.exceptions.PolarsError as err:
        raise ReadError(f"Filen {path.name} kan inte läsas som CSV: {err}") from None
    raw_names = raw.columns
    selected = [
        (pl.col(raw_names[idx]) if idx < len(raw_names) else pl.lit(None, pl.String)).alias(name)
        for name, (_, idx) in match.found.items()
    ]
    selected += [pl.lit(None, pl.String).alias(c.name) for c in match.missing]
    raw = raw.select(selected)
    empty = raw.select(pl.all_horizontal(stripped(c).is_null() for c in raw.columns)).to_series()
    typed, problems = convert_text_frame(raw, columns)
    place = Placement.of(path.name, match)
    frame, cell_findings = finish(typed, columns, place, empty=empty, problems=problems)
    tables = {tab.name: frame}
    return ReadResult(
        path=path,
        template_id=template.id,
        tables=tables,
        findings=findings + match.findings + cell_findings,
        missing_columns={tab.name: match.missing_required} if match.missing_required else {},
        missing_tables=[t.name for t in template.tables if t.name != tab.name],
        placements={tab.name: place},
    )
