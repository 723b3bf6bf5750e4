"""KKIK-PN-001/010: personnummer or samordningsnummer anywhere in the workbook (error, value masked).

Scanned for KKIK-PN-001 (a cell): every column of every typed table (vectorised pre-filter, then
exact check), cells the reader could not read (their findings are masked too), every cell of every
other sheet, on the table sheets every cell outside the table's columns (with or without a header)
and above its data, every cell note, and whole numbers a number format shows as a personnummer.
KKIK-PN-010 (:mod:`kkik_xl.rules.personal_data_parts`): every other part of the package.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import polars as pl

from kkik_xl.catalogue import ColumnType, Table
from kkik_xl.codes import register
from kkik_xl.excel import workbook_text
from kkik_xl.excel.columns import col_index
from kkik_xl.findings import Finding, Severity, mask_finding
from kkik_xl.personnummer import CANDIDATE_PATTERN, candidate_expr, find_personnummer, mask_text
from kkik_xl.rules.base import Rule, RuleContext
from kkik_xl.rules.personal_data_parts import IN_PART, package_findings

PERSONNUMMER = register(
    "KKIK-PN-001",
    Severity.ERROR,
    "Personnummer i filen",
    "Cell {cell} på bladet {sheet} innehåller {what} ({value}). Personuppgifter får inte finnas i filen: "
    "ta bort det och använd ett eget löpnummer.",
)
_TEXT_TYPES = (pl.String, pl.Int64, pl.Float64, pl.Int32, pl.UInt64)
MIN_DIGITS = 10  # the shortest number CANDIDATE_PATTERN accepts: six digits and four


def _finding(sheet: str, cell: str, text: str, column: str | None = None) -> Finding | None:
    found = find_personnummer(text)
    if not found:
        return None
    what = "ett samordningsnummer" if all(m.samordningsnummer for m in found) else "ett personnummer"
    row = int("".join(ch for ch in cell if ch.isdigit()) or 0) or None
    return PERSONNUMMER.finding(
        sheet=sheet, cell=cell, row=row, column=column, what=what, value=mask_text(text)
    )


def _scanned(table: Table, name: str, dtype: pl.DataType) -> bool:
    """False for private columns, other dtypes, and choice columns (they only hold catalogue choices,
    none of which is a number; a cell that was something else is a reader finding, scanned below)."""
    if name.startswith("_") or not isinstance(dtype, _TEXT_TYPES):
        return False
    column = next((c for c in table.columns if c.name == name), None)
    if column is None or column.type is not ColumnType.CHOICE:
        return True
    return any(find_personnummer(choice) for choice in column.choices)


def _candidates(frame: pl.DataFrame, name: str, dtype: pl.DataType) -> pl.DataFrame:
    """Rows that may hold a number. A number has at least ten digits, so a whole number below 10⁹
    or a text shorter than ten characters is skipped first, far cheaper than the pattern."""
    cells = frame.select("_row", name)
    if isinstance(dtype, pl.Int64 | pl.Int32 | pl.UInt64):
        cells = cells.filter(pl.col(name).abs() >= 1_000_000_000)
    elif isinstance(dtype, pl.String):
        cells = cells.filter(pl.col(name).str.len_chars() >= MIN_DIGITS)
    return cells.filter(candidate_expr(name)).select("_row", pl.col(name).cast(pl.String))


def _frame_cells(ctx: RuleContext) -> Iterator[tuple[str, str, str, str]]:
    for table in ctx.template.tables:
        frame = ctx.present(table)
        if frame is None:
            continue
        for name, dtype in frame.schema.items():
            if not _scanned(table, name, dtype):
                continue
            hits = _candidates(frame, name, dtype)
            letter = ctx.letter(table, name)
            for row, text in hits.iter_rows():
                yield ctx.sheet(table), f"{letter}{row}", text, name


def _table_sheet_cells(ctx: RuleContext) -> Iterator[tuple[str, str, str]]:
    """Cells of the table sheets outside the frames: other columns (with or without a header) and
    the rows above the data."""
    for table in ctx.template.tables:
        place = ctx.read.placements.get(table.name)
        if place is None or table.name not in ctx.tables:
            continue
        columns = {col_index(letter) for letter in place.letters.values()}
        if place.width is not None and set(range(place.width)) <= columns and place.first_row <= 2:
            continue  # the reader saw every column the sheet uses, all of them the table's: none outside
        yield from workbook_text.cells_outside(
            ctx.read.path, place.sheet, columns, place.first_row, CANDIDATE_PATTERN
        )


def scan_texts(cells: Iterable[tuple[str, str, str]]) -> list[Finding]:
    """PN findings for ``(sheet, cell, text)`` triples."""
    return [f for sheet, cell, text in cells if (f := _finding(sheet, cell, text)) is not None]


def _cell_texts(ctx: RuleContext) -> Iterator[tuple[str, str, str, str | None]]:
    """``(sheet, cell, text, column)`` of every cell and note that may hold a number."""
    yield from _frame_cells(ctx)
    for f in ctx.read.findings:
        text = f"{f.value or ''} {f.message}"
        if f.code != PERSONNUMMER.code and f.sheet and f.cell and find_personnummer(text):
            yield f.sheet, f.cell, f.value or text, f.column
    path = ctx.read.path
    if path.suffix.lower() in (".xlsx", ".xlsm", ".xls", ".ods"):
        table_sheets = {ctx.sheet(t) for t in ctx.template.tables if t.name in ctx.tables}
        yield from ((s, c, t, None) for s, c, t in workbook_text.sheet_cells(path, skip=table_sheets))
        yield from ((s, c, t, None) for s, c, t in _table_sheet_cells(ctx))
        yield from ((n.sheet, n.cell, n.text, None) for n in ctx.notes())


def _unique(cells: Iterable[tuple[str, str, str, str | None]]) -> list[tuple[str, str, str, str | None]]:
    """One per cell and number (an extra column's header is both a reader finding and a cell)."""
    seen: dict[tuple[str, str, frozenset[str]], tuple[str, str, str, str | None]] = {}
    for cell in cells:
        seen.setdefault((cell[0], cell[1], frozenset(m.digits for m in find_personnummer(cell[2]))), cell)
    return list(seen.values())


def check(ctx: RuleContext) -> list[Finding]:
    """Every place a number was found, masked: cells, notes, then the rest of the package."""
    texts = _unique(cell for cell in _cell_texts(ctx) if find_personnummer(cell[2]))
    out = [f for s, c, t, n in texts if (f := _finding(s, c, t, n)) is not None]
    if ctx.read.path.suffix.lower() in (".xlsx", ".xlsm"):
        seen = {m.digits for *_, text, _ in texts for m in find_personnummer(text)}
        out += package_findings(ctx.read.path, seen, _finding)
    return out


__all__ = ["IN_PART", "PERSONNUMMER", "RULE", "check", "mask_finding", "scan_texts"]

RULE = Rule("personal_data", (PERSONNUMMER, IN_PART), check)
