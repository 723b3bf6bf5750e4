"""``kkik-xl template``: writes templates, exit codes and Swedish messages."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.cli import app

runner = CliRunner()


def test_one_template_for_a_year(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "sarskilt-boende", "--year", "2016", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(tmp_path / "sarskilt-boende.xlsx")
    headers = [c.value for c in wb["Kvalitet"][1] if c.value]
    assert "Nattfasta" not in headers  # asked from 2017
    assert wb["_meta"]["B4"].value == "2016"


def test_all_templates(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "--all", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in tmp_path.glob("*.xlsx")) == sorted(t.id for t in CATALOGUE.templates)
    assert "Skrev" in result.output


def test_unknown_template_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "bibliotek", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "Okänd mall: bibliotek" in result.output
    assert not list(tmp_path.iterdir())


def test_template_and_all_together_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "kost", "--all", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "antingen" in result.output


def test_year_out_of_range_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(app, ["template", "kost", "--year", "1850", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "1850" in result.output
