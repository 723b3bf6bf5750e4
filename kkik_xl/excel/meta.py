"""Workbook metadata: the ``_meta`` sheet, ``KKIK_*`` defined names, the date system, Table ranges."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import defusedxml.ElementTree as SafeET
from python_calamine import CalamineWorkbook

from kkik_xl.excel.result import WorkbookMeta

META_SHEET = "_meta"
_NS = re.compile(r"^\{[^}]*\}")
_REF = re.compile(r"^'?(?P<sheet>.+?)'?!\$?(?P<col>[A-Z]+)\$?(?P<row>\d+)$")


@dataclass(frozen=True)
class TableRef:
    """An Excel Table's name and top-left cell (0-based row and column of its header)."""

    name: str
    header_row: int
    first_col: int


def _local(tag: str) -> str:
    return _NS.sub("", tag)


def _col_index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n - 1


def zip_parts(path: Path) -> tuple[bool, dict[str, TableRef]]:
    """The 1904 date-system flag and the Table ranges of an OOXML file (already checked safe)."""
    date1904 = False
    tables: dict[str, TableRef] = {}
    with zipfile.ZipFile(path) as zf:
        names = set(zf.namelist())
        if "xl/workbook.xml" in names:
            root = SafeET.fromstring(zf.read("xl/workbook.xml"))
            for el in root.iter():
                if _local(el.tag) == "workbookPr":
                    date1904 = el.get("date1904", "0").lower() in ("1", "true")
        for name in names:
            if name.startswith("xl/tables/") and name.endswith(".xml"):
                el = SafeET.fromstring(zf.read(name))
                ref = el.get("ref", "A1").split(":")[0]
                m = re.match(r"^([A-Z]+)(\d+)$", ref)
                if m:
                    tname = el.get("displayName") or el.get("name") or ""
                    tables[tname] = TableRef(tname, int(m[2]) - 1, _col_index(m[1]))
    return date1904, tables


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
            cache[sheet] = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False, nrows=200)
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
        r, c = int(m["row"]) - 1, _col_index(m["col"])
        if r < len(grid) and c < len(grid[r]) and (text := _cell_text(grid[r][c])) is not None:
            meta.names[name] = text
    return meta
