"""Control and bidirectional-override characters in a submission: stripped when written, refused when read.

A workbook can carry invisible characters into a submission (Excel stores ``_x0000_`` for a NUL, and a
right-to-left override U+202E pasted into Förvaltning reverses how the text is shown to the
coordinator). ``build_submission`` removes them from every string (:func:`stripped`; ``submit`` says
where); a file from kkik-xl therefore never holds one, and ``load_submission`` refuses a file that does
(:func:`unsafe_paths`): it has been edited by hand.
"""

from __future__ import annotations

from typing import Any

from kkik_xl.submission.model import Submission
from kkik_xl.textsafe import has_unsafe, strip_unsafe


def unsafe_paths(data: Any, path: str = "$") -> list[str]:
    """The JSON paths of every string (keys too) holding a control or bidirectional-control character."""
    if isinstance(data, str):
        return [path] if has_unsafe(data) else []
    if isinstance(data, list):
        return [p for i, item in enumerate(data) for p in unsafe_paths(item, f"{path}[{i}]")]
    if isinstance(data, dict):
        found = [f"{path}.{key!r}" for key in data if isinstance(key, str) and has_unsafe(key)]
        return found + [p for key, value in data.items() for p in unsafe_paths(value, f"{path}.{key}")]
    return []


def _strip(data: Any) -> Any:
    if isinstance(data, str):
        return strip_unsafe(data)
    if isinstance(data, list):
        return [_strip(item) for item in data]
    if isinstance(data, dict):
        return {_strip(key): _strip(value) for key, value in data.items()}
    return data


def stripped(sub: Submission) -> tuple[Submission, list[str]]:
    """``sub`` without control and bidirectional-control characters, and the JSON paths that had any."""
    data = sub.model_dump(mode="json")
    paths = unsafe_paths(data)
    return (Submission.model_validate(_strip(data)), paths) if paths else (sub, [])
