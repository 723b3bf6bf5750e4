"""Crash-freedom as a property (issue 14 point 6): any cell values in any input column of any template
give findings or a Swedish usage error from ``validate``, ``compute`` and ``submit`` — never a crash.

Each example is a real .xlsx: the real template from ``workbook_templates/`` with rows written straight
into the XML of its table sheets (fast enough for a few hundred files a minute). A cell is any of:
numbers of any size and sign (with the column's own number format, as Excel gives a typed cell, or
General), serials far outside the calendar, booleans, every Excel error value, text of any Unicode
(including the control characters Excel escapes as ``_x0001_``), empty and blank text, rich text, and
formulas with and without a cached value. The commands run in-process through typer's CliRunner.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.cli import app
from kkik_xl.excel.columns import col_index as _col_index
from kkik_xl.excel.columns import col_letter
from kkik_xl.excel.meta import sheet_members
from kkik_xl.excel.reader import read_workbook

TEMPLATES = Path(__file__).parent.parent / "workbook_templates"
TEMPLATE_IDS = [t.id for t in CATALOGUE.templates]
ERRORS = ["#N/A", "#DIV/0!", "#REF!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!", "#GETTING_DATA"]
runner = CliRunner()

Cell = tuple[str, Any]  # (kind, payload); see _cell_xml

# Characters XML 1.0 can carry literally (no surrogates, no U+FFFE/U+FFFF, no C0 controls but tab/LF/CR).
xml_text = st.text(
    st.characters(
        exclude_categories=("Cs",),
        exclude_characters="\ufffe\uffff",
        include_characters="\t\n\r",
        min_codepoint=0x20,
    ),
    max_size=30,
)
numbers = st.one_of(
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=-2, max_value=2, allow_nan=False),
    st.sampled_from([20250305, 19991231, 2958465, 2958466, 3e6, 1e11, -1e11, -1e308, 1e308, 60, 0.5, -0.5]),
)
cells: st.SearchStrategy[Cell] = st.one_of(
    st.tuples(st.just("number"), numbers),
    st.tuples(st.just("general"), numbers),
    st.tuples(st.just("bool"), st.booleans()),
    st.tuples(st.just("error"), st.sampled_from(ERRORS)),
    st.tuples(st.just("text"), xml_text),
    st.tuples(
        st.just("text"),
        st.sampled_from(
            ["", " ", "\u00a0", "\u200b", "20250305", "2025-03-05", "5/3 2025", "07:30", "25:00", "Ja", "nej"]
        ),
    ),
    st.tuples(st.just("escaped"), st.integers(0, 31)),
    st.tuples(st.just("rich"), st.lists(xml_text, min_size=1, max_size=3)),
    st.tuples(st.just("formula"), st.one_of(numbers, st.booleans(), xml_text, st.sampled_from(ERRORS))),
    st.tuples(st.just("formula_no_value"), st.sampled_from(["A1", "1/0", "TODAY()", '"x"'])),
    st.none(),
)


@cache
def _template(template_id: str) -> tuple[bytes, int]:
    path = TEMPLATES / f"{template_id}.xlsx"
    year = read_workbook(path).meta.year
    assert year is not None
    return path.read_bytes(), year


def _number(value: float | int) -> str:
    return repr(float(value)) if isinstance(value, float) else str(value)


def _cell_xml(ref: str, style: str | None, cell: Cell) -> str:
    kind, value = cell
    s = f' s="{style}"' if style and kind != "general" else ""
    if kind in ("number", "general"):
        return f'<c r="{ref}"{s}><v>{_number(value)}</v></c>'
    if kind == "bool":
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if kind == "error":
        return f'<c r="{ref}"{s} t="e"><v>{escape(value)}</v></c>'
    if kind == "text":
        return f'<c r="{ref}"{s} t="inlineStr"><is><t xml:space="preserve">{_xml(value)}</t></is></c>'
    if kind == "escaped":
        return f'<c r="{ref}"{s} t="inlineStr"><is><t>_x{value:04X}_</t></is></c>'
    if kind == "rich":
        runs = "".join(f'<r><rPr><b/></rPr><t xml:space="preserve">{_xml(t)}</t></r>' for t in value)
        return f'<c r="{ref}"{s} t="inlineStr"><is>{runs}</is></c>'
    if kind == "formula_no_value":
        return f'<c r="{ref}"{s}><f>{escape(value)}</f></c>'
    return _formula_xml(ref, s, value)


def _formula_xml(ref: str, s: str, value: Any) -> str:
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><f>TRUE()</f><v>{int(value)}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"{s}><f>0+{_number(value)}</f><v>{_number(value)}</v></c>'
    if value in ERRORS:
        return f'<c r="{ref}"{s} t="e"><f>NA()</f><v>{escape(value)}</v></c>'
    return f'<c r="{ref}"{s} t="str"><f>"x"</f><v xml:space="preserve">{_xml(value)}</v></c>'


def _xml(text: str) -> str:
    return escape(text).replace("\r", "&#13;")


def _column_styles(sheet_xml: str) -> dict[int, str]:
    styles = {}
    for m in re.finditer(r'<col min="(\d+)" max="(\d+)"[^>]*?style="(\d+)"', sheet_xml):
        for c in range(int(m[1]), int(m[2]) + 1):
            styles[c - 1] = m[3]
    return styles


def _rows_xml(sheet_xml: str, rows: list[list[Cell]]) -> str:
    styles = _column_styles(sheet_xml)
    out = []
    for r, row in enumerate(rows, start=2):
        body = "".join(
            _cell_xml(f"{col_letter(c)}{r}", styles.get(c), cell)
            for c, cell in enumerate(row)
            if cell is not None
        )
        out.append(f'<row r="{r}">{body}</row>')
    return "".join(out)


def _with_extra_header(sheet_xml: str) -> str:
    """The sheet with a column the template does not have, after its last header (users add them)."""
    header = re.search(r'<row r="1"[^>]*>(.*?)</row>', sheet_xml)
    assert header is not None
    last = max(int(_col_index(m)) for m in re.findall(r'<c r="([A-Z]+)1"', header[1]))
    extra = f'<c r="{col_letter(last + 1)}1" t="inlineStr"><is><t>Egen kolumn</t></is></c>'
    return sheet_xml.replace(header[0], header[0].replace("</row>", extra + "</row>"), 1)


def write_workbook(path: Path, template_id: str, rows_by_table: dict[str, list[list[Cell]]]) -> Path:
    """The real template with ``rows_by_table`` written under each table's header."""
    data, _ = _template(template_id)
    template = CATALOGUE.template(template_id)
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        members = sheet_members(src)
        wanted = {members[t.sheet]: rows_by_table.get(t.name, []) for t in template.tables}
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in wanted:
                xml = _with_extra_header(content.decode())
                rows = _rows_xml(xml, wanted[info.filename])
                assert "</sheetData>" in xml
                content = xml.replace("</sheetData>", rows + "</sheetData>", 1).encode()
            dst.writestr(info, content)
    return path


