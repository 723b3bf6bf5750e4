"""LibreOffice as the user's spreadsheet program (issue 14, points 16 and 17), in a real LibreOffice.

- A plain open-and-save of a template, empty or filled, is no change of structure: no KKIK-MA-002, and
  no finding points at a hidden sheet.
- Rows typed below the Table (LibreOffice does not grow it) are counted by the Resultat preview as by
  the engines: the rows are typed through UNO (``tests/libreoffice_typing.py``, run by the system
  Python that has LibreOffice's ``uno`` module), recalculated and saved by LibreOffice.

Skipped when LibreOffice or its Python bridge is missing, unless ``KKIK_REQUIRE_LIBREOFFICE=1``
(set by ``.ci/run``, which installs both).
"""

from __future__ import annotations

import json
import math
import os
import subprocess
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
import pytest

from kkik_xl.catalogue import CATALOGUE, Template
from kkik_xl.excel.libreoffice import convert, soffice_path
from kkik_xl.excel.preview_formulas import NOT_AVAILABLE, is_native
from kkik_xl.excel.template_builder import DEFAULT_YEAR, write_template
from kkik_xl.excel.template_examples import template_rows
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.excel.template_resultat import HEADER_ROW, RESULT_SHEET
from kkik_xl.rules import validate_workbook

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = "/usr/bin/python3"
pytestmark = pytest.mark.libreoffice
NATIVE_TEMPLATES = [
    t.id for t in CATALOGUE.templates if any(is_native(m.kpi) for m in CATALOGUE.measures_of(t.id))
]


def _missing(reason: str) -> None:
    if os.environ.get("KKIK_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(f"{reason} (KKIK_REQUIRE_LIBREOFFICE=1 kräver det).")
    pytest.skip(reason)


def _require_uno() -> None:
    if soffice_path() is None:
        _missing("LibreOffice (soffice) saknas")
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False)
    if probe.returncode != 0:
        _missing("LibreOffices Python-brygga (python3-uno) saknas")


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    """Every template, empty and filled, opened and saved as .xlsx by LibreOffice (one run)."""
    if soffice_path() is None:
        _missing("LibreOffice (soffice) saknas")
    base = tmp_path_factory.mktemp("lo-spara")
    sources: dict[tuple[str, str], Path] = {}
    for t in CATALOGUE.templates:
        empty = write_template(t.id, DEFAULT_YEAR, base / "tom")
        sources["tom", t.id] = empty
        rows = template_rows(t, DEFAULT_YEAR, ROOT / "examples")
        sources["ifylld", t.id] = fill_template(
            empty, base / "ifylld" / f"{t.id}.xlsx", rows, kommun="Gotland"
        )
    keys = list(sources)
    saved = convert([sources[k] for k in keys], "xlsx:Calc MS Excel 2007 XML", base / "sparad")
    return dict(zip(keys, saved, strict=True))


@pytest.mark.parametrize("state", ["tom", "ifylld"])
@pytest.mark.parametrize("template_id", [t.id for t in CATALOGUE.templates])
def test_open_and_save_in_libreoffice_is_no_change_of_structure(
    saved_by_libreoffice: dict[tuple[str, str], Path], template_id: str, state: str
) -> None:
    path = saved_by_libreoffice[state, template_id]
    findings = validate_workbook(path).findings
    assert not [f for f in findings if f.code.startswith("KKIK-MA-")], [(f.code, f.message) for f in findings]
    hidden = {ws.title for ws in openpyxl.load_workbook(path).worksheets if ws.sheet_state != "visible"}
    assert hidden, "the _meta sheet is hidden"
    assert not [f for f in findings if f.sheet in hidden]


def _typed(value: object) -> str | int | float:
    """The text a user types for ``value`` (numbers as numbers)."""
    if isinstance(value, bool):
        return "Ja" if value else "Nej"
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M:%S")
    return str(value)


def _cells(template: Template) -> list[list[object]]:
    """Uppgifter's municipality, then every example row from row 2 down (the Table holds row 2 only)."""
    from kkik_xl.excel.columns import col_letter

    cells: list[list[object]] = [["Uppgifter", "B4", "Gotland"]]
    for name, rows in template_rows(template, DEFAULT_YEAR, ROOT / "examples").items():
        table = template.table(name)
        headers = [c.name for c in table.columns_for_year(DEFAULT_YEAR)]
        for r, row in enumerate(rows, start=2):
            for c, header in enumerate(headers):
                value = row.get(header)
                if value is not None and value != "":
                    cells.append([table.sheet, f"{col_letter(c)}{r}", _typed(value)])
    return cells


@pytest.fixture(scope="module")
def typed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each template with native previews, its example rows typed in LibreOffice below the Table."""
    _require_uno()
    base = tmp_path_factory.mktemp("lo-skriv")
    jobs, out = [], {}
    for template_id in NATIVE_TEMPLATES:
        source = write_template(template_id, DEFAULT_YEAR, base / "mallar")
        out[template_id] = base / "skrivna" / f"{template_id}.xlsx"
        cells = _cells(CATALOGUE.template(template_id))
        jobs.append({"source": str(source), "target": str(out[template_id]), "cells": cells})
    (base / "skrivna").mkdir()
    job_file = base / "jobb.json"
    job_file.write_text(json.dumps(jobs, ensure_ascii=False), encoding="utf-8")
    script = Path(__file__).with_name("libreoffice_typing.py")
    subprocess.run([SYSTEM_PYTHON, str(script), str(job_file)], check=True, timeout=600, capture_output=True)
    return out


def _previews(path: Path, template_id: str, column: int) -> dict[str, object]:
    ws = openpyxl.load_workbook(path, data_only=True)[RESULT_SHEET]
    return {
        m.kpi: ws.cell(HEADER_ROW + 2 + i, column).value
        for i, m in enumerate(CATALOGUE.measures_of(template_id))
    }


@pytest.mark.parametrize("template_id", NATIVE_TEMPLATES)
def test_rows_typed_below_the_table_are_counted_by_the_preview_as_by_the_engine(
    typed: dict[str, Path], template_id: str
) -> None:
    path = typed[template_id]
    table_refs = [t.ref for ws in openpyxl.load_workbook(path).worksheets for t in ws.tables.values()]
    assert all(ref.endswith("2") for ref in table_refs), f"LibreOffice grew a Table: {table_refs}"
    report = validate_workbook(path)
    engine = {r.kpi: r for r in report.results}
    values, counted = _previews(path, template_id, 3), _previews(path, template_id, 5)
    for m in CATALOGUE.measures_of(template_id):
        if not is_native(m.kpi):
            continue
        assert counted[m.kpi] == engine[m.kpi].rows_used > 1, (m.kpi, counted[m.kpi], engine[m.kpi].rows_used)
        expected = engine[m.kpi].value
        if expected is None:
            assert values[m.kpi] == NOT_AVAILABLE, m.kpi
        else:
            assert isinstance(values[m.kpi], int | float), (m.kpi, values[m.kpi], expected)
            assert math.isclose(values[m.kpi], expected, rel_tol=1e-9, abs_tol=1e-9), (m.kpi, values[m.kpi])
