"""Build a :class:`RuleContext` from contract frames, and run one rule, for the per-rule tests.

Frame-level tests exercise a rule's logic exactly (cells, codes, messages) without a workbook;
workbook-level tests (``validate_workbook``) cover the reading in front of the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import polars as pl

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.frames import empty_frame
from kkik_xl.excel.result import ReadResult
from kkik_xl.findings import Finding
from kkik_xl.measures import ENGINES, MeasureContext, MeasureResult, compute_template
from kkik_xl.rules import Rule, RuleContext

YEAR = 2025


def rule_context(
    template_id: str,
    frames: Mapping[str, pl.DataFrame],
    *,
    year: int = YEAR,
    path: Path = Path("frames.csv"),
    read_findings: Sequence[Finding] = (),
    missing_columns: Mapping[str, list[str]] | None = None,
    missing_tables: Sequence[str] = (),
    results: Sequence[MeasureResult] | None = None,
    last_year: Mapping[str, float] | None = None,
    **params: Any,
) -> RuleContext:
    """A context like ``validate_workbook`` builds; results are computed from the frames unless given."""
    template = CATALOGUE.template(template_id)
    tables = dict(frames)
    for tab in template.tables:
        tables.setdefault(tab.name, empty_frame(tab.columns_for_year(year)))
    read = ReadResult(
        path=path,
        template_id=template_id,
        tables=dict(frames),
        findings=list(read_findings),
        missing_columns=dict(missing_columns or {}),
        missing_tables=list(missing_tables),
    )
    mctx = MeasureContext.first_half(year, **params)
    if results is None:
        results = compute_template(template_id, tables, mctx) if template_id in ENGINES else []
    return RuleContext(template, year, tables, read, mctx, results=results, last_year=dict(last_year or {}))


def places(findings: Iterable[Finding]) -> list[tuple[str | None, str | None, str]]:
    """``(sheet, cell, code)`` of each finding, sorted."""
    return sorted(((f.sheet, f.cell, f.code) for f in findings), key=lambda t: (str(t[0]), str(t[1]), t[2]))


def run(rule: Rule, ctx: RuleContext) -> list[Finding]:
    """The rule's findings, in the engine's order."""
    assert rule.applies(ctx.template.id), f"{rule.name} does not apply to {ctx.template.id}"
    return sorted(rule.check(ctx), key=Finding.sort_key)
