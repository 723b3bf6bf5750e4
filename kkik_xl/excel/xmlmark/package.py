"""An OOXML package opened for patching: parts, relationships, content types and an atomic-ready save.

Parts are replaced as whole byte strings (small parts) or streamed through a function (a big sheet);
every other part is copied unchanged. Reading uses defusedxml; writing patches the XML text, so
namespaces, prefixes and everything the patch does not touch stay as the file had them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape
from pathlib import Path

import defusedxml.ElementTree as SafeET

from kkik_xl.excel.meta import sheet_members

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
COMMENTS_TYPE = f"{REL_NS}/comments"
VML_TYPE = f"{REL_NS}/vmlDrawing"
SHEET_TYPE = f"{REL_NS}/worksheet"
CHUNK = 1 << 20
BIG_PART = 8 << 20
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ID = re.compile(r'\bId="([^"]*)"')

Streamer = Callable[[Iterator[bytes], Callable[[bytes], object]], None]


class Unsupported(Exception):
    """The package has a form the XML writer does not patch (the openpyxl writer is used instead)."""


@dataclass(frozen=True)
class Relationship:
    """One relationship of a part: id, type and the part it points to (no leading ``/``)."""

    id: str
    type: str
    target: str


def rels_part(part: str) -> str:
    """``xl/worksheets/sheet3.xml`` → ``xl/worksheets/_rels/sheet3.xml.rels``."""
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def inside_package(name: str) -> bool:
    """Whether a zip entry name stays inside the package: not absolute, no ``..``, no drive.

    Excel never writes other names; an entry such as ``../../x`` is never copied into a marked copy
    (an unzip tool would write it outside the folder).
    """
    parts = name.replace("\\", "/").split("/")
    return not (name.startswith(("/", "\\")) or ".." in parts or ":" in parts[0])


def resolve(source: str, target: str) -> str:
    """The part a relationship target names, relative to the part that owns the relationship."""
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(source), target))


class Package:
    """A zip package read from ``path``; changes are kept until :meth:`save`."""

    def __init__(self, path: Path) -> None:
        self.zf = zipfile.ZipFile(path)
        self.sheets = sheet_members(self.zf)
        self.replaced: dict[str, bytes] = {}
        self.streamed: dict[str, Streamer] = {}
        self.later: dict[str, Callable[[], str]] = {}

    def has(self, part: str) -> bool:
        """Whether ``part`` exists (or was added)."""
        return part in self.replaced or part in self.later or part in self.zf.NameToInfo

    def text(self, part: str) -> str:
        """A part as text (as changed so far)."""
        data = self.replaced[part] if part in self.replaced else self.zf.read(part)
        return data.decode("utf-8")

    def original(self, part: str) -> str | None:
        """A part as the file has it (``None`` when it has none)."""
        return self.zf.read(part).decode("utf-8") if part in self.zf.NameToInfo else None

    def put(self, part: str, text: str) -> None:
        """Replace or add a part."""
        self.replaced[part] = text.encode("utf-8")

    def stream(self, part: str, streamer: Streamer) -> None:
        """Write ``part`` at save time by ``streamer(chunks of the old part, write)``."""
        self.streamed[part] = streamer

    def put_later(self, part: str, make: Callable[[], str]) -> None:
        """Write ``part`` as ``make()`` after every other part (it may depend on what streaming saw)."""
        self.later[part] = make

    def chunks(self, part: str) -> Iterator[bytes]:
        """The stored part, inflated a chunk at a time."""
        with self.zf.open(part) as fh:
            while chunk := fh.read(CHUNK):
                yield chunk

    def free_name(self, pattern: str) -> str:
        """The first ``pattern.format(n)`` (n = 1, 2, …) that is not a part yet."""
        n = 1
        while self.has(pattern.format(n)):
            n += 1
        return pattern.format(n)

    def rels(self, source: str) -> list[Relationship]:
        """The relationships of ``source`` (internal targets resolved to part names)."""
        name = rels_part(source)
        if not self.has(name):
            return []
        out = []
        for el in SafeET.fromstring(self.text(name).encode("utf-8")):
            if el.get("TargetMode") == "External":
                continue
            target = resolve(source, el.get("Target", ""))
            out.append(Relationship(el.get("Id", ""), el.get("Type", ""), target))
        return out

    def add_rel(self, source: str, rel_type: str, target: str) -> str:
        """Add a relationship from ``source`` to the part ``target``; return its new id."""
        name = rels_part(source)
        text = self.text(name) if self.has(name) else f'<Relationships xmlns="{_RELS_NS}"></Relationships>'
        used = set(_ID.findall(text))
        rid = next(f"rId{n}" for n in range(1, len(used) + 2) if f"rId{n}" not in used)
        rel = f'<Relationship Id="{rid}" Type="{rel_type}" Target="/{escape(target)}"/>'
        self.put(name, insert_before_close(text, "Relationships", rel))
        return rid

    def add_content_type(self, part: str, content_type: str) -> None:
        """Declare ``part``'s content type (an override, or the default of its extension)."""
        name = "[Content_Types].xml"
        text = self.text(name)
        if f'PartName="/{part}"' in text:
            return
        ext = part.rsplit(".", 1)[-1]
        if ext == "vml":
            if 'Extension="vml"' not in text:
                entry = f'<Default Extension="vml" ContentType="{content_type}"/>'
                self.put(name, insert_before_close(text, "Types", entry))
            return
        entry = f'<Override PartName="/{part}" ContentType="{content_type}"/>'
        self.put(name, insert_before_close(text, "Types", entry))

    def save(self, path: str) -> None:
        """Write the package to ``path``: changed parts patched, new parts added, the rest copied."""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
            for info in self.zf.infolist():
                if info.filename not in self.later and inside_package(info.filename):
                    self._write_part(out, info.filename)
            for part in [*self.replaced, *self.streamed]:
                if part not in self.zf.NameToInfo:
                    self._write_part(out, part)
            for part, make in self.later.items():
                out.writestr(part, make().encode("utf-8"))

    def close(self) -> None:
        """Close the original file."""
        self.zf.close()

    def _write_part(self, out: zipfile.ZipFile, part: str) -> None:
        if part in self.streamed:
            self._stream_part(out, part, self.streamed[part])
        elif part in self.replaced:
            out.writestr(part, self.replaced[part])
        elif self.zf.getinfo(part).file_size > BIG_PART:
            self._stream_part(out, part, _copy_chunks)
        else:
            out.writestr(self.zf.getinfo(part), self.zf.read(part), compress_type=zipfile.ZIP_DEFLATED)

    def _stream_part(self, out: zipfile.ZipFile, part: str, streamer: Streamer) -> None:
        """A big part, a chunk at a time, deflated fast (level 1: speed over size)."""
        info = zipfile.ZipInfo(part, date_time=self.zf.getinfo(part).date_time)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 1  # type: ignore[attr-defined]
        with out.open(info, "w", force_zip64=True) as fh:
            streamer(self.chunks(part), fh.write)


def _copy_chunks(chunks: Iterator[bytes], write: Callable[[bytes], object]) -> None:
    for chunk in chunks:
        write(chunk)


def insert_before_close(text: str, tag: str, content: str) -> str:
    """Insert ``content`` before ``</tag>`` (a self-closing ``<tag …/>`` is opened first)."""
    close = f"</{tag}>"
    at = text.rfind(close)
    if at >= 0:
        return text[:at] + content + text[at:]
    empty = re.search(rf"<{tag}\b([^>]*?)/>", text)
    if empty is None:
        raise Unsupported(f"<{tag}> saknas")
    return text[: empty.start()] + f"<{tag}{empty[1]}>{content}{close}" + text[empty.end() :]
