"""The streaming sheet patch against a model: any sheet, any marks, any chunk boundaries."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from kkik_xl.excel.xmlmark.sheet_data import Action, SheetPatch, column_letters
from kkik_xl.findings import Severity

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
HEAD = (
    b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
    b'2006/main"><cols><col min="2" max="3" style="7" width="12"/></cols>'
)
TAIL = b'<mergeCells count="1"><mergeCell ref="A1:B1"/></mergeCells></worksheet>'
RANK = {Severity.ERROR: 1, Severity.WARNING: 2, Severity.INFO: 3}

Sheet = dict[int, tuple[int | None, dict[int, int]]]  # row → (row style if custom, {col: style})


def restyle(style: int, action: Action) -> int:
    return style if action is None else 1000 + 10 * style + RANK[action]


def sheet_xml(sheet: Sheet) -> bytes:
    rows = []
    for r, (row_style, cells) in sorted(sheet.items()):
        attrs = b' r="%d" spans="1:9"' % r + (b' s="%d" customFormat="1"' % row_style if row_style else b"")
        body = b"".join(
            b'<c r="%s%d" s="%d"><v>%d</v></c>' % (column_letters(c).encode(), r, s, c)
            for c, s in sorted(cells.items())
        )
        rows.append(b"<row%s>%s</row>" % (attrs, body) if body else b"<row%s/>" % attrs)
    return HEAD + b"<sheetData>" + b"".join(rows) + b"</sheetData>" + TAIL


def styles_of(xml: bytes) -> dict[tuple[int, int], int]:
    root = ET.fromstring(xml)
    out, last_row = {}, 0
    for row in root.iter(f"{NS}row"):
        r = int(row.get("r", "0"))
        assert r > last_row, "rows stay in order"
        last_row, last_col = r, 0
        for cell in row.iter(f"{NS}c"):
            ref = cell.get("r", "")
            col = sum((ord(ch) - 64) * 26**i for i, ch in enumerate(reversed(ref.rstrip("0123456789"))))
            assert col > last_col, "cells stay in column order"
            last_col = col
            out[(r, col)] = int(cell.get("s", "0"))
    return out


def expected(sheet: Sheet, marks: dict[int, dict[int, Action]]) -> dict[tuple[int, int], int]:
    out = {(r, c): s for r, (_, cells) in sheet.items() for c, s in cells.items()}
    for r, by_col in marks.items():
        for c, action in by_col.items():
            if (r, c) in out:
                out[(r, c)] = restyle(out[(r, c)], action)
            elif action is not None:
                row_style = sheet.get(r, (None, {}))[0]
                base = row_style if row_style else (7 if c in (2, 3) else 0)
                out[(r, c)] = restyle(base, action)
    return out


rows = st.integers(1, 40)
cols = st.integers(1, 6)
sheets = st.dictionaries(
    rows, st.tuples(st.one_of(st.none(), st.integers(1, 5)), st.dictionaries(cols, st.integers(0, 9)))
)
actions = st.one_of(st.none(), st.sampled_from(list(Severity)))
marks_st = st.dictionaries(rows, st.dictionaries(cols, actions, min_size=1))


@settings(max_examples=300, deadline=None)
@given(sheet=sheets, marks=marks_st, chunk=st.integers(1, 300))
def test_patch_matches_the_model_for_any_chunking(
    sheet: Sheet, marks: dict[int, dict[int, Action]], chunk: int
) -> None:
    xml = sheet_xml(sheet)
    pieces = iter([xml[i : i + chunk] for i in range(0, len(xml), chunk)])
    out: list[bytes] = []
    patch = SheetPatch(marks, restyle)
    patch.run(pieces, out.append)
    result = b"".join(out)
    assert styles_of(result) == expected(sheet, marks)
    assert result.endswith(TAIL) and b'<mergeCell ref="A1:B1"/>' in patch.tail


def test_unmarked_rows_are_copied_as_bytes() -> None:
    sheet: Sheet = {r: (None, {1: 3, 2: 4}) for r in range(1, 30)}
    xml = sheet_xml(sheet)
    out: list[bytes] = []
    SheetPatch({15: {2: Severity.ERROR}}, restyle).run(iter([xml]), out.append)
    result = b"".join(out)
    assert (
        result.replace(b'<c r="B15" s="1041">', b'<c r="B15" s="4">').replace(
            b'<row r="15">', b'<row r="15" spans="1:9">'
        )
        == xml
    )
