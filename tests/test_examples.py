"""Example data: one valid CSV per template table, generated deterministically; the demo computes them."""

from __future__ import annotations

import importlib.util
from collections.abc import Mapping
from pathlib import Path

import polars as pl
import pytest
from rich.console import Console

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.demo import examples as demo
from kkik_xl.excel.reader import read_workbook
from kkik_xl.measures import ENGINES, MeasureContext, MeasureResult

ROOT = Path(__file__).resolve().parents[1]
TABLES = [(t.id, tab.name) for t in CATALOGUE.templates for tab in t.tables]


def _generator() -> object:
    spec = importlib.util.spec_from_file_location("examples_generate", ROOT / "examples" / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("template_id", "table"), TABLES)
def test_every_table_has_valid_example_data(template_id: str, table: str) -> None:
    path = ROOT / "examples" / template_id / f"{table.lower()}.csv"
    result = read_workbook(path, template_id, year=2025, table=table)
    frame = result.tables[table]
    assert frame.height >= 3
    assert result.findings == []
    assert not frame.get_column("_invalid").any()
    for column in CATALOGUE.template(template_id).table(table).columns_for_year(2025):
        if column.required:
            assert frame.get_column(column.name).null_count() == 0, column.name


def test_generator_is_deterministic_and_committed(tmp_path: Path) -> None:
    _generator().main(tmp_path)  # type: ignore[attr-defined]
    for template_id, table in TABLES:
        name = Path(template_id) / f"{table.lower()}.csv"
        assert (tmp_path / name).read_bytes() == (ROOT / "examples" / name).read_bytes(), name


def _rows_engine(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    frame = next(iter(tables.values()))
    return [MeasureResult(kpi="U00437", value=float(frame.height), rows_used=frame.height)]


def test_compute_examples_prints_each_template(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENGINES, "miljobilar", _rows_engine)
    console = Console(record=True, width=200)
    done = demo.compute_examples(console)
    text = console.export_text()
    assert [c.template.id for c in done if c.template.id == "miljobilar"] == ["miljobilar"]
    assert "U00437" in text and "40,0" in text
    for template in CATALOGUE.templates:
        assert template.name in text
