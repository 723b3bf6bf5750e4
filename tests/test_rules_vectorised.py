"""Rules work on whole columns: Python touches only the rows that become findings, never every row.

Every polars entry point that hands rows or values to Python is wrapped and counted while all rules
run on the example rows of each template (20,000 drawn, those with findings left out); the count
must not exceed the number of findings.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import polars as pl
import pytest
from frames import typed_frame
from rule_helpers import rule_context

from kkik_xl.catalogue import CATALOGUE, ColumnType, Table, Template
from kkik_xl.excel.example_rows import example_rows
from kkik_xl.findings import Finding
from kkik_xl.parsing import parse_janej
from kkik_xl.rules import RULES, RuleContext
from kkik_xl.rules.summarise import MAX_RANGES

N = 20_000
TEMPLATES = [t.id for t in CATALOGUE.templates]


class RowCounter:
    """Counts rows and values that polars hands to Python."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.rows = 0
        self.python_udfs = 0
        self._wrap_bulk(monkeypatch)
        for owner in (pl.Expr, pl.Series):
            monkeypatch.setattr(owner, "map_elements", self._udf(owner.map_elements))
        monkeypatch.setattr(pl.DataFrame, "map_rows", self._udf(pl.DataFrame.map_rows))

    def _wrap_bulk(self, monkeypatch: pytest.MonkeyPatch) -> None:
        # iter_rows and Series iteration go through rows() and to_list() in slices, so they count too.
        for owner, name in ((pl.DataFrame, "rows"), (pl.DataFrame, "to_dicts"), (pl.Series, "to_list")):
            original = getattr(owner, name)

            def counted(obj: Any, *args: Any, _original: Callable[..., Any] = original, **kwargs: Any) -> Any:
                self.rows += len(obj)
                return _original(obj, *args, **kwargs)

            monkeypatch.setattr(owner, name, counted)

    def _udf(self, original: Callable[..., Any]) -> Callable[..., Any]:
        def counted(*args: Any, **kwargs: Any) -> Any:
            self.python_udfs += 1
            return original(*args, **kwargs)

        return counted


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_rules_touch_only_the_rows_they_report(template_id: str, monkeypatch: pytest.MonkeyPatch) -> None:
    template = CATALOGUE.template(template_id)
    frames = {
        tab.name: typed_frame(template_id, tab.name, _typed_rows(template, tab)) for tab in template.tables
    }
    params = {"period_start": template.parameters[0].default} if template.parameters else {}
    params = {k: _date(v) for k, v in params.items()}
    first = _run(rule_context(template_id, frames, **params))
    # Keep the rows without findings, so that rows touched can be told apart from rows reported.
    reported = {(f.sheet, f.row) for f in first}
    frames = {
        tab.name: frame.filter(~pl.col("_row").is_in([r for s, r in reported if s == tab.sheet]))
        for tab in template.tables
        for frame in [frames[tab.name]]
    }
    ctx = rule_context(template_id, frames, **params)
    rows = sum(f.height for f in frames.values())
    assert rows > N // 4
    counter = RowCounter(monkeypatch)
    findings = _run(ctx)
    assert counter.python_udfs == 0
    # A summary of many identical findings (rules/summarise.py) names at most MAX_RANGES row ranges.
    summaries = sum(1 for f in findings if f.count)
    assert counter.rows <= len(findings) + 10 + MAX_RANGES * summaries, (
        counter.rows,
        len(findings),
        summaries,
    )
    assert len(findings) < rows // 4, (len(findings), rows)  # so the bound above means something


def _run(ctx: RuleContext) -> list[Finding]:
    return [f for rule in RULES if rule.applies(ctx.template.id) for f in rule.check(ctx)]


def _typed_rows(template: Template, table: Table) -> list[dict[str, Any]]:
    """Example rows as the reader types them (Ja/Nej as booleans)."""
    janej = [c.name for c in table.columns_for_year(2025) if c.type is ColumnType.JANEJ]
    rows = example_rows(template, table, 2025, n=N)
    unique = [
        c.name for c in table.columns if c.name in table.key and c.type is ColumnType.TEXT and not c.is_id
    ]
    for i, row in enumerate(rows):
        for name in unique:  # example keys repeat on purpose (Samtal 3): number them
            row[name] = f"{row[name]}-{i}"
        for name in janej:
            if isinstance(row.get(name), str):
                row[name] = parse_janej(row[name])
    return rows


def _date(text: str | None) -> Any:
    from datetime import date

    return date.fromisoformat((text or "").format(year=2025))
