"""The texts of one XML part of a package, streamed: element texts and attribute values with their path.

Used by :mod:`kkik_xl.excel.package_text` to look for personal data in every part of a workbook.
The part is read with defusedxml's ``iterparse`` (no DTD, no entities) and every element is dropped
once read, so memory stays small whatever the part's size. Texts of a *record* element (a shared
string, a note, a text box paragraph…) are joined, so a number split over rich-text runs is still one
text; phonetic guides (``rPh``) are left out. GUIDs are removed: they are identifiers, not text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import defusedxml.ElementTree as SafeET

_NS = re.compile(r"^\{[^}]*\}")
_GUID = re.compile(r"\{?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}\}?")
RECORDS = frozenset(("si", "comment", "threadedComment", "txBody", "rich", "is", "textbox", "p"))
_SKIPPED = frozenset(("rPh",))
_REF_ATTRIBUTES = ("ref", "sqref", "r")


@dataclass(frozen=True)
class XmlText:
    """One text of a part: element path (local names), attribute (``None``: element text), cell ref."""

    path: tuple[str, ...]
    attribute: str | None
    text: str
    ref: str | None


def local(tag: str) -> str:
    """The local name of a tag or attribute (``{namespace}name`` → ``name``)."""
    return _NS.sub("", tag)


def _clean(text: str | None) -> str:
    return _GUID.sub(" ", text) if text else ""


@dataclass
class _Frame:
    tag: str
    ref: str | None
    record: list[str] | None


def xml_texts(stream: IO[bytes]) -> Iterator[XmlText]:
    """Every non-empty text and attribute value of the XML read from ``stream``."""
    frames: list[_Frame] = []
    parents: list[object] = []
    for event, elem in SafeET.iterparse(stream, events=("start", "end"), forbid_dtd=True):
        if event == "start":
            tag = local(elem.tag)
            ref = next((elem.get(a) for a in _REF_ATTRIBUTES if elem.get(a)), None)
            ref = ref or (frames[-1].ref if frames else None)
            inside = frames[-1].record if frames else None
            record: list[str] | None = [] if tag in RECORDS and inside is None else None
            frames.append(_Frame(tag, ref, record))
            parents.append(elem)
            path = tuple(f.tag for f in frames)
            for name, value in elem.attrib.items():
                if text := _clean(value).strip():
                    yield XmlText(path, local(name), text, ref)
            continue
        yield from _end(frames, elem)
        frames.pop()
        parents.pop()
        if parents:
            parents[-1].remove(elem)  # type: ignore[attr-defined]


def _end(frames: list[_Frame], elem: object) -> Iterator[XmlText]:
    frame = frames[-1]
    path = tuple(f.tag for f in frames)
    if any(f.tag in _SKIPPED for f in frames):
        return
    text = _clean(getattr(elem, "text", None))
    collector = next((f.record for f in reversed(frames) if f.record is not None), None)
    if collector is not None and text:
        collector.append(text)
    elif collector is None and text.strip():
        yield XmlText(path, None, text.strip(), frame.ref)
    if frame.record is not None and "".join(frame.record).strip():
        yield XmlText(path, None, "".join(frame.record).strip(), frame.ref)
