"""Bad cells after fastexcel's 1,000-row type sample are all reported, never silently null.

Fixture: ``tests/data/hemtjanst_bad_cells_after_row_1000.xlsx`` (the shipped template with 1,500 rows,
made by ``tests/data/make_fixture_bad_cells_after_row_1000.py``).
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import fastexcel
import polars as pl
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.excel.reader import read_workbook

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "hemtjanst_bad_cells_after_row_1000.xlsx"


def _generator() -> ModuleType:
    path = DATA / "make_fixture_bad_cells_after_row_1000.py"
    spec = importlib.util.spec_from_file_location("make_fixture_bad_cells", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


GEN = _generator()
COLUMNS = {h: chr(ord("A") + i) for i, h in enumerate(GEN.visit(0))}


def test_fixture_holds_the_cells_its_generator_describes() -> None:
    plain = pl.read_excel(FIXTURE, sheet_name="Besök", engine="openpyxl", infer_schema_length=0)
    assert plain.height == GEN.ROWS
    for sheet_row, (header, value) in {**GEN.BAD_CELLS, **GEN.RESCUED}.items():
        assert str(plain.item(sheet_row - 2, header)) == str(value), (sheet_row, header)


def test_fastexcel_without_dtypes_would_lose_them() -> None:
    """Why explicit dtypes matter: inference from the first 1,000 rows turns 'igår' into null."""
    frame = fastexcel.read_excel(FIXTURE).load_sheet("Besök").to_polars()
    assert frame.item(1000, "Datum") is None  # sheet row 1002 holds 'igår'


def test_every_bad_cell_after_row_1000_is_a_finding() -> None:
    result = read_workbook(FIXTURE, "hemtjanst", year=2025)
    found = {f.cell: f for f in result.findings}
    expected = {f"{COLUMNS[h]}{r}" for r, (h, _) in GEN.BAD_CELLS.items()}
    rescued = {f"{COLUMNS[h]}{r}" for r, (h, _) in GEN.RESCUED.items()}
    assert set(found) == expected | rescued
    for cell in expected:
        assert found[cell].severity.value == "error" and found[cell].sheet == "Besök", cell
        assert found[cell].code in ("KKIK-LS-001", "KKIK-LS-002"), cell
    assert found["E1450"].code == "KKIK-LS-002" and found["E1450"].value == "#DIV/0!"
    assert "igår" in found["C1002"].message
    assert {found[c].code for c in rescued} == {"KKIK-LS-003"}
    frame = result.tables["Besok"]
    assert frame.height == GEN.ROWS
    invalid = frame.filter(pl.col("_invalid")).get_column("_row").to_list()
    assert invalid == sorted(GEN.BAD_CELLS)
    assert frame.filter(pl.col("_row") == 1499).item(0, "Datum").isoformat() == "2025-10-03"


def test_compute_excludes_the_bad_rows_and_lists_them() -> None:
    args = ["compute", "hemtjanst", str(FIXTURE), "--year", "2025", "--period-start", "2025-10-01"]
    result = CliRunner().invoke(app, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    [measure] = doc["measures"]
    assert measure["excluded"]["ogiltiga värden"] == len(GEN.BAD_CELLS)
    assert measure["rows_used"] + sum(measure["excluded"].values()) == GEN.ROWS
    assert measure["value"] is not None
    cells = [f["cell"] for f in doc["findings"] if f["severity"] == "error"]
    assert cells == [f"{COLUMNS[h]}{r}" for r, (h, _) in sorted(GEN.BAD_CELLS.items())]
