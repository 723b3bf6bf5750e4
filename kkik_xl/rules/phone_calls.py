"""KKIK-VA-010 and KKIK-VA-011: a test call's answer columns must agree (U00413, guide Mått 2)."""

from __future__ import annotations

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.measures.service import DIRECT, PERSON, SECONDS
from kkik_xl.rules.base import Rule, RuleContext, cell_findings

SECONDS_MISSING = register(
    "KKIK-VA-010",
    Severity.ERROR,
    "Sekunder saknas för ett besvarat samtal",
    "Samtalet besvarades av en person men cell {cell} ({column}) är tom. Skriv antal sekunder tills "
    "personen svarade. U00413 räknas inte förrän cellen är ifylld.",
)
DIRECT_UNANSWERED = register(
    "KKIK-VA-011",
    Severity.WARNING,
    "Direkt svar på ett obesvarat samtal",
    "Samtalet besvarades inte av någon person men cell {cell} ({column}) säger Ja. Ett obesvarat samtal "
    "räknas aldrig som direkt svar i U00413. Rätta Besvarat av person eller Direkt svar.",
)


def check(ctx: RuleContext) -> list[Finding]:
    """Answered without seconds (error); unanswered but answered directly (warning)."""
    table = ctx.template.table("Telefon")
    frame = ctx.present(table)
    if frame is None or not all(ctx.has_column(table, c) for c in (PERSON, SECONDS, DIRECT)):
        return []
    valid = frame.filter(~pl.col("_invalid"))
    no_seconds = valid.filter(pl.col(PERSON).fill_null(False) & pl.col(SECONDS).is_null())
    direct = valid.filter(~pl.col(PERSON).fill_null(True) & pl.col(DIRECT).fill_null(False))
    return [
        *cell_findings(
            SECONDS_MISSING, ctx, table, SECONDS, no_seconds.select("_row", SECONDS), measure="U00413"
        ),
        *cell_findings(
            DIRECT_UNANSWERED, ctx, table, DIRECT, direct.select("_row", DIRECT), measure="U00413"
        ),
    ]


RULE = Rule(
    "phone_calls", (SECONDS_MISSING, DIRECT_UNANSWERED), check, templates=("service",), measures=("U00413",)
)
