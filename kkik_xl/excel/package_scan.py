"""The parts of an OOXML package that must not reach a reader, found by streaming before any parser.

* A DTD (``<!DOCTYPE``, ``<!ENTITY``): XML allows one only in the prolog, before the root element, so
  every XML part's prolog is read to its end however long its comments are (a DTD after a 5,000-byte
  comment is still found); a UTF-16 part is searched whole.
* A shared-string table declaring a ``count`` or ``uniqueCount`` larger than the file could hold (the
  reader reserves memory for that many strings: ``4294967295`` is 103 GB).
* In each worksheet whose XML is at most :data:`MAX_SCAN_BYTES`: cells so far apart that the reader
  would allocate their whole rectangle (one cell at ``XFD1048576`` is 17 billion cells, 549 GB in
  calamine) and merged ranges so large that openpyxl creates millions of cell objects for them.
  Streaming the part also checks its CRC, so a damaged compressed stream is found here.

Cell references are only parsed one by one when a column beyond ``Z`` or a six-digit row occurs
(below that, columns A–Z and 99,999 rows stay within :data:`MAX_CELLS`), so an ordinary sheet costs
one inflate and one ``bytes.translate``. Larger worksheets (about 150,000
rows and more) are not scanned, to keep a huge log as fast as the reader alone; documented in
``docs/it-installation.md``.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import NoReturn

from kkik_xl.excel.columns import col_index
from kkik_xl.excel.inflated import open_part

MAX_CELLS = 8_000_000
"""Largest rectangle of cells a sheet may span (columns A–Z down to row 307,692; about 250 MB in the
reader). A sheet of at most :data:`MAX_SCAN_BYTES` holds at most about 150,000 rows of a template."""
MAX_MERGED_CELLS = 2 * 1_048_576
"""Most cells that the merged ranges of one sheet may cover (two whole columns)."""
MAX_SCAN_BYTES = 64 << 20
"""Largest worksheet XML whose cells and merges are checked (the same limit as ``sheet_xml``)."""
SMALL_PART = 8 << 20
EXCEL_ROWS, EXCEL_COLUMNS = 1_048_576, 16_384
_CHUNK = 1 << 20
_OVERLAP = 64
_DTD_UTF16 = tuple(p.encode(enc) for p in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-16-le", "utf-16-be"))
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_CLASSES = bytes.maketrans(_LETTERS + b"123456789\t\r\n", b"A" * len(_LETTERS) + b"0" * 9 + b"   ")
"""Every letter becomes ``A``, every digit ``0``, every blank a space: ``<c r="AB12"`` reads
``<A A="AA00"``, so a one-letter attribute holding a far reference is found with ``in``."""
_FAR = (b' A="AA0', b' A="AAA0', b' A="A000000', b' A="000000')
"""A column beyond ``Z``, or a row from 100,000 on (six digits or more), in ``r="…"``."""
_REF = re.compile(rb'\br="\$?([A-Za-z]{0,4})\$?(\d{1,12})"')
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\b[^>]*?\bref="([^"]*)"')
_RANGE = re.compile(r"^\$?([A-Za-z]{1,4})\$?(\d{1,12})(?::\$?([A-Za-z]{1,4})\$?(\d{1,12}))?$")
_SST = re.compile(rb"<(?:\w+:)?sst\b[^>]*>")
_COUNT = re.compile(rb'\b(count|uniqueCount)="\s*(\d+)\s*"')


class PackageProblem(Exception):
    """A part of the package that must not reach a reader; ``args[0]`` is a Swedish sentence."""


@dataclass
class _Extent:
    """Largest row and column seen in a worksheet, and the cells its merged ranges cover."""

    far: bool = False
    rows: int = 0
    cols: int = 0
    merges: dict[bytes, int] = field(default_factory=dict)

    def add_refs(self, text: bytes) -> None:
        for m in _REF.finditer(text):
            self.rows = max(self.rows, int(m[2]))
            if m[1]:
                self.cols = max(self.cols, col_index(m[1].decode().upper()) + 1)

    def add_merges(self, text: bytes) -> None:
        for m in _MERGE.finditer(text):
            self.merges[m[1]] = range_cells(m[1].decode("ascii", "replace"))


def range_cells(ref: str) -> int:
    """Cells in an ``A1:B2`` (or ``A1``) reference; 0 when it is not one."""
    m = _RANGE.match(ref.strip())
    if m is None:
        return 0
    c1, r1 = col_index(m[1].upper()), int(m[2])
    c2, r2 = (col_index(m[3].upper()), int(m[4])) if m[3] else (c1, r1)
    return (abs(r2 - r1) + 1) * (abs(c2 - c1) + 1)


def scan_package(zf: zipfile.ZipFile) -> None:
    """Check every XML part; raise :class:`PackageProblem` for the first one that must not be read."""
    infos = zf.infolist()
    budget = sum(i.file_size for i in infos) // 4
    for info in infos:
        if info.filename.endswith((".xml", ".rels", ".vml")):
            _scan_xml(zf, info, budget)


def _scan_xml(zf: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> None:
    name = info.filename
    sheet = "worksheets/" in name
    with open_part(zf, info) as fh:
        chunks = iter(lambda: fh.read(_CHUNK), b"")
        first = next(chunks, b"")
        if _is_utf16(first):
            _check_utf16(name, first, chunks)
            return
        rest = _after_prolog(name, first, chunks)
        if name.endswith("sharedStrings.xml"):
            _check_sst(name, rest, budget)
        if info.file_size > (MAX_SCAN_BYTES if sheet else SMALL_PART):
            return
        extent = _Extent()
        tail = b""
        for chunk in _chain(rest, chunks):  # read to the end: zipfile checks the CRC
            text = tail + chunk
            if sheet:
                _check_sheet_chunk(extent, text)
            tail = text[-_OVERLAP:]
    if sheet:
        if extent.far:  # a cell beyond column Z or row 99,999: find the true extent of every cell
            extent = _full_extent(zf, info, extent)
        _check_extent(name, extent)


def _chain(first: bytes, chunks: Iterator[bytes]) -> Iterator[bytes]:
    yield first
    yield from chunks


def _is_utf16(head: bytes) -> bool:
    return head.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in head[:4]


def _refuse_dtd(name: str) -> NoReturn:
    raise PackageProblem(
        f"innehåller en XML-deklaration (DTD/entitet) i {name}, vilket Excel aldrig skriver. "
        "Filen läses inte av säkerhetsskäl"
    )


def _check_utf16(name: str, first: bytes, chunks: Iterator[bytes]) -> None:
    tail = b""
    for chunk in _chain(first, chunks):
        text = tail + chunk
        if any(p in text for p in _DTD_UTF16):
            _refuse_dtd(name)
        tail = text[-_OVERLAP:]


def _after_prolog(name: str, buf: bytes, chunks: Iterator[bytes]) -> bytes:
    """Read past the XML declaration, comments and processing instructions; refuse any ``<!``
    declaration there (a DTD). Returns the part from its root element on (as far as read)."""
    while True:
        buf = buf.lstrip(b"\xef\xbb\xbf \t\r\n")
        if buf.startswith((b"<?", b"<!--")) or len(buf) < 4:
            close, start = (b"?>", 2) if buf.startswith(b"<?") else (b"-->", 4)
            at = buf.find(close, start)
            if at >= 0 and len(buf) >= 4:
                buf = buf[at + len(close) :]
                continue
            more = next(chunks, None)
            if more is None:
                return buf
            buf = buf + more if len(buf) < 2 * _CHUNK else buf[:4] + buf[-_OVERLAP:] + more
            continue
        if buf.startswith(b"<!"):
            _refuse_dtd(name)
        return buf


def _check_sst(name: str, head: bytes, budget: int) -> None:
    tag = _SST.search(head)
    if tag is None:
        return
    for attr, value in _COUNT.findall(tag[0]):
        if int(value) > budget:
            raise PackageProblem(
                f"är skadad: tabellen över texter ({name}) anger {attr.decode()}={int(value):,} texter, "
                "fler än filen kan rymma".replace(",", " ")
            )


def _check_sheet_chunk(extent: _Extent, text: bytes) -> None:
    if not extent.far:
        classes = text.translate(_CLASSES)
        extent.far = any(p in classes for p in _FAR)
    if b"mergeCell" in text:
        extent.add_merges(text)


def _full_extent(zf: zipfile.ZipFile, info: zipfile.ZipInfo, seen: _Extent) -> _Extent:
    extent = _Extent(far=True, merges=seen.merges)
    tail = b""
    with open_part(zf, info) as fh:
        while chunk := fh.read(_CHUNK):
            text = tail + chunk
            extent.add_refs(text)
            tail = text[-_OVERLAP:]
    return extent


def _check_extent(name: str, extent: _Extent) -> None:
    if extent.rows > EXCEL_ROWS or extent.cols > EXCEL_COLUMNS:
        raise PackageProblem(f"är skadad: {name} har en cell utanför Excels största blad")
    if extent.rows * extent.cols > MAX_CELLS:
        raise PackageProblem(
            f"har celler utspridda över {extent.rows:,} rader och {extent.cols:,} kolumner i {name}. "
            "Så stora blad läses inte (de skulle kräva mer minne än datorn har). Ta bort celler långt "
            "ute i bladet (Ctrl+End visar den sista) och spara om filen".replace(",", " ")
        )
    merged = sum(extent.merges.values())
    if merged > MAX_MERGED_CELLS:
        raise PackageProblem(
            f"har sammanfogade celler som täcker {merged:,} celler i {name}. Så stora sammanfogningar "
            "läses inte. Ta bort sammanfogningen (Start > Sammanfoga och centrera) och spara om "
            "filen".replace(",", " ")
        )
