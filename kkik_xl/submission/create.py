"""A workbook → its submission, or the reasons it is refused: the core of ``submit`` and the service."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from kkik_xl.submission.build import build_submission, refusal_reasons
from kkik_xl.submission.model import Submission
from kkik_xl.submission.prepare import prepare


class Refused(Exception):
    """Errors or unjustified warnings stop the submission; ``reasons`` are Swedish lines."""

    def __init__(self, reasons: list[str]) -> None:
        super().__init__(f"{len(reasons)} skäl")
        self.reasons = reasons


def create_submission(
    workbook: Path,
    settings: Mapping[str, str] | None = None,
    *,
    synthetic: bool = False,
    removed: list[str] | None = None,
) -> Submission:
    """The submission of ``workbook``; ``removed`` collects where control characters were stripped.

    Raises :class:`Refused`, :class:`kkik_xl.excel.result.ReadError` (unreadable) or
    :class:`kkik_xl.computation.UsageError` (cannot be used).
    """
    prep = prepare(workbook, settings)
    reasons = refusal_reasons(prep.findings)
    if reasons:
        raise Refused(reasons)
    return build_submission(prep, synthetic=synthetic, removed=removed)
