"""``--installning namn=värde`` on ``validate`` and ``compute``: engine settings from the command line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from kkik_xl.cli import app

DATA = Path(__file__).parent / "data"
THREE_LSS = str(DATA / "lss_tre_beslut.xlsx")  # three decisions in the period, one re-examination
NEGATIVE = str(DATA / "sarskilt_boende_negativ_vantetid.xlsx")  # one offer before the application
runner = CliRunner()


def _json(args: list[str], code: int = 0) -> dict[str, Any]:
    result = runner.invoke(app, args)
    assert result.exit_code == code, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def _measure(doc: dict[str, Any], kpi: str) -> dict[str, Any]:
    return next(m for m in doc["measures"] if m["kpi"] == kpi)


def test_validate_lss_minimum_from_the_command_line() -> None:
    default = _json(["validate", THREE_LSS, "--report", "json"])
    assert _measure(default, "U28418")["value"] is None
    assert [f["code"] for f in default["findings"]] == ["KKIK-ST-001"]
    lowered = _json(["validate", THREE_LSS, "--report", "json", "--installning", "lss_minsta_antal=3"])
    assert _measure(lowered, "U28418")["value"] == 80.0
    assert lowered["findings"] == []  # the rule uses the same minimum as the measure


def test_validate_a_raised_minimum_is_said_in_the_finding() -> None:
    doc = _json(["validate", THREE_LSS, "--report", "json", "--installning", " lss_minsta_antal = 5"])
    (finding,) = doc["findings"]
    assert finding["message"].endswith("Väntetiden redovisas inte vid färre än 5 beslut.")


def test_compute_negative_waits_from_the_command_line() -> None:
    args = ["compute", "sarskilt-boende", NEGATIVE, "--year", "2025", "--format", "json"]
    default = _measure(_json(args), "U23401")
    assert (default["rows_used"], default["excluded"]) == (9, {"negativ väntetid": 1})
    included = _measure(_json([*args, "--installning", "negativa_vantetider=ta_med"]), "U23401")
    assert (included["rows_used"], included["excluded"]) == (10, {})
    assert included["value"] < default["value"]
    again = _measure(_json([*args, "--installning", "negativa_vantetider=utesluta"]), "U23401")
    assert again == default


def test_compute_and_validate_take_both_settings_together() -> None:
    args = ["--installning", "lss_minsta_antal=3", "--installning", "negativa_vantetider=ta_med"]
    computed = _json(["compute", "lss", THREE_LSS, "--year", "2025", "--format", "json", *args])
    assert _measure(computed, "U28418")["value"] == 80.0


@pytest.mark.parametrize("command", ["validate", "compute"])
@pytest.mark.parametrize(
    ("setting", "swedish"),
    [
        ("lss_minsta=3", "Inställningen 'lss_minsta' finns inte. Kända inställningar: negativa_vantetider, "),
        ("lss_minsta_antal=tre", "Inställningen lss_minsta_antal ska vara ett heltal, minst 1, inte 'tre'"),
        ("lss_minsta_antal=0", "ska vara ett heltal, minst 1, inte '0'"),
        (
            "negativa_vantetider=ja",
            "Inställningen negativa_vantetider ska vara utesluta eller ta_med, inte 'ja'",
        ),
        ("lss_minsta_antal", "ska skrivas namn=värde, till exempel lss_minsta_antal=3"),
    ],
)
def test_unknown_names_and_bad_values_exit_2_in_swedish(command: str, setting: str, swedish: str) -> None:
    args = [command, THREE_LSS] if command == "validate" else [command, "lss", THREE_LSS, "--year", "2025"]
    result = runner.invoke(app, [*args, "--installning", setting])
    assert result.exit_code == 2
    assert swedish in " ".join(result.stderr.split())
    assert "Traceback" not in result.output


def test_a_setting_given_twice_is_refused() -> None:
    args = ["--installning", "lss_minsta_antal=3", "--installning", "lss_minsta_antal=5"]
    result = runner.invoke(app, ["validate", THREE_LSS, *args])
    assert result.exit_code == 2
    assert "Inställningen lss_minsta_antal anges flera gånger." in result.stderr


@pytest.mark.parametrize("command", ["validate", "compute"])
def test_help_names_the_settings_with_an_example(command: str) -> None:
    page = " ".join(runner.invoke(app, [command, "--help"], terminal_width=200).output.split())
    assert "--installning" in page and "negativa_vantetider" in page and "lss_minsta_antal" in page
    assert "Exempel med inställning: kkik-xl" in page


def test_submit_records_the_settings_and_verify_recomputes_with_them(tmp_path: Path) -> None:
    refused = runner.invoke(app, ["submit", THREE_LSS, "--out", str(tmp_path)])
    assert refused.exit_code == 1 and "KKIK-ST-001" in refused.output
    made = runner.invoke(
        app, ["submit", THREE_LSS, "--out", str(tmp_path), "--installning", "lss_minsta_antal=3"]
    )
    assert made.exit_code == 0, made.output
    (path,) = tmp_path.glob("*.kkik.json")
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert doc["parameters"]["lss_minsta_antal"] == "3"
    assert _measure(doc, "U28418")["value"] == 80.0
    checked = runner.invoke(app, ["verify", str(path), "--workbook", THREE_LSS])
    assert "U28418" not in checked.output, checked.output


def test_submit_refuses_an_unknown_setting_with_exit_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["submit", THREE_LSS, "--out", str(tmp_path), "--installning", "okand=1"])
    assert result.exit_code == 2 and "okand" in result.output
    assert not list(tmp_path.iterdir())
