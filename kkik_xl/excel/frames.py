"""Turning a converted frame into the contract frame (``_row``, ``_invalid``) plus findings."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import polars as pl

from kkik_xl.catalogue import Column
from kkik_xl.codes import CODES
from kkik_xl.excel import read_codes as rc
from kkik_xl.excel.columns import ColumnMatch, col_letter
from kkik_xl.excel.convert import POLARS_DTYPES, POS, CellProblem
from kkik_xl.findings import Finding


@dataclass(frozen=True)
class ExcelErrorCell:
    """A cell holding an Excel error value such as ``#REF!``."""

    pos: int
    column: str
    value: str


@dataclass(frozen=True)
class Placement:
    """Where a table sits: sheet name, sheet row of the first data row, and column letters."""

    sheet: str
    first_row: int
    letters: dict[str, str]
    width: int | None = None
    """Columns the sheet uses (0-based index of the last one + 1), when the reader knows it."""

    @classmethod
    def of(cls, sheet: str, match: ColumnMatch, *, first_row: int = 2, first_col: int = 0) -> Placement:
        """Placement from a column match (header positions are 0-based within the table)."""
        letters = {name: col_letter(first_col + idx) for name, (_, idx) in match.found.items()}
        return cls(sheet=sheet, first_row=first_row, letters=letters, width=match.width)


def empty_frame(columns: Sequence[Column]) -> pl.DataFrame:
    """A contract frame with no rows."""
    schema: dict[str, pl.DataType] = {c.name: POLARS_DTYPES[c.type] for c in columns}
    schema |= {"_row": pl.Int64(), "_invalid": pl.Boolean()}
    return pl.DataFrame(schema=schema)


def _problem_findings(
    problems: Iterable[CellProblem], errors: Iterable[ExcelErrorCell], place: Placement
) -> list[Finding]:
    out: list[Finding] = []
    for p in problems:
        row = place.first_row + p.pos
        cell = f"{place.letters.get(p.column, '?')}{row}"
        out.append(
            CODES.get(p.code or "", rc.BAD_VALUE).finding(
                sheet=place.sheet, cell=cell, row=row, column=p.column, value=p.value, reason=p.reason
            )
        )
    for e in errors:
        row = place.first_row + e.pos
        cell = f"{place.letters.get(e.column, '?')}{row}"
        out.append(
            rc.EXCEL_ERROR.finding(sheet=place.sheet, cell=cell, row=row, column=e.column, value=e.value)
        )
    return out


def finish(
    typed: pl.DataFrame,
    columns: Sequence[Column],
    place: Placement,
    *,
    empty: pl.Series,
    problems: Sequence[CellProblem] = (),
    errors: Sequence[ExcelErrorCell] = (),
) -> tuple[pl.DataFrame, list[Finding]]:
    """The contract frame and the cell findings.

    ``typed`` has ``__pos`` (0-based data row) and every catalogue column (missing ones as nulls);
    ``empty`` is true for wholly empty rows, which are dropped.
    """
    bad = {p.pos for p in problems} | {e.pos for e in errors}
    invalid = pl.col(POS).is_in(sorted(bad)) if bad else pl.lit(False)
    frame = (
        typed.lazy()
        .with_columns(empty.alias("__empty"))
        .filter(~pl.col("__empty") | pl.col(POS).is_in(sorted(bad)))
        .select(
            *(pl.col(c.name).cast(POLARS_DTYPES[c.type]) for c in columns),
            (pl.col(POS) + place.first_row).cast(pl.Int64).alias("_row"),
            invalid.alias("_invalid"),
        )
        .collect()
    )
    findings = _problem_findings(problems, errors, place)
    findings.sort(key=Finding.sort_key)
    return frame, findings
