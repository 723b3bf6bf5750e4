"""Skapa inlämning and Signera in Excel: the same calls as ``kkik-xl submit`` and ``kkik-xl sign``.

The submission file is written beside the workbook with its standard name
``<kommunkod>_<mall>_<år>.kkik.json``. Signera signs that file in the next role, as the Windows user
who is logged in, after a yes/no question.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable
from pathlib import Path

from kkik_xl.computation import UsageError
from kkik_xl.excel.result import ReadError
from kkik_xl.submission.build import build_submission, refusal_reasons
from kkik_xl.submission.io import SubmissionError, load_submission, save_submission
from kkik_xl.submission.model import ROLE_SV
from kkik_xl.submission.prepare import Prepared, municipality, prepare
from kkik_xl.submission.signing import SigningError, next_role, sign
from kkik_xl.xl.refusal import Refusal

MAX_REASONS = 10
Ask = Callable[[str], bool]


def _prepare(path: Path) -> Prepared:
    try:
        return prepare(path)
    except (ReadError, UsageError) as err:
        raise Refusal(err.reason) from None


def create(path: Path) -> str:
    """Write the submission file beside the workbook, or refuse with the reasons; returns the message."""
    prep = _prepare(path)
    reasons = refusal_reasons(prep.findings)
    if reasons:
        shown = "\n".join(f"– {r}" for r in reasons[:MAX_REASONS])
        more = f"\n… och {len(reasons) - MAX_REASONS} till." if len(reasons) > MAX_REASONS else ""
        raise Refusal(
            f"Inlämningen skapades inte. Åtgärda eller motivera först ({len(reasons)}):\n{shown}{more}\n"
            "Kör Validera för att se allt markerat i arbetsboken."
        )
    try:
        sub = build_submission(prep)
    except UsageError as err:
        raise Refusal(err.reason) from None
    try:
        target = save_submission(sub, path.parent / sub.file_name())
    except SubmissionError as err:
        raise Refusal(err.reason) from None
    defined = sum(m.value is not None for m in sub.measures)
    return (
        f"Inlämningsfilen är skapad: {target}\n{defined} av {len(sub.measures)} mått har värde.\n"
        "Nästa steg: Signera (registrerad)."
    )


def submission_path(path: Path) -> Path:
    """Where :func:`create` writes the submission file of the workbook at ``path``."""
    prep = _prepare(path)
    try:
        code = municipality(prep.read).kod
    except UsageError as err:
        raise Refusal(err.reason) from None
    return path.parent / f"{code}_{prep.template.id}_{prep.year}.kkik.json"


def signer() -> str:
    """Who signs: the Windows user name."""
    return getpass.getuser()


def sign_latest(path: Path, ask: Ask) -> str:
    """Sign the workbook's submission file in the next role after ``ask`` confirms; returns the message."""
    target = submission_path(path)
    if not target.is_file():
        raise Refusal(
            f"Inlämningsfilen {target.name} finns inte bredvid arbetsboken. Kör Skapa inlämning först."
        )
    try:
        sub = load_submission(target)
    except SubmissionError as err:
        raise Refusal(str(err)) from None
    role = next_role(sub)
    if role is None:
        raise Refusal(f"{target.name} är redan fullständigt signerad.")
    by = signer()
    if not ask(f"Signera {target.name} som {ROLE_SV[role]} ({by})?"):
        raise Refusal("Ingen signatur gjordes.")
    try:
        signed = sign(sub, role, by)
    except SigningError as err:
        raise Refusal(err.reason) from None
    try:
        save_submission(signed, target)
    except SubmissionError as err:
        raise Refusal(err.reason) from None
    following = next_role(signed)
    then = (
        "Inlämningen är fullständigt signerad."
        if following is None
        else (f"Nästa signatur: {ROLE_SV[following]}, av en annan person.")
    )
    return f"Signerade {target.name} som {ROLE_SV[role]} ({by}).\n{then}"
