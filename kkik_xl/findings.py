"""Findings: every problem found in a workbook is data, never an exception."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from kkik_xl.personnummer import find_personnummer, mask_text


class Severity(StrEnum):
    """``error`` blocks submission, ``warning`` needs a written justification, ``info`` is advice."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


SEVERITY_SV = {Severity.ERROR: "Fel", Severity.WARNING: "Varning", Severity.INFO: "Information"}
SEVERITY_NOUN = {
    Severity.ERROR: "fel",
    Severity.WARNING: "varning",
    Severity.INFO: "upplysning",
}  # sv_text.counted


class Finding(BaseModel):
    """One finding with its place in the workbook and a Swedish message."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    message: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    value: str | None = None
    measure: str | None = None
    justification: str | None = None
    anchor: str | None = None
    """``Kod|Kolumn|radhash`` of a finding on a table row: what its Motivering follows (Kontroll Ankare)."""
    count: int | None = None
    """Set on a summary finding: how many identical findings it stands for (see ``rules/summarise``)."""

    def sort_key(self) -> tuple[str, int, str, str]:
        """Stable order: sheet, row, cell, code."""
        return (self.sheet or "", self.row or 0, self.cell or "", self.code)


MASKED_FIELDS = ("sheet", "column", "value", "message", "justification")


def mask_finding(finding: Finding) -> Finding:
    """A finding with any personnummer masked in every text it carries: sheet, column (an extra
    column's header), value, message and justification. The marking finds a sheet by its masked name."""
    update = {}
    for name in MASKED_FIELDS:
        text = getattr(finding, name)
        if text and find_personnummer(text):
            update[name] = mask_text(text)
    return finding.model_copy(update=update) if update else finding
