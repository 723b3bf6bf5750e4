"""Every text an OOXML workbook carries outside its cells, with where it sits (in Swedish).

The personal-data rule reads the cells themselves elsewhere (frames, calamine, notes); this module
walks the rest of the package: sheet names, defined names and their comments, headers and footers,
data-validation lists and messages, hyperlinks and every relationship target, document properties
(core, app, custom), number formats, charts, drawings and text boxes, shared strings (also those no
cell uses), notes and their authors, threaded comments and the list of their authors, Tables, pivot
caches, external-link caches, embedded files (an embedded Office file's XML parts, other embedded
files' bytes as Latin-1 and UTF-16) and the names of the parts themselves; in the worksheets, formulas
(string literals such as ``=OM(A2="19121212-1212";…)``) and whole numbers whose number format shows
them as a personnummer (``505051235`` with ``000000-0000`` shows ``050505-1235``).

Every place is a :class:`PartText`. ``mirror`` marks a copy of what cells already show (shared
strings, caches, Table headers): the rule reports it only when the number was not found in a cell.
Bounded: parts are streamed, a part above :data:`MAX_PART_BYTES` is not read in full (its first bytes
are), images and fonts are skipped, an embedded file is opened one level deep only.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO, TypeVar

from kkik_xl.excel import package_sheets
from kkik_xl.excel.inflated import open_part
from kkik_xl.excel.package_places import PartText, place_of
from kkik_xl.excel.package_xml import xml_texts

MAX_PART_BYTES = 64 << 20
MAX_EMBEDDED_BYTES = 32 << 20
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_SKIPPED_PREFIXES = ("xl/media/", "xl/theme/", "xl/printerSettings/", "xl/fonts/", "docProps/thumbnail")
_SKIPPED_PARTS = ("[Content_Types].xml", "xl/calcChain.xml")
_OFFICE_ZIP = b"PK\x03\x04"
BROKEN = (SyntaxError, ValueError, KeyError, zipfile.BadZipFile, zlib.error, OSError, EOFError, RuntimeError)
"""Errors of a damaged part (malformed XML, bad CRC, truncated data…): that part is skipped."""
K = TypeVar("K")


def package_texts(path: Path) -> Iterator[PartText]:
    """Every text of the workbook at ``path`` outside its cells (OOXML only; nothing for other files)."""
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return
    with zipfile.ZipFile(path) as zf:
        sheets = _or_empty(package_sheets.part_sheets, zf)
        formats = _or_empty(package_sheets.personnummer_styles, zf)
        for info in zf.infolist():
            try:
                yield from _member(zf, info, sheets, formats)
            except BROKEN:  # a damaged part: what was read is scanned, the other parts still are
                continue


def _or_empty(read: Callable[[zipfile.ZipFile], dict[K, str]], zf: zipfile.ZipFile) -> dict[K, str]:
    try:
        return read(zf)
    except BROKEN:
        return {}


def _member(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheets: dict[str, str], formats: dict[int, str]
) -> Iterator[PartText]:
    name = info.filename
    yield PartText("Namnet på en del i filen", name)
    if name in _SKIPPED_PARTS or name.startswith(_SKIPPED_PREFIXES) or name.endswith("/"):
        return
    sheet = sheets.get(name)
    if name.startswith("xl/worksheets/") and name.endswith(".xml"):
        yield from package_sheets.worksheet_texts(zf, info, sheet or "", formats)
    elif name.endswith(_XML_SUFFIXES):
        with open_part(zf, info) as fh:
            yield from _xml_part(name, _bounded(fh, info), sheet)
    else:
        yield from _binary(name, _read(zf, info, MAX_EMBEDDED_BYTES))


def _bounded(fh: IO[bytes], info: zipfile.ZipInfo) -> IO[bytes]:
    """The part, or its first :data:`MAX_PART_BYTES` when bigger (the parser stops where they end)."""
    return fh if info.file_size <= MAX_PART_BYTES else io.BytesIO(fh.read(MAX_PART_BYTES))


def _xml_part(name: str, stream: IO[bytes], sheet: str | None) -> Iterator[PartText]:
    try:
        for item in xml_texts(stream):
            place = place_of(name, item.path, item.attribute)
            if place is not None:
                yield PartText(place.text, item.text, sheet, item.ref if place.cell else None, place.mirror)
    except SyntaxError:  # malformed or truncated XML: what was read is scanned, the rest is not
        return


def _read(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    with zf.open(info) as fh:
        return fh.read(limit)


def _binary(name: str, data: bytes) -> Iterator[PartText]:
    place = f"Den inbäddade filen {posixpath.basename(name)}"
    if data.startswith(_OFFICE_ZIP):
        yield from _embedded_zip(place, data)
        return
    texts = (data.decode(encoding, errors="ignore") for encoding in ("latin-1", "utf-16-le"))
    yield PartText(place, "\n".join(texts))


def _embedded_zip(place: str, data: bytes) -> Iterator[PartText]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as inner:
            if sum(i.file_size for i in inner.infolist()) > 4 * MAX_PART_BYTES:
                return
            for info in inner.infolist():
                yield PartText(place, info.filename)
                if info.filename.endswith(_XML_SUFFIXES):
                    with inner.open(info) as fh:
                        yield from (PartText(place, t.text) for t in xml_texts(fh))
    except (zipfile.BadZipFile, SyntaxError, OSError, EOFError, RuntimeError, NotImplementedError):
        return
