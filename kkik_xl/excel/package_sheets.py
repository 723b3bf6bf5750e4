"""The worksheet side of the package scan: which sheet a part belongs to, formulas, number formats.

A worksheet is streamed a few megabytes at a time (cut before a row), so its rows are never
held in memory: the formulas' texts are looked at (a string literal in a formula is not shown by any
cell), and — only when ``styles.xml`` has a number format with ten or more digit placeholders — whole
numbers in cells with such a format, rendered the way Excel shows them (``505051235`` with
``000000-0000`` → ``050505-1235``). Everything outside ``<sheetData>`` (headers and footers,
data validation, hyperlinks…) is read as XML.
"""

from __future__ import annotations

import html
import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from typing import IO

import defusedxml.ElementTree as SafeET

from kkik_xl.excel import sheet_xml  # its MAX_SCAN_BYTES: the limit KKIK-LS-014 names
from kkik_xl.excel.inflated import open_part
from kkik_xl.excel.package_places import PartText, sheet_place
from kkik_xl.excel.package_xml import local, xml_texts
from kkik_xl.excel.structure_copy import slim_xml

_CHUNK = 4 << 20
_ROW_START = re.compile(rb"<\w+:row\b")
_FORMULA_TAGS = (b"<f>", b"<f ", b":f>", b":f ")  # plain searches: a chunk without them has no formula
_FORMULA = re.compile(rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b[^>]*>([^<]+)</(?:\w+:)?f>")
_NUMBER = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>(?:\s*<(?:\w+:)?f\b[^>]*(?:/>|>[^<]*</(?:\w+:)?f>))?\s*<(?:\w+:)?v>([^<]+)</"
)
_REF = re.compile(rb'\br="([A-Za-z]{1,3}[0-9]{1,7})"')
_STYLE = re.compile(rb'\bs="([0-9]+)"')
_TYPE = re.compile(rb'\bt="([a-z]+)"')
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
MIN_PLACEHOLDERS = 9  # a 9-digit number with a leading zero added is a ten-digit personnummer
_NOT_INTEGER = re.compile(r"[.,eE%/yYmMdDhHsS@]")


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, str]:
    """Relationship id → target part of ``part`` (external targets left out)."""
    folder, base = posixpath.split(part)
    name = posixpath.join(folder, "_rels", base + ".rels")
    if name not in zf.namelist():
        return {}
    out = {}
    for el in SafeET.fromstring(zf.read(name)):
        target = el.get("Target", "")
        if el.get("TargetMode") != "External":
            joined = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            out[el.get("Id", "")] = posixpath.normpath(joined)
    return out


def part_sheets(zf: zipfile.ZipFile) -> dict[str, str]:
    """Part name → sheet name for each worksheet and the parts it links to (notes, drawings, charts…)."""
    names = set(zf.namelist())
    if "xl/workbook.xml" not in names:
        return {}
    book_rels = _rels(zf, "xl/workbook.xml")
    out: dict[str, str] = {}
    for el in SafeET.fromstring(zf.read("xl/workbook.xml")).iter():
        part = book_rels.get(el.get(_REL_ID, "")) if local(el.tag) == "sheet" else None
        if part is None or part not in names:
            continue
        sheet = el.get("name", "")
        out[part] = sheet
        for linked in _rels(zf, part).values():
            out.setdefault(linked, sheet)
            for deeper in _rels(zf, linked).values() if linked in names else ():
                out.setdefault(deeper, sheet)
    return out


def placeholders(code: str) -> str:
    """The format's first section with quoted and escaped literals kept and colours dropped."""
    section = re.sub(r"\[[^\]]*\]", "", code.split(";")[0])
    return re.sub(r'"([^"]*)"|\\(.)|[_*].', lambda m: m[1] or m[2] or "", section)


def personnummer_styles(zf: zipfile.ZipFile) -> dict[int, str]:
    """Cell style index → number format code, for formats that show a whole number with ≥ 9 digits."""
    if "xl/styles.xml" not in zf.namelist():
        return {}
    root = SafeET.fromstring(zf.read("xl/styles.xml"))
    codes = {
        el.get("numFmtId", ""): el.get("formatCode", "") for el in root.iter() if local(el.tag) == "numFmt"
    }
    wanted = {i: c for i, c in codes.items() if _shows_digits(c)}
    xfs = next((el for el in root.iter() if local(el.tag) == "cellXfs"), None)
    if not wanted or xfs is None:
        return {}
    cells = [el for el in xfs if local(el.tag) == "xf"]
    return {i: wanted[el.get("numFmtId", "")] for i, el in enumerate(cells) if el.get("numFmtId") in wanted}


