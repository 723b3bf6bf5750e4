"""KKIK-MA-002: the workbook's structure differs from the template's (fingerprint mismatch).

The fingerprint is recomputed with :mod:`kkik_xl.excel.fingerprint` (openpyxl) and compared with the
value stored in ``_meta``. Loading a very large workbook with openpyxl is slow, so files above
:data:`MAX_BYTES` are not fingerprinted; an info finding says so.
"""

from __future__ import annotations

import importlib

from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext

CHANGED = register(
    "KKIK-MA-002",
    Severity.WARNING,
    "Mallens struktur är ändrad",
    "Mallens struktur (blad, tabeller, rubriker, listor eller formler) har ändrats sedan den skapades. "
    "Kontrollera att inget blad, ingen kolumn och ingen formel har ändrats eller tagits bort.",
)
NOT_CHECKED = register(
    "KKIK-MA-006",
    Severity.INFO,
    "Strukturen kontrollerades inte",
    "Filen är större än {limit} MB, så mallens struktur (fingeravtrycket) kontrollerades inte.",
)
MAX_BYTES = 25 << 20


def check(ctx: RuleContext) -> list[Finding]:
    """Recompute and compare the fingerprint when the file has one and is small enough."""
    stored = ctx.read.meta.fingerprint
    path = ctx.read.path
    if not stored or path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    try:
        module = importlib.import_module("kkik_xl.excel.fingerprint")
    except ImportError:
        return []
    if path.stat().st_size > MAX_BYTES:
        return [NOT_CHECKED.finding(sheet="_meta", limit=MAX_BYTES >> 20)]
    actual = str(module.file_fingerprint(path))
    if actual == stored.strip():
        return []
    return [CHANGED.finding(sheet="_meta", cell="B5")]


RULE = Rule("fingerprint", (CHANGED, NOT_CHECKED), check)
