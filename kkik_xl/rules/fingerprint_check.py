"""KKIK-MA-002: the workbook's structure differs from the template's (fingerprint mismatch).

The fingerprint is recomputed with :mod:`kkik_xl.excel.fingerprint` (openpyxl) and compared with the
value stored in ``_meta``. openpyxl reads a copy without the rows of the Table sheets
(:mod:`kkik_xl.excel.structure_copy`; they are not fingerprinted), so a filled sheet costs only its
decompression. Files above :data:`MAX_BYTES` are still not fingerprinted (decompressing a 1M-row
sheet alone costs about a second more), and so are files with a Table sheet whose XML is larger than
the merged-cell scan's limit (:data:`kkik_xl.excel.sheet_xml.MAX_SCAN_BYTES`): such a sheet is
inflated once, by the reader, and not a second time only to skip its rows. An info finding says so.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import BinaryIO

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
    "Mallens struktur (fingeravtrycket) kontrollerades inte: {reason}.",
)
MAX_BYTES = 25 << 20


def skip_reason(path: Path) -> str | None:
    """Why the fingerprint of ``path`` is not recomputed (file or a Table sheet too large), else ``None``.

    Only the zip directory is read: nothing is inflated to decide.
    """
    if path.stat().st_size > MAX_BYTES:
        return f"filen är större än {MAX_BYTES >> 20} MB"
    import zipfile

    from kkik_xl.excel.meta import sheet_members
    from kkik_xl.excel.sheet_xml import MAX_SCAN_BYTES
    from kkik_xl.excel.structure_copy import table_sheets

    try:
        with zipfile.ZipFile(path) as zf:
            names = {member: name for name, member in sheet_members(zf).items()}
            sizes = {m: zf.getinfo(m).file_size for m in table_sheets(zf)}
    except (OSError, zipfile.BadZipFile, KeyError):
        return None
    big = sorted((size, names.get(m, m)) for m, size in sizes.items() if size > MAX_SCAN_BYTES)
    if not big:
        return None
    size, sheet = big[-1]
    return f"bladet {sheet} är för stort ({size >> 20} MB som XML) för att läsas en gång till"


def check(ctx: RuleContext) -> list[Finding]:
    """Recompute and compare the fingerprint when the file has one and is small enough."""
    stored = ctx.read.meta.fingerprint
    path = ctx.read.path
    if not stored or path.suffix.lower() not in (".xlsx", ".xlsm"):
        return []
    reason = skip_reason(path)  # before importing openpyxl: that alone takes ~0.5 s
    if reason is not None:
        return [NOT_CHECKED.finding(reason=reason)]
    try:
        module = importlib.import_module("kkik_xl.excel.fingerprint")
    except ImportError:
        return []
    from openpyxl import load_workbook

    from kkik_xl.excel.structure_copy import structure_copy

    try:
        # The Table sheets' rows are not fingerprinted; the reader's scan already made their slim XML.
        source: Path | BinaryIO = structure_copy(path, ctx.read.slim_sheets)
    except ValueError:
        source = path
    try:
        wb = load_workbook(source, keep_vba=False, rich_text=False)
    except Exception as err:  # openpyxl is stricter than fastexcel: a file both read is still validated
        reason = f"filen kunde inte öppnas för kontrollen ({type(err).__name__})"
        return [NOT_CHECKED.finding(reason=reason)]
    try:
        valid = tuple(module.fingerprints(wb))
    finally:
        wb.close()
    if stored.strip() in valid:
        return []
    return [CHANGED.finding()]  # the whole workbook: never a cell on the hidden _meta sheet


RULE = Rule("fingerprint", (CHANGED, NOT_CHECKED), check)
