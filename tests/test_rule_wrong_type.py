"""Wrong types at validation: each unreadable cell is one error at its cell saying what was found.

The reader reports them (``KKIK-LS-001``); the required rule must not report the same cells again,
and the rows are left out of the measures.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from rule_helpers import places
from xlsx_builders import template_workbook

from kkik_xl.findings import Severity
from kkik_xl.rules import validate_workbook

D = date(2025, 3, 3)


def test_text_in_a_date_cell_a_decimal_for_a_whole_number_and_an_unknown_ja_nej(tmp_path: Path) -> None:
    rows = [
        ["L1", D, D, "Nej", None],
        ["L2", "igår", D, "Nej", None],  # B3: text in a date cell
        ["L3", D, D, "Kanske", None],  # D4: not Ja/Nej
        ["L4", "2025-03-05", D, "ja", None],  # a date written as text: read, with an info
    ]
    units = [["Eken", "1,5", *["Ja"] * 6]]  # B2 on Kvalitet: 1,5 places
    path = template_workbook(tmp_path / "lss.xlsx", "lss", {"Beslut": rows, "Kvalitet": units})
    report = validate_workbook(path)
    cells = [f for f in report.findings if f.code.startswith(("KKIK-LS-", "KKIK-VA-001"))]
    assert places(cells) == [
        ("Beslut", "B3", "KKIK-LS-001"),
        ("Beslut", "B5", "KKIK-LS-003"),
        ("Beslut", "D4", "KKIK-LS-001"),
        ("Kvalitet", "B2", "KKIK-LS-001"),
    ]
    by_cell = {(f.sheet, f.cell): f for f in cells}
    assert all(
        by_cell[k].severity is Severity.ERROR
        for k in [("Beslut", "B3"), ("Beslut", "D4"), ("Kvalitet", "B2")]
    )
    assert "igår" in by_cell[("Beslut", "B3")].message
    assert "Hittade 'Kanske', men här ska det stå Ja eller Nej." in by_cell[("Beslut", "D4")].message
    assert "1,5" in by_cell[("Kvalitet", "B2")].message and "heltal" in by_cell[("Kvalitet", "B2")].message
    assert by_cell[("Beslut", "D4")].value == "Kanske"
    wait = next(r for r in report.results if r.kpi == "U28418")
    assert wait.excluded.get("ogiltiga värden") == 2
