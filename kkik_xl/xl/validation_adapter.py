"""Validera in Excel: the CLI's ``validate_workbook`` on the saved file, marks into the live workbook."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from kkik_xl.computation import UsageError
from kkik_xl.excel import marking
from kkik_xl.excel.result import ReadError
from kkik_xl.findings import SEVERITY_NOUN, Severity
from kkik_xl.rules import ValidationReport, validate_workbook
from kkik_xl.sv_text import counted
from kkik_xl.xl.marking_xlwings import XlwingsMarkWriter
from kkik_xl.xl.refusal import Refusal


def summary(report: ValidationReport, writer: XlwingsMarkWriter) -> str:
    """The Swedish message shown when validation is done."""
    counts = ", ".join(counted(report.count(s), SEVERITY_NOUN[s]) for s in Severity)
    lines = [f"Kontrollen är klar: {counts}."]
    if report.findings:
        lines.append("Cellerna är färgade och alla fynd finns på bladet Kontroll.")
    unjustified = len(report.unjustified_warnings)
    if unjustified:
        lines.append(
            f"{counted(unjustified, 'varning')} saknar motivering "
            "(kolumnen Motivering på bladet Kontroll eller en anteckning som börjar med ”Motivering:”)."
        )
    if writer.notes_skipped:
        lines.append(
            f"{counted(writer.notes_skipped, 'cell')} fick ingen kommentar (för många); se bladet Kontroll."
        )
    lines.append(
        "Inlämning kan skapas." if not report.has_errors else "Rätta felen innan du skapar inlämningen."
    )
    lines.append("Spara arbetsboken för att behålla markeringarna.")
    return "\n".join(lines)


def validate_and_mark(book: Any, save: Callable[[], Path]) -> str:
    """Clear the previous marks, ``save()`` the book, validate the saved file and mark the open book.

    Returns the message to show. Clearing before saving keeps old marks out of the file on disk.
    """
    writer = XlwingsMarkWriter(book)
    writer.clear_previous()
    path = save()
    try:
        report = validate_workbook(path)
    except (ReadError, UsageError) as err:
        raise Refusal(err.reason) from None
    marking.apply(writer, report.findings)
    return summary(report, writer)
