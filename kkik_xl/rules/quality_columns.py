"""KKIK-MA-004: quality-indicator columns of the measurement year are missing (wrong year's template)."""

from __future__ import annotations

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, measures_using

QUALITY_MISSING = register(
    "KKIK-MA-004",
    Severity.ERROR,
    "Kvalitetsaspekter för året saknas",
    "Tabellen {table} saknar kvalitetsaspekterna {names}, som gäller för {year}. "
    "Mallen är troligen för ett annat år: hämta mallen för {year}.",
)


def check(ctx: RuleContext) -> list[Finding]:
    """One finding per quality table listing the year's missing indicator columns."""
    out: list[Finding] = []
    for table in ctx.template.tables:
        wanted = list(table.quality_names(ctx.year))
        if not wanted or table.name not in ctx.tables:
            continue
        missing = [n for n in wanted if n in ctx.read.missing_columns.get(table.name, [])]
        if missing:
            out.append(
                QUALITY_MISSING.finding(
                    sheet=ctx.sheet(table),
                    table=table.name,
                    names=", ".join(missing),
                    year=ctx.year,
                    measure=measures_using(ctx.template, table, missing),
                )
            )
    return out


RULE = Rule("quality_columns", (QUALITY_MISSING,), check, templates=("lss", "sarskilt-boende"))
