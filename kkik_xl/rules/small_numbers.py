"""KKIK-ST-003: a percentage computed from fewer than five cases (information)."""

from __future__ import annotations

from kkik_xl.catalogue import CATALOGUE, Unit
from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext

SMALL_BASE = register(
    "KKIK-ST-003",
    Severity.INFO,
    "Andelen bygger på få fall",
    "Måttet {measure} ({title}) bygger på bara {n} fall. Med färre än {minimum} fall kan enskilda personer "
    "gå att identifiera och andelen säger lite; tänk på det när resultatet visas.",
)
MINIMUM = 5


def check(ctx: RuleContext) -> list[Finding]:
    """Percentage measures whose denominator is between 1 and 4."""
    out: list[Finding] = []
    for result in ctx.results:
        measure = CATALOGUE.measure(result.kpi)
        if measure.unit is not Unit.PERCENT or result.denominator is None:
            continue
        n = int(result.denominator) if measure.kpi not in ("U23488", "U28423") else result.rows_used
        if 0 < n < MINIMUM:
            sheet = ctx.template.table(measure.table).sheet if measure.table else None
            out.append(
                SMALL_BASE.finding(
                    sheet=sheet, measure=result.kpi, title=measure.short_title, n=n, minimum=MINIMUM
                )
            )
    return out


RULE = Rule("small_numbers", (SMALL_BASE,), check, after_measures=True)