def _shows_digits(code: str) -> bool:
    bare = re.sub(r'"[^"]*"|\[[^\]]*\]|\\.', "", code.split(";")[0])
    return not _NOT_INTEGER.search(bare) and sum(c in "0#?" for c in placeholders(code)) >= MIN_PLACEHOLDERS


def render(value: int, code: str) -> str:
    """A whole number shown with a digit format the way Excel shows it (leading digits that do not
    fit go to the first placeholder)."""
    shown = placeholders(code)
    digits = str(abs(value))
    slots = [i for i, c in enumerate(shown) if c in "0#?"]
    out = list(shown)
    for k, i in enumerate(reversed(slots)):
        j = len(digits) - 1 - k
        out[i] = digits[j] if j >= 0 else {"0": "0", "#": "", "?": " "}[shown[i]]
    if slots and len(digits) > len(slots):
        out[slots[0]] = digits[: len(digits) - len(slots) + 1]
    return ("-" if value < 0 else "") + "".join(out)


def worksheet_texts(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, sheet: str, formats: dict[int, str]
) -> Iterator[PartText]:
    """Formulas, formatted numbers and everything outside the cells of one worksheet, in one pass
    over the inflated XML (a big log's sheet is inflated once here, not once per kind of text)."""
    cells: list[PartText] = []
    with open_part(zf, info) as fh:
        try:
            slim = slim_xml(_observed(fh, sheet, formats, cells))
        except ValueError:  # cut at the scan limit, or not closed: the text after the cells is not read
            slim = b""
    yield from cells
    for item in xml_texts(io.BytesIO(slim)):
        place = sheet_place(item.path)
        yield PartText(place.text, item.text, sheet, item.ref if place.cell else None)


def _observed(fh: IO[bytes], sheet: str, formats: dict[int, str], found: list[PartText]) -> Iterator[bytes]:
    """The chunks of ``fh`` as read; formulas and formatted numbers of their whole rows go to ``found``."""
    rest, read = b"", 0
    while read < sheet_xml.MAX_SCAN_BYTES and (data := fh.read(_CHUNK)):
        read += len(data)
        yield data
        rest += data
        cut = _last_row_start(rest)
        if cut:
            found.extend(_cell_texts(rest[:cut], sheet, formats))
            rest = rest[cut:]
    found.extend(_cell_texts(rest, sheet, formats))


def _cell_texts(chunk: bytes, sheet: str, formats: dict[int, str]) -> Iterator[PartText]:
    yield from _formulas(chunk, sheet)
    if formats:
        yield from _formatted(chunk, sheet, formats)


def _last_row_start(data: bytes) -> int:
    """Where the last row of ``data`` starts: everything before it is complete rows (0: none)."""
    at = data.rfind(b"<row")
    if at > 0:
        return at
    starts = [m.start() for m in _ROW_START.finditer(data, max(0, len(data) - _CHUNK))]  # <x:row
    return starts[-1] if starts else 0


def _formulas(chunk: bytes, sheet: str) -> Iterator[PartText]:
    if not any(tag in chunk for tag in _FORMULA_TAGS):
        return  # no formula in these rows: skip the cell-by-cell pattern (most of a big log's time)
    for m in _FORMULA.finditer(chunk):
        ref = _REF.search(m[1])
        text = html.unescape(m[2].decode("utf-8", errors="replace"))
        yield PartText("Formeln", text, sheet, ref[1].decode() if ref else None)


def _formatted(chunk: bytes, sheet: str, formats: dict[int, str]) -> Iterator[PartText]:
    for m in _NUMBER.finditer(chunk):
        style, kind = _STYLE.search(m[1]), _TYPE.search(m[1])
        if style is None or int(style[1]) not in formats or (kind and kind[1] != b"n"):
            continue
        try:
            number = float(m[2])
        except ValueError:
            continue
        if number.is_integer() and abs(number) < 1e15:
            ref = _REF.search(m[1])
            shown = render(int(number), formats[int(style[1])])
            yield PartText("Cellen", shown, sheet, ref[1].decode() if ref else None, shown_in_cell=True)
