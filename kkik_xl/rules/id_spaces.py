"""KKIK-PN-002: an ID column with a space may hold a name (names cannot be detected otherwise)."""

from __future__ import annotations

import polars as pl

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext, cell_findings

SPACE_IN_ID = register(
    "KKIK-PN-002",
    Severity.WARNING,
    "Mellanslag i en ID-kolumn",
    "Cell {cell} i kolumnen {column} innehåller ett mellanslag. ID-kolumner ska ha löpnummer eller "
    "koder, aldrig namn. Kontrollera att det inte är ett namn.",
)


_WHITE_SPACE = (*range(0x09, 0x0E), 0x20, 0x85, 0xA0, 0x1680, *range(0x2000, 0x200B), 0x2028, 0x2029)
WHITESPACE = tuple(chr(c) for c in (*_WHITE_SPACE, 0x202F, 0x205F, 0x3000))
"""Unicode's White_Space characters: exactly what ``\\s`` matches in polars' patterns (tested on every
code point). Searching for them as plain text is about twice as fast as the pattern."""


def check(ctx: RuleContext) -> list[Finding]:
    """Text with an inner space in an ``is_id`` column."""
    out: list[Finding] = []
    for table in ctx.template.tables:
        frame = ctx.present(table)
        if frame is None:
            continue
        for col in table.columns:
            if not col.is_id or not ctx.has_column(table, col.name):
                continue
            hits = frame.filter(pl.col(col.name).str.contains_any(list(WHITESPACE)).fill_null(False))
            out += cell_findings(SPACE_IN_ID, ctx, table, col.name, hits.select("_row", col.name))
    return out


RULE = Rule("id_spaces", (SPACE_IN_ID,), check)
