"""Matching found headers to catalogue columns: missing, renamed, extra, duplicated, reordered."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kkik_xl.catalogue import Column
from kkik_xl.excel import read_codes as rc
from kkik_xl.findings import Finding


def col_letter(index: int) -> str:
    """Excel column letters for a 0-based column index (0 → A, 26 → AA)."""
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def col_index(letters: str) -> int:
    """0-based column index of Excel column letters (A → 0, AA → 26): the inverse of :func:`col_letter`."""
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def normalise_header(text: str) -> str:
    """Header compared ignoring case, outer spaces, repeated spaces and a trailing colon."""
    return " ".join(str(text).replace("\u00a0", " ").split()).rstrip(":").casefold()


@dataclass
class ColumnMatch:
    """Where each catalogue column was found: ``found[name] = (header text, 0-based index)``."""

    found: dict[str, tuple[str, int]] = field(default_factory=dict)
    missing: list[Column] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    first_col: int = 0
    width: int | None = None  # columns the sheet uses (last 0-based index + 1), set by the reader

    @property
    def missing_required(self) -> list[str]:
        """Names of required columns that are missing."""
        return [c.name for c in self.missing if c.required]


def match_columns(
    headers: Sequence[str | None],
    columns: Sequence[Column],
    *,
    sheet: str,
    table: str,
    header_row: int = 1,
    first_col: int = 0,
) -> ColumnMatch:
    """Match ``headers`` (in sheet order) to ``columns``; every deviation becomes a finding."""
    result = ColumnMatch(first_col=first_col)
    by_norm: dict[str, int] = {}
    for i, h in enumerate(headers):
        if h is None or not str(h).strip():
            continue
        key = normalise_header(h)
        if key in by_norm:
            result.findings.append(rc.DUPLICATE_COLUMN.finding(sheet=sheet, table=table, column=str(h)))
            continue
        by_norm[key] = i
    used: set[int] = set()
    for col in columns:
        idx = by_norm.get(normalise_header(col.name))
        if idx is None:
            spec = rc.MISSING_COLUMN if col.required else rc.MISSING_OPTIONAL_COLUMN
            result.findings.append(spec.finding(sheet=sheet, table=table, column=col.name))
            result.missing.append(col)
            continue
        found = str(headers[idx])
        used.add(idx)
        result.found[col.name] = (found, idx)
        if found != col.name:
            cell = f"{col_letter(first_col + idx)}{header_row}"
            result.findings.append(
                rc.RENAMED_COLUMN.finding(
                    sheet=sheet, cell=cell, row=header_row, column=col.name, found=found
                )
            )
    for i, h in enumerate(headers):
        if i in used or h is None or not str(h).strip() or normalise_header(h) not in by_norm:
            continue
        if by_norm[normalise_header(h)] != i:
            continue
        cell = f"{col_letter(first_col + i)}{header_row}"
        result.findings.append(rc.EXTRA_COLUMN.finding(sheet=sheet, cell=cell, row=header_row, column=str(h)))
    order = [name for name, _ in sorted(result.found.items(), key=lambda kv: kv[1][1])]
    expected = [c.name for c in columns if c.name in result.found]
    if order != expected:
        shown = ", ".join(order)
        result.findings.append(rc.REORDERED_COLUMNS.finding(sheet=sheet, table=table, order=shown))
    return result


def score(headers: Sequence[str | None], columns: Sequence[Column]) -> int:
    """How many of ``columns`` appear among ``headers`` (for recognising a table)."""
    norm = {normalise_header(h) for h in headers if h is not None}
    return sum(normalise_header(c.name) in norm for c in columns)
