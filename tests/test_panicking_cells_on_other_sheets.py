"""A number formatted as a date far outside every calendar makes the reader panic wherever it stands.

On a table sheet the reader reads the column again (tests/test_cells_cli.py); on Instruktioner,
Uppgifter and Kontroll, which calamine reads for the personal-data scan, the ``_meta`` values and the
motivations, :mod:`kkik_xl.excel.sheet_rows` reads the sheet again with openpyxl. Run as a process, so
that the Rust panic's own text on stderr would be seen.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

TEMPLATE = Path(__file__).parent.parent / "workbook_templates" / "forskola.xlsx"


def _with_impossible_date(tmp_path: Path, sheet: str, cell: str) -> Path:
    wb = openpyxl.load_workbook(TEMPLATE)
    ws = wb[sheet]
    ws.protection.sheet = False
    ws[cell] = -1e308
    ws[cell].number_format = "yyyy-mm-dd"
    wb["Uppgifter"]["B4"] = "Ale"
    path = tmp_path / f"forskola_omojligt_datum_{sheet}.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize(
    ("sheet", "cell"), [("Instruktioner", "H40"), ("Uppgifter", "H30"), ("Kontroll", "L5")]
)
def test_a_panicking_cell_outside_the_tables_is_read_without_a_crash(
    tmp_path: Path, sheet: str, cell: str
) -> None:
    path = _with_impossible_date(tmp_path, sheet, cell)
    done = subprocess.run(
        [sys.executable, "-m", "kkik_xl", "validate", str(path), "--report", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in done.stdout + done.stderr
    assert "panicked" not in done.stderr
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["template"] == "forskola" and report["counts"]["error"] == 0
