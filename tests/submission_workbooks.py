"""Filled-in templates for submission tests: catalogue template + seeded example rows + justifications."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kkik_xl.catalogue import CATALOGUE, ColumnType
from kkik_xl.demo import workbooks
from kkik_xl.excel.example_rows import Row, example_rows
from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.rules import validate_workbook

YEAR = 2025


def filled_workbook(
    tmp_path: Path,
    template_id: str,
    *,
    n: int = 30,
    justify: Callable[[str, str, str], str] | None = lambda code, sheet, cell: "Kontrollerat mot källan.",
    edit: Callable[[dict[str, list[Row]]], None] | None = None,
) -> Path:
    """A filled-in template for Stockholm; every warning justified by ``justify`` unless it is ``None``."""
    template = CATALOGUE.template(template_id)
    blank = write_template(template_id, YEAR, tmp_path / "mallar")
    rows = {tab.name: example_rows(template, tab, YEAR, n=n) for tab in template.tables}
    _unique_keys(template_id, rows)
    if edit is not None:
        edit(rows)
    path = fill_template(blank, tmp_path / f"{template_id}_{YEAR}.xlsx", rows, kommun="Stockholm")
    if justify is not None:
        justify_warnings(path, justify)
    return path


def _unique_keys(template_id: str, rows: dict[str, list[Row]]) -> None:
    """Number the example rows' text key columns (``Samtal 3`` → ``Samtal 3-7``) so keys are unique."""
    for tab in CATALOGUE.template(template_id).tables:
        for name in tab.key:
            col = tab.column(name) if name in {c.name for c in tab.columns} else None
            if col is not None and col.type is ColumnType.TEXT and not col.is_id:
                for i, row in enumerate(rows[tab.name], start=1):
                    row[name] = f"{row[name]}-{i}"


def justify_warnings(path: Path, justify: Callable[[str, str, str], str]) -> None:
    """Write a Motivering for every warning of the workbook into its Kontroll sheet."""
    findings = validate_workbook(path).findings
    workbooks.justify(path, findings, lambda f: justify(f.code, f.sheet or "", f.cell or ""))
