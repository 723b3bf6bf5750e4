"""Submission files (``*.kkik.json``): document model, checksums, sign-off, verification, Kolada export.

Public API for other layers (the coordinator): :func:`load_submission`, :func:`verify_submission`,
:func:`is_fully_signed`, :func:`last_signed_at`, :class:`Submission`, :class:`SubmissionError`.
"""

from __future__ import annotations

from kkik_xl.submission.io import SubmissionError, load_submission, save_submission
from kkik_xl.submission.model import FORMAT_VERSION, Role, Submission
from kkik_xl.submission.signing import is_fully_signed, last_signed_at
from kkik_xl.submission.verify import verify_submission

__all__ = [
    "FORMAT_VERSION",
    "Role",
    "Submission",
    "SubmissionError",
    "is_fully_signed",
    "last_signed_at",
    "load_submission",
    "save_submission",
    "verify_submission",
]
