"""Writing submissions atomically and loading them with a JSON-schema check first (Swedish messages).

The schema check runs in ``jsonschema_rs`` (compiled, ~100× faster: a national merge reads thousands of
files); when it finds a problem, ``jsonschema`` lists the problems for the Swedish messages.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import jsonschema_rs
from pydantic import ValidationError

from kkik_xl.atomic import write_text
from kkik_xl.submission.model import FORMAT, FORMAT_VERSION, Submission
from kkik_xl.submission.personal_data import personal_data_paths, refusal
from kkik_xl.submission.text_check import unsafe_paths

MAX_PROBLEMS = 10
MAX_BYTES = 16 * 1024 * 1024  # a real submission is a few hundred kB at most
MAX_DEPTH = 32  # the document nests five levels deep; deeper is hostile (RecursionError in parsers)
MAX_INT_DIGITS = 30  # counts and years; longer integers are refused before Python converts them
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_BRACKET = re.compile(r"[\[\]{}]")


class SubmissionError(Exception):
    """A submission file cannot be used; ``reason`` is a Swedish sentence, ``problems`` the details."""

    def __init__(self, reason: str, problems: list[str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.problems = problems or []

    def __str__(self) -> str:
        return "\n".join([self.reason, *(f"  – {p}" for p in self.problems)])


@lru_cache(maxsize=1)
def submission_schema() -> dict[str, Any]:
    """The JSON schema of a submission, generated from the pydantic model."""
    schema = Submission.model_json_schema(mode="serialization")  # every field written is required
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kkik-xl.se/schemas/submission.schema.json",
        **schema,
    }


@lru_cache(maxsize=1)
def _fast_validator() -> jsonschema_rs.Draft202012Validator:
    return jsonschema_rs.Draft202012Validator(submission_schema())


def schema_errors(data: Any) -> list[jsonschema.ValidationError]:
    """Every JSON-schema problem of ``data`` (empty when valid), sorted by JSON path."""
    if _fast_validator().is_valid(data):
        return []
    validator = jsonschema.Draft202012Validator(submission_schema())
    return sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))


def schema_text() -> str:
    """The committed form of ``schemas/submission.schema.json``."""
    return json.dumps(submission_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def to_text(sub: Submission) -> str:
    """The JSON text written to a ``.kkik.json`` file."""
    return json.dumps(sub.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"


def save_submission(sub: Submission, path: Path) -> Path:
    """Write ``sub`` to ``path`` atomically (:mod:`kkik_xl.atomic`; failures raise ``WriteError``);
    refuse (:class:`SubmissionError`, nothing written) when the serialised file would hold a
    personnummer anywhere."""
    text = to_text(sub)
    leaks = personal_data_paths(text)
    if leaks:
        raise SubmissionError(refusal(leaks))
    return write_text(path, text)


def json_path(parts: Any) -> str:
    """``$.measures[2].value`` from a jsonschema error path."""
    out = "$"
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _schema_message(err: jsonschema.ValidationError) -> str:
    v = err.validator
    where = json_path(err.absolute_path)
    if v == "required":
        missing = str(err.message).split("'")[1] if "'" in err.message else "?"
        return f"{where}: fältet {missing!r} saknas."
    if v == "additionalProperties":
        known = set(err.schema.get("properties", {})) if isinstance(err.schema, dict) else set()
        unknown = sorted(set(err.instance) - known) if isinstance(err.instance, dict) else []
        return f"{where}: okända fält: {', '.join(map(repr, unknown))}."
    if v == "type":
        return f"{where}: fel typ, väntade {err.validator_value}, fick {json.dumps(err.instance)[:40]}."
    if v in ("enum", "const"):
        return f"{where}: värdet {json.dumps(err.instance)[:40]} är inte tillåtet."
    if v == "pattern":
        return f"{where}: värdet {json.dumps(err.instance)[:40]} har fel form."
    if v in ("minimum", "maximum", "minLength"):
        return f"{where}: värdet {json.dumps(err.instance)[:40]} är utanför det tillåtna."
    if v in ("anyOf", "oneOf"):
        return f"{where}: värdet {json.dumps(err.instance)[:40]} har fel typ eller form."
    return f"{where}: värdet är ogiltigt ({v})."


def _newer_version(data: Any, name: str) -> str | None:
    version = data.get("format_version") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        return (
            f"{name} har formatversion {version}, men den här versionen av kkik-xl läser bara "
            f"version {FORMAT_VERSION}. Uppdatera kkik-xl för att läsa filen."
        )
    return None


def _headline(data: Any, name: str, count: int) -> str:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return f"{name} är JSON men ingen kkik-xl-inlämning (kanske från ett annat program)."
    more = count - MAX_PROBLEMS
    return f"{name} följer inte formatet för en inlämning." + (f" ({more} fel till.)" if more > 0 else "")


def _unbalanced(text: str) -> bool:
    """True when brackets or a string are still open at the end: the text was cut off."""
    depth, in_string, escaped = 0, False, False
    for ch in text:
        if in_string:
            escaped, in_string = (not escaped and ch == "\\"), in_string and (escaped or ch != '"')
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
    return in_string or depth > 0


def _too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when brackets outside strings nest deeper than ``limit`` (checked before parsing)."""
    depth = 0
    for match in _BRACKET.finditer(_STRING.sub("", text)):
        depth += 1 if match[0] in "[{" else -1
        if depth > limit:
            return True
    return False


