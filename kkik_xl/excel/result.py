"""What the reader returns: typed tables, findings and workbook metadata; and its one exception."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from kkik_xl.findings import Finding, Severity

if TYPE_CHECKING:
    from kkik_xl.excel.frames import Placement


class ReadError(Exception):
    """The file cannot be read at all; ``reason`` is a Swedish sentence (CLI exit code 2)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class WorkbookMeta:
    """Template identity from the ``_meta`` sheet and values of the ``KKIK_*`` defined names."""

    template_id: str | None = None
    template_version: str | None = None
    catalogue_version: str | None = None
    year: int | None = None
    fingerprint: str | None = None
    names: dict[str, str] = field(default_factory=dict)
    date1904: bool = False


@dataclass
class ReadResult:
    """Typed tables keyed by ListObject name, every finding, and metadata.

    ``missing_columns`` maps a table name to its missing required columns (the table is still
    present, with those columns null); ``missing_tables`` lists tables not found at all.
    ``placements`` gives each read table's sheet, first data row and column letters (cell addresses).
    """

    path: Path
    template_id: str
    tables: dict[str, pl.DataFrame]
    findings: list[Finding] = field(default_factory=list)
    meta: WorkbookMeta = field(default_factory=WorkbookMeta)
    missing_columns: dict[str, list[str]] = field(default_factory=dict)
    missing_tables: list[str] = field(default_factory=list)
    placements: dict[str, Placement] = field(default_factory=dict)
    slim_sheets: dict[str, bytes] = field(default_factory=dict)
    """Zip member → the sheet XML without its rows, made while scanning it (read each part once)."""

    @property
    def errors(self) -> list[Finding]:
        """Findings with severity ``error``."""
        return [f for f in self.findings if f.severity is Severity.ERROR]
