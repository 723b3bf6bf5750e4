"""Many identical findings become one summary finding plus the first few, so findings scale.

A rule that flags every row of a pasted year or a 500,000-row log would give as many findings, each
needing its own Motivering, and a Kontroll sheet nobody can read. Findings are *identical* when they
have the same code, severity, sheet and column (the same message template, other cells). When a group
has more than ``sammanfatta_fran`` members (engine setting, default 20) it is reported as:

* the first ``visa_forsta`` findings (default 5) one by one, as before (cells filled and noted), and
* one summary finding with the same code and severity, ``count`` = the group's size, the cell range
  from the first to the last row (``D2:D1048576``) as its cell, and the row ranges ("rad 2–61, 80")
  and the first cells in its message.

A Motivering written for the summary (on Kontroll, its row) covers the whole group, the first cells
listed one by one included (:func:`cover`); a Motivering on one of those cells covers that cell only.

Two paths produce the same result: :func:`summarised` for the rules' vectorised ``cell_findings``
(the rows stay in polars, so a million hits cost a few milliseconds, not a million objects), and
:func:`summarise` on the finished list for everything else (the reader's cell findings, any rule).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import polars as pl

from kkik_xl.codes import CODES
from kkik_xl.findings import Finding
from kkik_xl.measures.settings import (
    DEFAULT_SUMMARY_FROM,
    DEFAULT_SUMMARY_SHOWN,
    SUMMARY_FROM,
    SUMMARY_SHOWN,
)

MAX_RANGES = 10
"""Row ranges written out in a summary's message; the rest are counted."""
_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass(frozen=True)
class Limits:
    """When a group of identical findings is summarised, and how many are still shown one by one."""

    above: int = DEFAULT_SUMMARY_FROM
    shown: int = DEFAULT_SUMMARY_SHOWN

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> Limits:
        """The limits set in the engine settings (``--installning``), else the defaults."""
        above = int(params.get(SUMMARY_FROM, DEFAULT_SUMMARY_FROM))
        return cls(above=above, shown=min(int(params.get(SUMMARY_SHOWN, DEFAULT_SUMMARY_SHOWN)), above))


def row_ranges(rows: pl.Series) -> tuple[str, int]:
    """``("2–61, 80", 2)``: the distinct rows as ranges (at most :data:`MAX_RANGES`) and how many ranges."""
    frame = pl.DataFrame({"r": rows.unique().sort()})
    runs = (
        frame.with_columns(g=(pl.col("r").diff().fill_null(1) != 1).cum_sum())
        .group_by("g", maintain_order=True)
        .agg(a=pl.col("r").first(), b=pl.col("r").last())
    )
    texts = [str(a) if a == b else f"{a}–{b}" for a, b in runs.head(MAX_RANGES).select("a", "b").iter_rows()]
    return ", ".join(texts), runs.height


def summary(first: Sequence[Finding], rows: pl.Series, letter: str) -> Finding:
    """The summary finding of a group whose first members are ``first`` and whose rows are ``rows``."""
    head = first[0]
    total = rows.len()
    ranges, runs = row_ranges(rows)
    more = f" och {runs - MAX_RANGES} block till" if runs > MAX_RANGES else ""
    cells = ", ".join(f"{f.cell} ({f.value})" if f.value else str(f.cell) for f in first)
    listed = f" De första visas var för sig: {cells}." if first else ""
    lo, hi = int(rows.min()), int(rows.max())  # type: ignore[arg-type]
    title = CODES[head.code].title if head.code in CODES else head.message
    message = (
        f"{total} celler i kolumnen {head.column} har samma fynd: {title}. Rad {ranges}{more}.{listed} "
        f"Exempel: {head.message} En motivering på den här raden gäller alla {total}."
    )
    return head.model_copy(
        update={
            "cell": f"{letter}{lo}:{letter}{hi}" if lo != hi else f"{letter}{lo}",
            "row": lo,
            "value": None,
            "message": message,
            "count": total,
        }
    )


def summarised(
    hits: pl.DataFrame, limits: Limits, letter: str, make: Callable[[pl.DataFrame], list[Finding]]
) -> list[Finding] | None:
    """``None`` when ``hits`` (with ``_row``) stays below the limit; else the first findings + summary.

    ``make`` turns rows of ``hits`` into findings (only the first ``shown`` rows and one more are
    turned, the one more for the summary's example when nothing is shown).
    """
    if hits.height <= limits.above:
        return None
    ordered = hits.sort("_row")
    made = make(ordered.head(max(limits.shown, 1)))
    return [*made[: limits.shown], summary(made[: limits.shown] or made, ordered["_row"], letter)]


def _group(f: Finding) -> tuple[str, str, str, str, str] | None:
    match = _CELL.match(f.cell or "") if f.count is None else None
    return (f.code, f.severity.value, f.sheet or "", f.column or "", match[1]) if match else None


def summarise(findings: Iterable[Finding], limits: Limits) -> list[Finding]:
    """``findings`` with every group of more than ``limits.above`` identical cell findings summarised."""
    findings = list(findings)
    groups: dict[tuple[str, str, str, str, str], list[int]] = defaultdict(list)
    for i, f in enumerate(findings):
        if (key := _group(f)) is not None:
            groups[key].append(i)
    big = {key: idx for key, idx in groups.items() if len(idx) > limits.above}
    if not big:
        return findings
    dropped: set[int] = set()
    out: list[Finding] = []
    for key, idx in big.items():
        members = sorted((findings[i] for i in idx), key=lambda f: f.row or 0)
        rows = pl.Series("_row", [f.row or 0 for f in members], dtype=pl.Int64)
        shown = members[: limits.shown]
        out += [*shown, summary(shown or members[:1], rows, key[4])]
        dropped.update(idx)
    return [f for i, f in enumerate(findings) if i not in dropped] + out


def cover(findings: Sequence[Finding]) -> list[Finding]:
    """A summary's Motivering given to the findings of its group shown one by one that have none."""
    spans = {
        _cover_key(f): (*_span(f.cell or ""), f.justification)
        for f in findings
        if f.count is not None and f.justification
    }
    out = []
    for f in findings:
        span = spans.get(_cover_key(f)) if f.count is None and not f.justification else None
        if span is not None and span[0] <= (f.row or 0) <= span[1]:
            f = f.model_copy(update={"justification": span[2]})
        out.append(f)
    return out


def _cover_key(f: Finding) -> tuple[str, str, str, str]:
    return (f.code, f.severity.value, f.sheet or "", f.column or "")


def _span(cell: str) -> tuple[int, int]:
    """First and last row of ``D2:D80`` (or ``D2``)."""
    lo, _, hi = cell.partition(":")
    first, last = _CELL.match(lo), _CELL.match(hi or lo)
    return (int(first[2]), int(last[2])) if first and last else (0, -1)
