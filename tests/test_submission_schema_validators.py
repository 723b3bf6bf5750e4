"""The fast schema check (jsonschema_rs) agrees with jsonschema on valid and damaged submissions."""

from __future__ import annotations

import json
from typing import Any

import jsonschema  # type: ignore[import-untyped]
from hypothesis import given, settings
from hypothesis import strategies as st
from submission_factory import make_submission

from kkik_xl.submission import Role
from kkik_xl.submission.io import _fast_validator, schema_errors, submission_schema, to_text
from kkik_xl.submission.signing import sign

SIGNED = sign(make_submission(), Role.REGISTRERAD, "handläggare")
VALID: dict[str, Any] = json.loads(to_text(SIGNED))
SLOW = jsonschema.Draft202012Validator(submission_schema())
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8)
    | st.sampled_from(["2026-13-40", "T", "godkand", "0180", "a" * 64, "U11401", "2026-03-02T09:30:00Z"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)  # fmt: skip


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Paths of every dict and list in ``value``."""
    if isinstance(value, dict):
        return [path, *(p for k, v in value.items() for p in _containers(v, (*path, k)))]
    if isinstance(value, list):
        return [path, *(p for i, v in enumerate(value) for p in _containers(v, (*path, i)))]
    return []


def _at(doc: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


@st.composite
def damaged(draw: st.DrawFn) -> Any:
    """The valid document with one to three random changes: a value replaced, a key removed or added."""
    doc = json.loads(json.dumps(VALID))
    for _ in range(draw(st.integers(1, 3))):
        container = _at(doc, draw(st.sampled_from(_containers(doc))))
        keys = list(container) if isinstance(container, dict) else list(range(len(container)))
        action = draw(st.sampled_from(["replace", "remove", "add"] if keys else ["add"]))
        if action == "replace":
            container[draw(st.sampled_from(keys))] = draw(JSON_VALUES)
        elif action == "remove":
            container.pop(draw(st.sampled_from(keys)))
        elif isinstance(container, dict):
            container[draw(st.text(max_size=6))] = draw(JSON_VALUES)
        else:
            container.append(draw(JSON_VALUES))
    return doc


def test_valid_document_passes_both() -> None:
    assert _fast_validator().is_valid(VALID) and not list(SLOW.iter_errors(VALID))
    assert schema_errors(VALID) == []


@settings(max_examples=200, deadline=None)
@given(damaged())
def test_fast_and_reference_validators_agree(doc: Any) -> None:
    slow = [e.message for e in SLOW.iter_errors(doc)]
    assert _fast_validator().is_valid(doc) == (not slow), slow
    assert len(schema_errors(doc)) == len(slow)
