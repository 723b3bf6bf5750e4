"""End to end: filled-in template → submit → sign ×3 → merge → compare against the synthetic nation."""

from __future__ import annotations

import json
from pathlib import Path

from submission_workbooks import filled_workbook
from typer.testing import CliRunner

from kkik_xl.cli import app

runner = CliRunner()


def invoke(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


def test_submission_from_a_workbook_is_merged_and_compared(tmp_path: Path) -> None:
    workbook = filled_workbook(tmp_path, "forskola")
    invoke("submit", str(workbook), "--out", str(tmp_path / "in"))
    (sub,) = (tmp_path / "in").glob("*.kkik.json")
    for role, who in (("registrerad", "Anna"), ("kontrollerad", "Bertil"), ("godkand", "Cecilia")):
        invoke("sign", str(sub), "--role", role, "--by", who)
    invoke("merge", str(tmp_path / "in"), "--out", str(tmp_path / "ut"))
    completeness = (tmp_path / "ut" / "fullstandighet.csv").read_text("utf-8")
    assert "0180;2025;Förskola;forskola;U11401;Plats på önskat datum;finns" in completeness
    invoke("synthetic", "--out", str(tmp_path), "--year", "2025")
    national = tmp_path / "syntetisk_nationell_2023-2025.csv"
    own = tmp_path / "ut" / "varden.json"
    doc = json.loads(invoke("compare", str(own), str(national), "--year", "2025"))
    assert doc["municipality"] == "0180"  # the only municipality in the first file
    merged = json.loads(own.read_text("utf-8"))["rader"]
    measures = {m["kpi"]: m for m in doc["measures"]}
    for row in merged:
        assert measures[row["kpi"]]["value"] == row["värde"]
        assert measures[row["kpi"]]["colour"] in {"grön", "gul", "röd"}
    out = tmp_path / "rapport.html"
    invoke("compare", str(own), str(national), "--year", "2025", "--format", "html", "--out", str(out))
    assert "Stockholm (0180)" in out.read_text("utf-8")
