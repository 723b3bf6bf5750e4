"""KKIK-ST-004: a big jump against last year's value (warning).

Last year's values are given as a JSON object ``{"KPI": value}`` (``kkik-xl validate --last-year FIL.json``).
A jump is more than 15 percentage points for percentages, otherwise more than 30 % of last year's value.
"""

from __future__ import annotations

from kkik_xl.catalogue import CATALOGUE, Unit
from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, shown

JUMP = register(
    "KKIK-ST-004",
    Severity.WARNING,
    "Stor förändring mot förra året",
    "Måttet {measure} ({title}) är {value} i år mot {last} förra året. Kontrollera underlaget eller motivera "
    "förändringen.",
)
PERCENT_POINTS = 15.0
RELATIVE = 0.30


def is_jump(unit: Unit, now: float, last: float) -> bool:
    """True when the change from ``last`` to ``now`` is larger than the thresholds."""
    if unit is Unit.PERCENT:
        return abs(now - last) > PERCENT_POINTS
    return abs(now - last) > RELATIVE * abs(last) if last else now != 0


def check(ctx: RuleContext) -> list[Finding]:
    """Measures with a value this year and last year that changed by more than the threshold."""
    out: list[Finding] = []
    for result in ctx.results:
        last = ctx.last_year.get(result.kpi)
        if last is None or result.value is None:
            continue
        measure = CATALOGUE.measure(result.kpi)
        if is_jump(measure.unit, result.value, last):
            sheet = ctx.template.table(measure.table).sheet if measure.table else None
            out.append(
                JUMP.finding(
                    sheet=sheet,
                    measure=result.kpi,
                    title=measure.short_title,
                    value=shown(round(result.value, measure.decimals)),
                    last=shown(float(last)),
                )
            )
    return out


RULE = Rule("jump", (JUMP,), check, after_measures=True)
