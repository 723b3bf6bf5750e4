"""Adapter from the submission model (:mod:`kkik_xl.submission`) to what merge and preview need."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from kkik_xl.coordinator.merge import Loaded, Rejected
from kkik_xl.submission import (
    Submission,
    SubmissionError,
    is_fully_signed,
    last_signed_at,
    load_submission,
    verify_submission,
)
from kkik_xl.submission.keys import PublicKeys
from kkik_xl.submission.model import ROLE_ORDER


def latest_time(sub: Submission) -> datetime:
    """When the submission was last signed, else when it was created."""
    return last_signed_at(sub) or sub.created


def to_loaded(path: Path, sub: Submission, *, fully_signed: bool | None = None) -> Loaded:
    """The merge's view of a submission: scope, signing state, time and the values per KPI and gender.

    ``fully_signed`` may be passed when already known (saves re-checking the signature chain).
    """
    return Loaded(
        path=path,
        kommunkod=sub.municipality.code,
        year=sub.year,
        template=sub.template.id,
        fully_signed=is_fully_signed(sub) if fully_signed is None else fully_signed,
        time=latest_time(sub),
        values=tuple((m.kpi, m.gender, m.value) for m in sub.measures),
        synthetic=sub.is_synthetic(),
        undefined=tuple((m.kpi, m.reason or "inget värde") for m in sub.measures if m.value is None),
    )


def read_submission(path: Path, keys: PublicKeys | None = None) -> Loaded:
    """Load, validate and verify one file; :class:`Rejected` carries the Swedish reason.

    With ``keys`` (the coordinator's public key list) every signature must carry a valid key signature.
    """
    try:
        sub = load_submission(path)
    except SubmissionError as exc:
        raise Rejected(str(exc)) from exc
    problems = verify_submission(sub, keys)
    if problems:
        raise Rejected(" ".join(problems), to_loaded(path, sub, fully_signed=False))
    # verify_submission includes every signature problem, so with none left the submission is fully
    # signed exactly when all roles have signed (the definition of is_fully_signed).
    return to_loaded(path, sub, fully_signed=len(sub.signatures) == len(ROLE_ORDER))
