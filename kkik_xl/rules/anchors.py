"""Anchors: what a Motivering follows — the finding's code and column plus a short hash of its row.

A finding on a data row of an input table gets ``Kod|Kolumn|radhash``, where the row hash covers the
row's values in every catalogue column (not its position). The marked copy writes it in Kontroll's
hidden ``Ankare`` column beside the Motivering; the next validation gives the Motivering to the finding
with the same anchor wherever its row has moved, and reports it when no row has those values any more.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field

import polars as pl

from kkik_xl.findings import Finding, Severity

SEPARATOR = "|"
_NULL = "\x00"


def row_hashes(frame: pl.DataFrame, rows: Collection[int] | None = None) -> dict[int, str]:
    """Worksheet row → 12 hex digits of SHA-256 over the row's values (columns but ``_row``, ``_invalid``)."""
    columns = [c for c in frame.columns if not c.startswith("_")]
    if rows is not None:
        frame = frame.filter(pl.col("_row").is_in(sorted(rows)))
    if frame.is_empty() or not columns:
        return {}
    text = frame.select(
        pl.col("_row"),
        pl.concat_str([pl.col(c).cast(pl.Utf8).fill_null(_NULL) for c in columns], separator="\x1f"),
    )
    return {r: hashlib.sha256(t.encode()).hexdigest()[:12] for r, t in text.iter_rows()}


def make_anchor(code: str, column: str, row_hash: str) -> str:
    """``KKIK-DA-001|Önskat placeringsdatum|3f9a1c2b4d5e``."""
    return SEPARATOR.join((code, column, row_hash))


def anchor_row_hash(anchor: str) -> str:
    """The row hash of an anchor (its last part)."""
    return anchor.rsplit(SEPARATOR, 1)[-1]


def _column(finding: Finding) -> str:
    cell = (finding.cell or "").split(":")[0]
    return finding.column or cell.rstrip("0123456789")


def _anchorable(finding: Finding) -> bool:
    return finding.severity is not Severity.ERROR and finding.count is None


@dataclass
class RowIndex:
    """The input tables by sheet: anchors for findings on their rows, and whether a row still exists."""

    frames: Mapping[str, pl.DataFrame]
    """Sheet name → the table's contract frame (with ``_row``)."""
    _all: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)

    def anchored(self, findings: Iterable[Finding]) -> list[Finding]:
        """``findings`` with an anchor on each warning and info on a data row of an input table.

        Errors get none: they are never justified, so no Motivering has to follow them; nor do summaries
        of many findings (``count``), whose Motivering covers a group, not a row.
        """
        findings = list(findings)
        wanted: dict[str, set[int]] = {}
        for f in findings:
            if _anchorable(f) and f.sheet is not None and f.sheet in self.frames and f.row:
                wanted.setdefault(f.sheet, set()).add(f.row)
        hashes = {sheet: row_hashes(self.frames[sheet], rows) for sheet, rows in wanted.items()}
        out = []
        for f in findings:
            row_hash = hashes.get(f.sheet or "", {}).get(f.row or 0)
            if row_hash is not None and _anchorable(f):
                f = f.model_copy(update={"anchor": make_anchor(f.code, _column(f), row_hash)})
            out.append(f)
        return out

    def row_exists(self, sheet: str, anchor: str) -> bool:
        """True when a row of ``sheet``'s table still has the values the anchor was made from."""
        if sheet not in self.frames:
            return False
        if sheet not in self._all:
            self._all[sheet] = set(row_hashes(self.frames[sheet]).values())
        return anchor_row_hash(anchor) in self._all[sheet]
