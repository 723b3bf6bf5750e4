"""What a rule is and what it sees: the typed frames, the reading, the period and the results."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import polars as pl

from kkik_xl.catalogue import Table, Template
from kkik_xl.codes import CodeSpec
from kkik_xl.excel.columns import col_letter
from kkik_xl.excel.result import ReadResult
from kkik_xl.excel.workbook_text import Note, cell_notes
from kkik_xl.findings import Finding
from kkik_xl.measures import MeasureContext, MeasureResult
from kkik_xl.rules.summarise import Limits, summarised


@dataclass
class RuleContext:
    """Everything a rule may look at. Frames follow the contract in ``docs/arkitektur.md``."""

    template: Template
    year: int
    tables: Mapping[str, pl.DataFrame]
    read: ReadResult
    measure_ctx: MeasureContext
    results: Sequence[MeasureResult] = ()
    last_year: Mapping[str, float] = field(default_factory=dict)
    _notes: list[Note] | None = field(default=None, init=False, repr=False)

    @property
    def limits(self) -> Limits:
        """When identical findings are summarised (engine settings ``sammanfatta_fran``, ``visa_forsta``)."""
        return Limits.of(self.measure_ctx.params)

    def notes(self) -> list[Note]:
        """Every cell note of the workbook, read once (personal data and justifications both use them)."""
        if self._notes is None:
            self._notes = list(cell_notes(self.read.path))
        return self._notes

    def present(self, table: Table) -> pl.DataFrame | None:
        """The table's frame, or ``None`` when the table was not found in the file."""
        return self.tables.get(table.name) if table.name not in self.read.missing_tables else None

    def has_column(self, table: Table, column: str) -> bool:
        """True when the column was found in the file (missing ones are null-filled by the reader)."""
        return table.name in self.tables and column not in self.read.missing_columns.get(table.name, [])

    def sheet(self, table: Table) -> str:
        """The sheet name as found in the file (else the catalogue's)."""
        place = self.read.placements.get(table.name)
        return place.sheet if place is not None else table.sheet

    def letter(self, table: Table, column: str) -> str:
        """Column letter of ``column`` as found; catalogue position when the reader did not say."""
        place = self.read.placements.get(table.name)
        if place is not None and column in place.letters:
            return place.letters[column]
        names = [c.name for c in table.columns_for_year(self.year)]
        return col_letter(names.index(column)) if column in names else "?"


@dataclass(frozen=True)
class Rule:
    """A registered rule: its codes, what it applies to, and the check itself."""

    name: str
    codes: tuple[CodeSpec, ...]
    check: Callable[[RuleContext], list[Finding]]
    templates: tuple[str, ...] = ()
    columns: tuple[str, ...] = ()
    measures: tuple[str, ...] = ()
    after_measures: bool = False

    def applies(self, template_id: str) -> bool:
        """True when the rule checks this template (an empty ``templates`` means every template)."""
        return not self.templates or template_id in self.templates


def shown(value: Any) -> str:
    """A cell value as the user would read it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M" if not value.second else "%Y-%m-%d %H:%M:%S")
    if hasattr(value, "isoformat"):
        text = value.isoformat()
        return str(text[:5]) if len(text) == 8 and text.endswith(":00") else str(text)
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def cell_findings(
    spec: CodeSpec,
    ctx: RuleContext,
    table: Table,
    column: str,
    hits: pl.DataFrame,
    *,
    measure: str | None = None,
    **extra: Any,
) -> list[Finding]:
    """One finding per row of ``hits`` (which has ``_row`` and the column) at that column's cell.

    Extra columns of ``hits`` are passed to the message template by name. More rows than
    ``ctx.limits`` allows give the first few findings and a summary (:mod:`kkik_xl.rules.summarise`).
    """
    letter = ctx.letter(table, column)

    def make(rows: pl.DataFrame) -> list[Finding]:
        return _cell_findings(spec, ctx.sheet(table), letter, column, rows, measure, extra)

    return summarised(hits, ctx.limits, letter, make) or make(hits)


def _cell_findings(
    spec: CodeSpec,
    sheet: str,
    letter: str,
    column: str,
    hits: pl.DataFrame,
    measure: str | None,
    extra: dict[str, Any],
) -> list[Finding]:
    out: list[Finding] = []
    for rec in hits.iter_rows(named=True):
        row = rec["_row"]
        context = {k: shown(v) for k, v in rec.items() if k not in ("_row", column)}
        value = rec.get(column)
        out.append(
            spec.finding(
                sheet=sheet,
                cell=f"{letter}{row}",
                row=row,
                column=column,
                value=None if value is None else shown(value),
                measure=measure,
                **(context | extra),
            )
        )
    return out


def measures_using(template: Template, table: Table, columns: Iterable[str]) -> str | None:
    """KPI ids (comma separated) of the template's measures that read any of ``columns``."""
    from kkik_xl.catalogue import CATALOGUE

    wanted = set(columns)
    quality = wanted - {c.name for c in table.columns} if table.quality_measure else set()
    kpis = [
        m.kpi
        for m in CATALOGUE.measures_of(template.id)
        if m.table == table.name and (wanted & set(m.inputs) or wanted & quality)
    ]
    return ", ".join(kpis) or None
