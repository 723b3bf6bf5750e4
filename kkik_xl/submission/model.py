"""The submission document (``*.kkik.json``): a pydantic model, the source of the JSON schema.

A submission carries computed values and their audit trail, never raw rows or personal data:
input rows are represented only by the SHA-256 of their canonical form.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

FORMAT = "kkik-xl-inlamning"
FORMAT_VERSION = 1
SYNTHETIC = "syntetisk"  # rules_version of invented demo/test submissions
SHA256_PATTERN = r"^[0-9a-f]{64}$"


class Role(StrEnum):
    """Sign-off roles in their required order."""

    REGISTRERAD = "registrerad"
    KONTROLLERAD = "kontrollerad"
    GODKAND = "godkand"


ROLE_ORDER = (Role.REGISTRERAD, Role.KONTROLLERAD, Role.GODKAND)
ROLE_SV = {Role.REGISTRERAD: "registrerad", Role.KONTROLLERAD: "kontrollerad", Role.GODKAND: "godkänd"}
ROLES_TEXT = "registrerad, kontrollerad eller godkänd"


def parse_role(text: str) -> Role | None:
    """The role named by ``text`` in any letter case, ``godkänd`` or ``godkand``; ``None`` if unknown."""
    wanted = " ".join(text.split()).casefold()
    return next((r for r in ROLE_ORDER if wanted in (r.value, ROLE_SV[r].casefold())), None)


class _Doc(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_serialization_defaults_required=True)


class TemplateRef(_Doc):
    """The template the workbook was made from."""

    id: str = Field(pattern=r"^[a-z][a-z-]*$")
    version: str
    fingerprint: str | None = Field(default=None, description="SHA-256 of the workbook structure.")


class Municipality(_Doc):
    """SCB municipality code (four digits) and name."""

    code: str = Field(pattern=r"^\d{4}$")
    name: str


class Period(_Doc):
    """The measurement period used for the computation (closed interval)."""

    start: date
    end: date


class UnitValue(_Doc):
    """A measure computed for one unit or group (from the template's unit column)."""

    unit: str
    value: float | None
    display: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    rows_used: int = Field(ge=0)


class MeasureEntry(_Doc):
    """One measure: Kolada KPI, gender, value at full precision and as displayed, audit counts."""

    kpi: str = Field(pattern=r"^[NU]\d{5}$")
    gender: Literal["T", "K", "M"] = "T"
    title: str
    unit: str
    decimals: int = Field(ge=0)
    value: float | None
    display: str | None = Field(description="The value rounded as Kolada shows it (decimal comma).")
    reason: str | None = Field(default=None, description="Why the value is undefined.")
    numerator: float | None = None
    denominator: float | None = None
    count: int | None = Field(default=None, description="The value as a count, for count measures.")
    rows_used: int = Field(ge=0)
    excluded: dict[str, int] = Field(default_factory=dict)
    units: list[UnitValue] = Field(default_factory=list)


class WarningEntry(_Doc):
    """A warning (or other finding) carried into the submission with its justification."""

    code: str
    severity: Literal["error", "warning", "info"]
    message: str
    sheet: str | None = None
    cell: str | None = None
    row: int | None = None
    column: str | None = None
    measure: str | None = None
    justification: str | None = None


class FindingsSummary(_Doc):
    """Counts per severity and every warning with its justification."""

    errors: int = Field(ge=0)
    warnings: int = Field(ge=0)
    infos: int = Field(ge=0)
    warning_list: list[WarningEntry] = Field(default_factory=list)


class Checksums(_Doc):
    """SHA-256 of the canonical input rows and of the submission content."""

    input_rows_sha256: str = Field(pattern=SHA256_PATTERN)
    content_sha256: str = Field(pattern=SHA256_PATTERN)


class Signature(_Doc):
    """One sign-off: role, who (a role or name), UTC time, the content checksum signed, chain link."""

    role: Role
    by: str = Field(min_length=1)
    time: datetime
    content_sha256: str = Field(pattern=SHA256_PATTERN)
    previous_sha256: str | None = Field(default=None, pattern=SHA256_PATTERN)
    key_id: str | None = Field(default=None, pattern=r"^[0-9a-f]{16}$")
    ed25519: str | None = Field(default=None, description="Base64 ed25519 signature of the entry.")


class Submission(_Doc):
    """A department's submission of one template for one municipality and year."""

    format: Literal["kkik-xl-inlamning"] = "kkik-xl-inlamning"
    format_version: int = Field(ge=1)
    tool_version: str
    created: datetime
    template: TemplateRef
    catalogue_version: str
    rules_version: str
    municipality: Municipality
    department: str | None = None
    year: int = Field(ge=2000, le=2100)
    period: Period
    parameters: dict[str, str] = Field(default_factory=dict)
    measures: list[MeasureEntry]
    findings: FindingsSummary
    checksums: Checksums
    signatures: list[Signature] = Field(default_factory=list)

    def is_synthetic(self) -> bool:
        """True for an invented demo/test submission: ``rules_version`` is ``syntetisk`` or starts
        ``syntetisk (`` (``submit --syntetisk`` keeps the real rules version in the parentheses)."""
        return self.rules_version == SYNTHETIC or self.rules_version.startswith(f"{SYNTHETIC} (")

    def file_name(self) -> str:
        """``<kommunkod>_<template>_<year>.kkik.json``."""
        return f"{self.municipality.code}_{self.template.id}_{self.year}.kkik.json"
