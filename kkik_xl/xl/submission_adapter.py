"""Skapa inlämning and Signera in Excel: thin calls into :mod:`kkik_xl.submission`.

Until the submission functions are part of this version, both say so in Swedish.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

from kkik_xl.xl.refusal import Refusal

NOT_AVAILABLE = "{what} är inte tillgänglig i denna version av kkik-xl."


def _function(name: str, what: str) -> Any:
    try:
        module = importlib.import_module("kkik_xl.submission")
    except ImportError:
        raise Refusal(NOT_AVAILABLE.format(what=what)) from None
    func = getattr(module, name, None)
    if func is None:
        raise Refusal(NOT_AVAILABLE.format(what=what))
    return func


def create(path: Path) -> str:
    """Create the submission file beside the workbook; returns the message to show."""
    _function("submit", "Skapa inlämning")
    raise Refusal(NOT_AVAILABLE.format(what="Skapa inlämning"))


def sign_latest(path: Path) -> str:
    """Sign the submission file beside the workbook; returns the message to show."""
    _function("sign", "Signera")
    raise Refusal(NOT_AVAILABLE.format(what="Signera"))
