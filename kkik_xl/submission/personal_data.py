"""The submission writer's last line of defence: no personnummer anywhere in the serialised file.

Every key and every text value of the JSON that is about to be written is run through the one detector
(:mod:`kkik_xl.personnummer`); checksums, the workbook fingerprint and signature bytes are technical
values, not text from the workbook, and are skipped. A match means a bug or a text that slipped past
validation: the file is not written at all.
"""

from __future__ import annotations

import json
from typing import Any

from kkik_xl.personnummer import find_personnummer, mask_text

TECHNICAL_KEYS = frozenset(
    ("input_rows_sha256", "content_sha256", "previous_sha256", "key_id", "ed25519", "fingerprint")
)


def _leaks(value: Any, path: str) -> list[str]:
    if isinstance(value, dict):
        out = []
        for key, item in value.items():
            here = f"{path}.{mask_text(str(key))}" if path else mask_text(str(key))
            out += [here] if find_personnummer(str(key)) else []
            out += [] if key in TECHNICAL_KEYS else _leaks(item, here)
        return out
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in _leaks(item, f"{path}[{i}]")]
    return [path] if isinstance(value, str) and find_personnummer(value) else []


def personal_data_paths(text: str) -> list[str]:
    """JSON paths (``findings.warning_list[0].justification``, keys masked) of every text holding a
    personnummer."""
    return _leaks(json.loads(text), "")


def refusal(paths: list[str]) -> str:
    """The Swedish sentence telling why the submission file was not written."""
    shown = ", ".join(paths[:5]) + (f" och {len(paths) - 5} till" if len(paths) > 5 else "")
    return (
        "Inlämningsfilen skrevs inte: den skulle ha innehållit något som ser ut som ett personnummer "
        f"eller samordningsnummer ({shown}). Ta bort personuppgifterna ur arbetsboken (eller ur "
        "signaturens namn) och försök igen."
    )