class _Refused(ValueError):
    """A value the JSON parser must not accept (raised from the parser hooks)."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        raise _Refused(f"fältet {doubled[0]!r} finns två gånger i samma objekt")
    return dict(pairs)


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_INT_DIGITS:
        raise _Refused(f"ett heltal med {len(text.lstrip('-'))} siffror är för stort")
    return int(text)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise _Refused(f"talet {text[:20]} är för stort")
    return value


def _constant(text: str) -> Any:
    raise _Refused(f"{text} är inget tal")


def _decode(text: str, name: str) -> Any:
    """``json.loads`` with bounded nesting and numbers, refusing duplicate keys; SubmissionError."""
    if _too_deep(text):
        raise SubmissionError(f"{name} är ingen inlämning: JSON-strukturen är djupare än {MAX_DEPTH} nivåer.")
    try:
        hooks: dict[str, Any] = {"parse_int": _int, "parse_float": _float, "parse_constant": _constant}
        return json.loads(text, object_pairs_hook=_no_duplicates, **hooks)
    except _Refused as err:
        raise SubmissionError(f"{name} kan inte användas: {err}.") from None
    except RecursionError:
        raise SubmissionError(f"{name} är ingen inlämning: JSON-strukturen är för djup.") from None


def _parse_json(text: str, name: str) -> Any:
    try:
        return _decode(text, name)
    except json.JSONDecodeError as err:
        if not text.strip() or err.pos >= len(text.rstrip()) or _unbalanced(text):
            raise SubmissionError(
                f"{name} är inte fullständig: filen tar slut mitt i (rad {err.lineno}). "
                "Den kan ha avbrutits vid kopiering; be om en ny fil."
            ) from None
        raise SubmissionError(f"{name} är inte giltig JSON (rad {err.lineno}, tecken {err.colno}).") from None


def _refuse_control_characters(data: Any, name: str) -> None:
    paths = unsafe_paths(data)
    if paths:
        raise SubmissionError(
            f"{name} innehåller osynliga styrtecken (till exempel NUL eller en riktningsändring) som kkik-xl "
            "aldrig skriver: filen har ändrats efter att den skapades. Be om en ny fil.",
            [f"{p}: styrtecken" for p in paths[:MAX_PROBLEMS]],
        )


def parse_submission(text: str, name: str = "Filen") -> Submission:
    """Validate ``text`` with the JSON schema first, then build the model; raises SubmissionError."""
    data = _parse_json(text, name)
    errors = schema_errors(data)
    problems = [_schema_message(e) for e in errors[:MAX_PROBLEMS]]
    newer = _newer_version(data, name)
    if newer:
        raise SubmissionError(newer, problems)
    if errors:
        raise SubmissionError(_headline(data, name, len(errors)), problems)
    _refuse_control_characters(data, name)
    try:
        return Submission.model_validate(data)
    except ValidationError as err:
        problems = [f"{json_path(e['loc'])}: {e['msg']}" for e in err.errors()[:MAX_PROBLEMS]]
        raise SubmissionError(f"{name} har ogiltiga värden.", problems) from None


def load_submission(path: str | Path) -> Submission:
    """Read and validate a ``.kkik.json`` file; raises :class:`SubmissionError` in Swedish."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise SubmissionError(
                f"{path.name} är {path.stat().st_size // (1024 * 1024)} MB; en inlämning är högst "
                f"{MAX_BYTES // (1024 * 1024)} MB. Filen läses inte."
            )
        raw = path.read_bytes()
    except OSError:
        raise SubmissionError(f"Filen {path.name} finns inte eller kan inte läsas.") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SubmissionError(f"{path.name} är inte en textfil i UTF-8 och alltså ingen inlämning.") from None
    return parse_submission(text, path.name)
