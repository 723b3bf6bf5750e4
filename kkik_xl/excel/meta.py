"""Workbook metadata: the ``_meta`` sheet, ``KKIK_*`` defined names, the date system, Table ranges."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
from python_calamine import CalamineWorkbook

from kkik_xl.excel.columns import col_index
from kkik_xl.excel.result import WorkbookMeta
from kkik_xl.excel.sheet_rows import sheet_rows

META_SHEET = "_meta"
_NS = re.compile(r"^\{[^}]*\}")
_VALUE = re.compile(rb"<(?:\w+:)?(?:v|is)[ >]")
_ROW = re.compile(rb"<(?:\w+:)?row\b[^>]*?\br=\"(\d+)\"")
_REF = re.compile(r"^'?(?P<sheet>.+?)'?!\$?(?P<col>[A-Z]+)\$?(?P<row>\d+)$")


@dataclass(frozen=True)
class TableRef:
    """An Excel Table's name and top-left cell (0-based row and column of its header)."""

    name: str
    header_row: int
    first_col: int


def _local(tag: str) -> str:
    return _NS.sub("", tag)


@dataclass
class OoxmlParts:
    """Facts read from the small XML parts of an OOXML file (already checked safe)."""

    date1904: bool = False
    tables: dict[str, TableRef] = field(default_factory=dict)
    first_rows: dict[str, int] = field(default_factory=dict)


def _sheet_parts(zf: zipfile.ZipFile, workbook: Any) -> dict[str, str]:
    """Sheet name → zip member of its XML."""
    targets: dict[str, str] = {}
    if "xl/_rels/workbook.xml.rels" in zf.namelist():
        for el in SafeET.fromstring(zf.read("xl/_rels/workbook.xml.rels")).iter():
            if _local(el.tag) == "Relationship":
                target = el.get("Target", "")
                targets[el.get("Id", "")] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    parts: dict[str, str] = {}
    for el in workbook.iter():
        if _local(el.tag) == "sheet":
            rid = next((v for k, v in el.attrib.items() if _local(k) == "id"), "")
            if rid in targets:
                parts[el.get("name", "")] = targets[rid]
    return parts


def sheet_members(zf: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → zip member of its XML, for an OOXML file."""
    if "xl/workbook.xml" not in zf.namelist():
        return {}
    return _sheet_parts(zf, SafeET.fromstring(zf.read("xl/workbook.xml")))


def first_valued_row(zf: zipfile.ZipFile, member: str, limit: int = 8 << 20) -> int:
    """0-based sheet row of the first cell with a value (where calamine's range starts), else 0."""
    buffer = b""
    with zf.open(member) as fh:
        while len(buffer) < limit:
            chunk = fh.read(1 << 16)
            if not chunk:
                break
            buffer += chunk
            hit = _VALUE.search(buffer)
            if hit:
                row = _ROW.findall(buffer, 0, hit.start())
                return int(row[-1]) - 1 if row else 0
    return 0


def zip_parts(path: Path) -> OoxmlParts:
    """The 1904 flag, the Table ranges and each sheet's first valued row of an OOXML file."""
    out = OoxmlParts()
    tables = out.tables
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" in names:
            root = SafeET.fromstring(zf.read("xl/workbook.xml"))
            for el in root.iter():
                if _local(el.tag) == "workbookPr":
                    out.date1904 = el.get("date1904", "0").lower() in ("1", "true")
            for sheet, member in _sheet_parts(zf, root).items():
                if member in names:
                    out.first_rows[sheet] = first_valued_row(zf, member)
        for name in names:
            if name.startswith("xl/tables/") and name.endswith(".xml"):
                el = SafeET.fromstring(zf.read(name))
                ref = el.get("ref", "A1").split(":")[0]
                m = re.match(r"^([A-Z]+)(\d+)$", ref)
                if m:
                    tname = el.get("displayName") or el.get("name") or ""
                    tables[tname] = TableRef(tname, int(m[2]) - 1, col_index(m[1]))
    return out


def _cell_text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def read_meta(path: Path, defined: dict[str, str], sheet_names: list[str]) -> WorkbookMeta:
    """Metadata from the ``_meta`` sheet and the values behind the ``KKIK_*`` defined names."""
    meta = WorkbookMeta()
    wanted = {n: f for n, f in defined.items() if n.upper().startswith("KKIK_")}
    if META_SHEET not in sheet_names and not wanted:
        return meta
    book = CalamineWorkbook.from_path(str(path))
    cache: dict[str, list[list[Any]]] = {}

    def rows(sheet: str) -> list[list[Any]]:
        if sheet not in cache:
            cache[sheet] = sheet_rows(book, path, sheet, nrows=200)
        return cache[sheet]

    if META_SHEET in sheet_names:
        pairs = {str(r[0]).strip(): _cell_text(r[1]) for r in rows(META_SHEET) if len(r) > 1 and r[0]}
        meta.template_id = pairs.get("template_id")
        meta.template_version = pairs.get("template_version")
        meta.catalogue_version = pairs.get("catalogue_version")
        meta.fingerprint = pairs.get("fingerprint")
        year = pairs.get("year")
        meta.year = int(year) if year and year.isdigit() else None
    for name, formula in wanted.items():
        m = _REF.match(formula.strip().lstrip("="))
        if not m or m["sheet"] not in sheet_names:
            continue
        grid = rows(m["sheet"])
        r, c = int(m["row"]) - 1, col_index(m["col"])
        if r < len(grid) and c < len(grid[r]) and (text := _cell_text(grid[r][c])) is not None:
            meta.names[name] = text
    return meta
