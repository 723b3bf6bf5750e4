"""KKIK-VA-012: a column that a chosen setting makes necessary is blank (U33400 with ensamkommande out)."""

from __future__ import annotations

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.measures.ungdomar import ALONE, ALONE_EXCLUDE, ALONE_PARAM
from kkik_xl.rules.base import Rule, RuleContext, cell_findings

SETTING_BLANK = register(
    "KKIK-VA-012",
    Severity.ERROR,
    "Tom cell som inställningen behöver",
    "Cell {cell} i kolumnen {column} är tom, men inställningen {setting} gör att måttet behöver den. "
    "Raden räknas inte förrän cellen är ifylld.",
)


def check(ctx: RuleContext) -> list[Finding]:
    """Blank Ensamkommande while ``ungdomar_ensamkommande=utesluta`` is in force."""
    if ctx.measure_ctx.params.get(ALONE_PARAM) != ALONE_EXCLUDE:
        return []
    table = ctx.template.table("Avslut")
    frame = ctx.present(table)
    if frame is None or not ctx.has_column(table, ALONE):
        return []
    hits = frame.filter(pl.col(ALONE).is_null() & ~pl.col("_invalid")).select("_row", ALONE)
    setting = f"{ALONE_PARAM}={ALONE_EXCLUDE}"
    return cell_findings(SETTING_BLANK, ctx, table, ALONE, hits, measure="U33400", setting=setting)


RULE = Rule("setting_columns", (SETTING_BLANK,), check, templates=("ungdomar",), measures=("U33400",))
