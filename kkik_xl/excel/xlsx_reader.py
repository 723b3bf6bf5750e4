"""Reading a template's tables from ``.xlsx``/``.xlsm``/``.xls``/``.ods`` with fastexcel.

Every column is read with an explicit dtype; fastexcel reports each cell it could not convert
(``to_arrow_with_errors``), so nothing silently becomes null. Text in typed cells is then handed
to :mod:`kkik_xl.parsing` (rescued with an info finding, or reported with its reason); Excel error
values (``#REF!``) become findings. Whole numbers are read as floats so ``1,5`` is never truncated.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fastexcel
import polars as pl

from kkik_xl.catalogue import CATALOGUE, Column, ColumnType, Table, Template
from kkik_xl.excel import read_codes as rc
from kkik_xl.excel.cell_errors import classify_errors
from kkik_xl.excel.columns import ColumnMatch, match_columns, normalise_header
from kkik_xl.excel.convert import (
    POS,
    CellProblem,
    distinct_expr,
    parse_cells,
    patch,
    stripped,
    stripped_series,
)
from kkik_xl.excel.date_serials import out_of_range
from kkik_xl.excel.frames import Placement, finish
from kkik_xl.excel.identity import check_identity
from kkik_xl.excel.meta import OoxmlParts, read_meta, zip_parts
from kkik_xl.excel.result import ReadError, ReadResult, WorkbookMeta
from kkik_xl.excel.safety import check_file, unreadable_reason
from kkik_xl.excel.sheet_load import load
from kkik_xl.excel.sheet_xml import scan_sheet, sheet_findings
from kkik_xl.findings import Finding

FAST_DTYPE: dict[ColumnType, str] = {
    ColumnType.TEXT: "string",
    ColumnType.CHOICE: "string",
    ColumnType.JANEJ: "string",
    ColumnType.DATE: "date",
    ColumnType.DATETIME: "datetime",
    ColumnType.TIME: "duration",
    ColumnType.INT: "float",
    ColumnType.DECIMAL: "float",
}
_DAY_MS = 86_400_000
logging.getLogger("fastexcel").addHandler(logging.NullHandler())  # no dtype chatter on stderr


@dataclass(frozen=True)
class Location:
    """Sheet of a table, its header row within the used range and in the sheet (both 0-based)."""

    sheet: str
    header_row: int = 0
    sheet_header_row: int = 0


def open_book(path: Path) -> fastexcel.ExcelReader:
    """Check the file and open it with fastexcel, or raise :class:`ReadError`."""
    check_file(path)
    try:
        return fastexcel.read_excel(path)
    except Exception as err:  # fastexcel raises several unrelated types for unreadable files
        logging.getLogger(__name__).debug("fastexcel could not open %s: %s", path, err)
        raise ReadError(unreadable_reason(path)) from None


def _headers(cols: list[Any]) -> tuple[list[str | None], int]:
    if not cols:
        return [], 0
    first = min(c.absolute_index for c in cols)
    headers: list[str | None] = [None] * (max(c.absolute_index for c in cols) - first + 1)
    for c in sorted(cols, key=lambda c: c.absolute_index):
        if c.column_name_from == "looked_up":
            headers[c.absolute_index - first] = _undo_dedup(c.name, headers)
    return headers, first


def _undo_dedup(name: str, earlier: list[str | None]) -> str:
    """fastexcel renames a repeated header ``X`` to ``X_1``; give it back so it is reported."""
    m = re.match(r"^(.+)_\d+$", name)
    return m[1] if m and m[1] in earlier else name


def load_table(
    book: fastexcel.ExcelReader, loc: Location, tab: Table, columns: Sequence[Column], date1904: bool
) -> tuple[pl.DataFrame, list[Finding], ColumnMatch]:
    """Read one table into a contract frame with its findings."""
    wanted = {normalise_header(c.name) for c in columns}
    dtypes: dict[str | int, Any] = {c.name: FAST_DTYPE[c.type] for c in columns}
    loaded = load(book, loc.sheet, loc.header_row, dtypes, wanted)
    headers, first_col = _headers(loaded.available)
    match = match_columns(
        headers,
        columns,
        sheet=loc.sheet,
        table=tab.name,
        header_row=loc.sheet_header_row + 1,
        first_col=first_col,
    )
    renamed = {found: name for name, (found, _) in match.found.items() if found != name}
    if renamed:
        for found, name in renamed.items():
            dtypes[found] = dtypes[name]
        loaded = load(book, loc.sheet, loc.header_row, dtypes, wanted)
    raw = loaded.frame.rename(renamed)
    raw = raw.with_columns(
        pl.lit(None, _MISSING_DTYPE.get(c.type, pl.String)).alias(c.name) for c in match.missing
    )
    raw = raw.with_columns(pl.int_range(pl.len(), dtype=pl.Int64).alias(POS)).select(POS, pl.exclude(POS))
    bycol = {c.name: c for c in columns}
    problems, excel_errors, rescued, infos = classify_errors(
        loaded.cells, {i: bycol[renamed.get(n, n)] for i, n in loaded.selected.items()}, date1904
    )
    match.width = 1 + max((c.absolute_index for c in loaded.available), default=-1)
    place = Placement.of(loc.sheet, match, first_row=loc.sheet_header_row + 2, first_col=first_col)
    typed, more = _convert(raw, columns, rescued, date1904)
    empty = typed.select(pl.all_horizontal(pl.col(c.name).is_null() for c in columns)).to_series()
    frame, findings = finish(
        typed, columns, place, empty=empty, problems=[*problems, *more], errors=excel_errors
    )
    cell_findings = sorted([*findings, *(i.finding(place) for i in infos)], key=Finding.sort_key)
    return frame, match.findings + cell_findings, match


_MISSING_DTYPE: dict[ColumnType, pl.DataType] = {  # what _convert expects of a column that is absent
    ColumnType.INT: pl.Float64(),
    ColumnType.DECIMAL: pl.Float64(),
    ColumnType.TIME: pl.Duration("ms"),
}


def _convert(
    raw: pl.DataFrame, columns: Sequence[Column], rescued: dict[str, list[tuple[int, Any]]], date1904: bool
) -> tuple[pl.DataFrame, list[CellProblem]]:
    """Typed frame: text trimmed, choices and ja/nej normalised, ints checked, times from durations,
    dates outside Excel's calendar refused. A cell that is refused is null in the frame."""
    problems: list[CellProblem] = []
    exprs: list[pl.Expr | pl.Series] = []
    for c in columns:
        if c.type is ColumnType.TEXT:
            exprs.append(stripped_series(raw.get_column(c.name)))
        elif c.type in (ColumnType.CHOICE, ColumnType.JANEJ):
            exprs.append(distinct_expr(raw, c).alias(c.name))
        elif c.type is ColumnType.INT:
            x = pl.col(c.name)
            exprs.append(pl.when(x.round(0) == x).then(x).cast(pl.Int64, strict=False).alias(c.name))
        elif c.type is ColumnType.TIME:
            ms = pl.col(c.name).cast(pl.Duration("ms")).dt.total_milliseconds()
            ok = (ms >= 0) & (ms < _DAY_MS)
            exprs.append(pl.when(ok).then(ms * 1_000_000).cast(pl.Time).alias(c.name))
    typed = raw.with_columns(exprs)
    for c in columns:
        if c.type not in (ColumnType.INT, ColumnType.TIME, ColumnType.CHOICE, ColumnType.JANEJ):
            continue
        failed = raw.select(POS, c.name).filter(
            pl.col(c.name).is_not_null() & typed.get_column(c.name).is_null()
        )
        if c.type in (ColumnType.CHOICE, ColumnType.JANEJ):  # blank text is empty, not a failure
            failed = failed.with_columns(stripped(c.name)).drop_nulls(c.name)
        if c.type is ColumnType.TIME:  # as a day fraction: a huge duration has no Python timedelta
            failed = failed.with_columns(pl.col(c.name).dt.total_milliseconds() / _DAY_MS)
        if failed.height:
            values = [(pos, _plain(v)) for pos, v in failed.iter_rows()]
            fixed, bad = parse_cells(c, values)
            typed = patch(typed, c, fixed)
            problems.extend(bad)
    for c in columns:
        fixed, bad = parse_cells(c, out_of_range(raw, c, date1904=date1904), date1904=date1904)
        typed = patch(typed, c, [*rescued.get(c.name, []), *fixed, *((p.pos, None) for p in bad)])
        problems.extend(bad)
    return typed, problems


