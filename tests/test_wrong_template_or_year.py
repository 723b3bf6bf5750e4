"""Another template or another year than the file's: one clear Swedish error first, exit 2 (issue 14, 13)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from kkik_xl.cli import app

DATA = Path(__file__).parent / "data"
FORSKOLA_2025 = DATA / "forskola_helt_ar_inklistrat.xlsx"  # a förskola template of 2025 with 61 findings
runner = CliRunner()


def _said(output: str) -> str:
    return " ".join(output.split())


def test_compute_with_another_template_than_meta_says() -> None:
    result = runner.invoke(app, ["compute", "hemtjanst", str(FORSKOLA_2025), "--year", "2025"])
    assert result.exit_code == 2
    assert _said(result.output).startswith(
        "Fel: Filen är mallen forskola (Förskola – erbjuden placering) enligt bladet _meta, inte hemtjanst."
    )
    assert "U21401" not in result.output  # no (empty) table of measures


def test_validate_with_another_template_than_meta_says() -> None:
    result = runner.invoke(app, ["validate", str(FORSKOLA_2025), "--template", "hemtjanst"])
    assert result.exit_code == 2
    assert "enligt bladet _meta, inte hemtjanst" in _said(result.output)
    assert "KKIK-" not in result.output


def test_validate_for_another_year_gives_the_decisive_error_alone() -> None:
    result = runner.invoke(app, ["validate", str(FORSKOLA_2025), "--year", "2024"])
    assert result.exit_code == 2
    assert _said(result.output) == (
        "Fel: Mallen är gjord för 2025, men filen kontrolleras för 2024. Ange --year 2025, eller hämta "
        "mallen för 2024 (kkik-xl template forskola --year 2024) och flytta över uppgifterna."
    )


def test_compute_for_another_year() -> None:
    result = runner.invoke(app, ["compute", "forskola", str(FORSKOLA_2025), "--year", "2024"])
    assert result.exit_code == 2
    assert "Mallen är gjord för 2025, men filen kontrolleras för 2024." in _said(result.output)


def test_the_right_template_and_year_still_work() -> None:
    assert runner.invoke(app, ["compute", "forskola", str(FORSKOLA_2025), "--year", "2025"]).exit_code == 0
    assert runner.invoke(app, ["validate", str(FORSKOLA_2025), "--year", "2025"]).exit_code == 0