@st.composite
def workbooks(draw: st.DrawFn) -> tuple[str, dict[str, list[list[Cell]]]]:
    """A template id and, for each of its tables, 1–3 rows with a value drawn for every column."""
    template_id = draw(st.sampled_from(TEMPLATE_IDS))
    _, year = _template(template_id)
    rows = {
        t.name: draw(
            st.lists(
                st.lists(
                    cells, min_size=len(t.columns_for_year(year)), max_size=len(t.columns_for_year(year))
                ),
                min_size=1,
                max_size=3,
            )
        )
        for t in CATALOGUE.template(template_id).tables
    }
    return template_id, rows


def _assert_clean(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code in (0, 1, 2), (args, result.output, result.exception)
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert "Traceback" not in result.output, result.output
    if result.exit_code == 2:
        assert result.output.strip(), args


def run_commands(path: Path, template_id: str, out: Path) -> None:
    """validate (with a marked copy), compute and submit the file; each must end with findings or a
    usage error."""
    _, year = _template(template_id)
    _assert_clean(["validate", str(path), "--report", "json", "--mark"])
    _assert_clean(["compute", template_id, str(path), "--year", str(year), "--format", "json"])
    _assert_clean(["submit", str(path), "--out", str(out)])


KNOWN_CRASHERS = [
    ("forskola", {"Placeringar": [[("text", "Solen"), ("number", 20250305), ("number", 45721), None]]}),
    ("forskola", {"Placeringar": [[None, ("number", -1e308), ("general", 3e6), None]]}),
    (
        "sarskilt-boende",
        {
            "Ansokningar": [
                [
                    ("text", "Ä1"),
                    ("number", 80),
                    ("number", 45600),
                    ("number", 20250305),
                    ("number", 45721),
                    None,
                ]
            ]
        },
    ),
    ("service", {"Epost": [[("text", "F"), ("number", 2958466), ("number", -1e308)]]}),
    (
        "hemtjanst",
        {
            "Besok": [
                [
                    ("number", 1e300),
                    ("number", 1e300),
                    ("number", -1e308),
                    ("number", -1e308),
                    ("number", 1e11),
                    None,
                    None,
                    None,
                    None,
                ]
            ]
        },
    ),
    (
        "hemtjanst",
        {
            "Besok": [
                [
                    ("text", " "),
                    ("text", "\u00a0"),
                    ("text", "\u200b"),
                    ("text", ""),
                    ("rich", [" "]),
                    None,
                    None,
                    None,
                    None,
                ]
            ]
        },
    ),
    # A time-formatted number of 2**51 days: the duration had no Python timedelta (OverflowError).
    (
        "hemtjanst",
        {
            "Besok": [
                [None, None, None, ("number", 0.3), ("number", 2_251_799_813_685_247), None, None, None, None]
            ]
        },
    ),
]


@settings(
    max_examples=int(os.environ.get("KKIK_CRASH_EXAMPLES", "30")),  # ~1 s each; raise it for a long hunt
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
@given(workbook=workbooks())
@example(workbook=KNOWN_CRASHERS[0])
@example(workbook=KNOWN_CRASHERS[1])
@example(workbook=KNOWN_CRASHERS[2])
@example(workbook=KNOWN_CRASHERS[3])
@example(workbook=KNOWN_CRASHERS[4])
@example(workbook=KNOWN_CRASHERS[5])
@example(workbook=KNOWN_CRASHERS[6])
def test_any_cell_values_give_findings_not_crashes(
    workbook: tuple[str, dict[str, list[list[Cell]]]], tmp_path_factory: pytest.TempPathFactory
) -> None:
    template_id, rows = workbook
    folder = tmp_path_factory.mktemp("fuzz")
    path = write_workbook(folder / f"{template_id}.xlsx", template_id, rows)
    run_commands(path, template_id, folder)