def _plain(value: Any) -> Any:
    """A whole float as an int, so that it is shown as the user typed it (1940, not 1940.0)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def locate(book: fastexcel.ExcelReader, tab: Table, parts: OoxmlParts) -> Location | None:
    """Where ``tab`` is: its Excel Table if present, else the sheet of the same name (any case).

    fastexcel counts rows from the first row holding a value; ``parts.first_rows`` says which
    sheet row that is, so addresses stay those the user sees.
    """
    for sheet in book.sheet_names:
        if tab.name in parts.tables and tab.name in book.table_names(sheet):
            ref = parts.tables[tab.name]
            start = parts.first_rows.get(sheet, 0)
            return Location(sheet, max(ref.header_row - start, 0), ref.header_row)
    for sheet in book.sheet_names:
        if sheet.strip().casefold() == tab.sheet.casefold():
            return Location(sheet, 0, parts.first_rows.get(sheet, 0))
    return None


def detect_template(book: fastexcel.ExcelReader, meta: WorkbookMeta, template_id: str | None) -> Template:
    """The given template, else the ``_meta`` one, else the one whose sheets the workbook has."""
    wanted = template_id or meta.template_id
    if wanted:
        try:
            return CATALOGUE.template(wanted)
        except KeyError:
            if template_id:
                raise ReadError(f"Mallen {wanted!r} finns inte i katalogen.") from None
    # No template in _meta, or one this version does not know (validation reports it): go by the sheets.
    sheets = {s.casefold() for s in book.sheet_names}
    scored = [(sum(t.sheet.casefold() in sheets for t in tpl.tables), tpl) for tpl in CATALOGUE.templates]
    best, tpl = max(scored, key=lambda st: st[0])
    if best == 0:
        unknown = (
            f" Bladet _meta anger mallen {meta.template_id!r}, som inte finns." if meta.template_id else ""
        )
        raise ReadError(
            f"Det går inte att avgöra vilken mall filen hör till.{unknown} "
            "Ange mallen, till exempel forskola."
        )
    return tpl


def read_spreadsheet(
    path: Path, template_id: str | None, *, year: int | None, table: str | None
) -> ReadResult:
    """Read every table of the template from a spreadsheet file."""
    book = open_book(path)
    is_ooxml = path.suffix.lower() in (".xlsx", ".xlsm")
    parts = zip_parts(path) if is_ooxml else OoxmlParts()
    date1904 = parts.date1904
    try:
        defined = {d.name: d.formula for d in book.defined_names()} if is_ooxml else {}
    except Exception:
        defined = {}
    meta = read_meta(path, defined, book.sheet_names) if is_ooxml else WorkbookMeta()
    meta.date1904 = date1904
    check_identity(meta, template_id, year)
    template = detect_template(book, meta, template_id)
    year = year or meta.year or _int(meta.names.get("KKIK_Ar")) or _last_year()
    result = ReadResult(path=path, template_id=template.id, tables={}, meta=meta)
    for tab in template.tables:
        if table is not None and table.casefold() not in (tab.name.casefold(), tab.sheet.casefold()):
            continue
        columns = tab.columns_for_year(year)
        loc = locate(book, tab, parts)
        if loc is None:
            result.findings.append(rc.MISSING_TABLE.finding(sheet=tab.sheet, table=tab.name))
            result.missing_tables.append(tab.name)
            continue
        frame, findings, match = load_table(book, loc, tab, columns, date1904)
        result.tables[tab.name] = frame
        place = Placement.of(loc.sheet, match, first_row=loc.sheet_header_row + 2, first_col=match.first_col)
        result.placements[tab.name] = place
        result.findings.extend(findings)
        if is_ooxml:
            scan = scan_sheet(path, loc.sheet)
            result.findings.extend(sheet_findings(scan, place))
            if scan.member is not None and scan.slim is not None:
                result.slim_sheets[scan.member] = scan.slim
        if match.missing_required:
            result.missing_columns[tab.name] = match.missing_required
    return result


def _int(text: str | None) -> int | None:
    return int(text) if text and text.strip().isdigit() else None


def _last_year() -> int:
    from kkik_xl.excel.reader import default_year

    return default_year()
