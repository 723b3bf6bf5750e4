"""The blocking work behind the API, calling exactly what the CLI calls (no second copy of any rule)."""

from __future__ import annotations

from dataclasses import dataclass

from kkik_xl.commands.validate import MARKABLE, ReportFormat, render
from kkik_xl.computation import UsageError
from kkik_xl.excel.result import ReadError
from kkik_xl.rules import ValidationReport, validate_workbook
from kkik_xl.rules.submittable import NOT_SUBMITTABLE, Refusal
from kkik_xl.server.errors import ApiError
from kkik_xl.server.uploads import Upload
from kkik_xl.submission.create import Refused, create_submission
from kkik_xl.submission.model import Submission

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
XLSM = "application/vnd.ms-excel.sheet.macroEnabled.12"


@dataclass(frozen=True)
class Marked:
    """The marked copy's bytes, its file name and media type."""

    content: bytes
    name: str
    media_type: str


def _params(upload: Upload) -> dict[str, str]:
    return {"period_start": upload.period_start} if upload.period_start else {}


def validate(upload: Upload) -> ValidationReport:
    """``kkik-xl validate`` on the upload, naming the file as the CLI does when run in its folder."""
    try:
        report = validate_workbook(upload.path, year=upload.year, params=_params(upload))
    except (ReadError, UsageError) as err:
        raise ApiError(422, err.reason) from None
    return report.model_copy(update={"file": upload.name})


def report_json(upload: Upload) -> tuple[str, ValidationReport]:
    """The text of ``kkik-xl validate --report json`` and the report."""
    report = validate(upload)
    return render(report, ReportFormat.JSON), report


def mark(upload: Upload) -> tuple[Marked, ValidationReport]:
    """The marked copy ``kkik-xl validate --mark`` writes."""
    from kkik_xl.excel.marking import mark_workbook

    if upload.path.suffix.lower() not in MARKABLE:
        raise ApiError(415, "Markerad kopia skrivs bara för .xlsx och .xlsm.")
    report = validate(upload)
    try:
        target = mark_workbook(upload.path, report.findings)
    except Exception as exc:  # the writers are stricter than the reader: say so, as the CLI does
        raise ApiError(422, f"Den markerade kopian kunde inte skrivas ({type(exc).__name__}).") from None
    media = XLSM if target.suffix.lower() == ".xlsm" else XLSX
    return Marked(target.read_bytes(), target.name, media), report


def submit(upload: Upload) -> Submission:
    """The submission ``kkik-xl submit`` writes, or 422 with the reasons."""
    try:
        return create_submission(upload.path, _params(upload))
    except Refusal as err:  # .xls, .ods, CSV: checked by validate, never submitted
        raise ApiError(415 if err.code == NOT_SUBMITTABLE.code else 422, err.reason) from None
    except (ReadError, UsageError) as err:
        raise ApiError(422, err.reason) from None
    except Refused as refused:
        raise RefusedError(refused.reasons) from None


class RefusedError(ApiError):
    """422 with the reasons listed (``{"error": ..., "reasons": [...]}``)."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(422, f"Inlämningen skapades inte. Åtgärda eller motivera först ({len(reasons)}).")
        self.reasons = reasons
