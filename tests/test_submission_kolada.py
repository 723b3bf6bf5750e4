"""Kolada export: values rounded as Kolada shows them, catalogue order, conflicts and gaps reported."""

from __future__ import annotations

from pathlib import Path

from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.cli import app
from kkik_xl.submission import save_submission, verify_submission
from kkik_xl.submission.kolada import display_value, kolada_rows

runner = CliRunner()


def test_display_value_rounds_half_away_from_zero_with_catalogue_decimals() -> None:
    assert display_value(2.25, 1) == "2,3"  # binary 2.25 is exact: half rounds up
    assert display_value(0.05, 1) == "0,1"
    assert display_value(66.66666666666667, 1) == "66,7"
    assert display_value(12.5, 0) == "13"
    assert display_value(-0.04, 1) == "0,0"
    assert display_value(None, 1) is None
    assert display_value(1e-7, 2) == "0,00"


def test_rows_follow_the_catalogue_order() -> None:
    values = [("U11402", "0180", 2025, "T", 3.456), ("U11401", "0180", 2025, "T", 87.46)]
    rows = kolada_rows([*values, ("U11401", "0114", 2025, "T", 50.0), ("U99999", "0180", 2025, "T", 1.0)])
    order = [m.kpi for m in CATALOGUE.measures]
    assert order.index("U11401") < order.index("U11402")
    decimals = CATALOGUE.measure("U11402").decimals
    assert rows == [
        ("U11401", "0114", 2025, "T", "50,0"),
        ("U11401", "0180", 2025, "T", "87,5"),
        ("U11402", "0180", 2025, "T", display_value(3.456, decimals)),
    ]


def test_export_kolada_command(tmp_path: Path) -> None:
    files = [
        save_submission(make_submission({"U11401": 87.46}, kod=k), tmp_path / f"{k}_forskola_2025.kkik.json")
        for k in ("0180", "0114")
    ]
    out = tmp_path / "kolada.csv"
    result = runner.invoke(app, ["export-kolada", *map(str, files), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").splitlines() == [
        "kpi;kommunkod;år;kön;värde",
        "U11401;0114;2025;T;87,5",
        "U11401;0180;2025;T;87,5",
    ]
    assert "Inte fullständigt signerade" in result.output
    files[0].write_text(files[0].read_text(encoding="utf-8").replace("87.46", "97.46"), encoding="utf-8")
    out.unlink()
    refused = runner.invoke(app, ["export-kolada", *map(str, files), "--out", str(out)])
    assert refused.exit_code == 1 and "kontrollsumma" in refused.output
    assert not out.exists()


def test_unknown_kpi_is_reported_not_exported(tmp_path: Path) -> None:
    sub = make_submission({"U11401": 50.0})
    odd = sub.measures[0].model_copy(update={"kpi": "U99999"})
    problems = verify_submission(sub.model_copy(update={"measures": [odd]}))
    assert f"U99999 finns inte i katalogen {CATALOGUE.version}." in problems


def test_rounding_per_unit_is_the_one_documented_in_definitioner() -> None:
    """Per cent, index and ratios one decimal; days and counts of people whole (docs/definitioner.md)."""
    for m in CATALOGUE.measures:
        ratio = " per " in m.title  # a ratio of days or people per someone: one decimal
        by_unit = {"%": 1, "index": 1, "dagar": int(ratio), "antal": int(ratio)}
        expected = by_unit.get(m.unit.value, m.decimals)
        assert m.decimals == expected, (m.kpi, m.unit, m.decimals)
    text = (Path(__file__).parents[1] / "docs" / "definitioner.md").read_text(encoding="utf-8")
    assert "Avrundning som Kolada publicerar" in text
