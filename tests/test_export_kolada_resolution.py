"""export-kolada and merge resolve the same files the same way (issue 14 point 11)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.coordinator.synthetic_submissions import synthetic_submission
from kkik_xl.submission import Role, save_submission
from kkik_xl.submission.model import Submission
from kkik_xl.submission.signing import sign

runner = CliRunner()
SIGNERS = ((Role.REGISTRERAD, "handläggare"), (Role.KONTROLLERAD, "controller"), (Role.GODKAND, "chef"))


def _signed(sub: Submission, day: int, roles: int = 3) -> Submission:
    for role, who in SIGNERS[:roles]:
        sub = sign(sub, role, who, now=datetime(2026, 3, day, 10, 0, tzinfo=UTC))
    return sub


def _two_versions(folder: Path, later_roles: int) -> tuple[Path, Path]:
    early = save_submission(
        _signed(make_submission({"U11401": 80.0}), 2), folder / "forsta" / "0180.kkik.json"
    )
    late = _signed(make_submission({"U11401": 87.5}), 5, later_roles)
    return early, save_submission(late, folder / "rattad" / "0180.kkik.json")


def test_a_later_fully_signed_resubmission_replaces_the_earlier_one_in_both(tmp_path: Path) -> None:
    early, late = _two_versions(tmp_path, later_roles=3)
    out = tmp_path / "kolada.csv"
    exported = runner.invoke(app, ["export-kolada", str(early), str(late), "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    assert "U11401;0180;2025;T;87,5" in out.read_text(encoding="utf-8").splitlines()
    assert "Löst konflikt" in exported.output and "rattad/0180.kkik.json" in exported.output
    merged = runner.invoke(app, ["merge", str(early), str(late), "--out", str(tmp_path / "ut")])
    assert merged.exit_code == 0, merged.output
    values = pl.read_csv(tmp_path / "ut" / "varden.csv", separator=";", infer_schema=False)
    assert values.filter(pl.col("kpi") == "U11401")["värde"].to_list() == ["87,5"]


def test_an_unresolved_conflict_names_both_files_and_stops_both(tmp_path: Path) -> None:
    early, late = _two_versions(tmp_path, later_roles=2)  # the later one is not fully signed
    out = tmp_path / "kolada.csv"
    exported = runner.invoke(app, ["export-kolada", str(early), str(late), "--out", str(out)])
    assert exported.exit_code == 1 and not out.exists()
    text = " ".join(exported.output.split())
    assert "U11401 för 0180 år 2025" in text
    # files that share a name are named by their path from the folder they have in common, never by
    # the coordinator's absolute path (issue 17)
    assert "forsta/0180.kkik.json" in text and "rattad/0180.kkik.json" in text
    assert str(tmp_path) not in text
    merged = runner.invoke(app, ["merge", str(early), str(late), "--out", str(tmp_path / "ut")])
    assert merged.exit_code == 1
    assert "forsta/0180.kkik.json" in merged.output and "rattad/0180.kkik.json" in merged.output


def test_synthetic_data_are_refused_unless_asked_and_then_labelled(tmp_path: Path) -> None:
    sub = synthetic_submission(
        "1440", "service", 2025, {"U00412": 80.0}, created=datetime(2026, 3, 3, tzinfo=UTC)
    )
    path = save_submission(sub, tmp_path / sub.file_name())
    out = tmp_path / "kolada.csv"
    refused = runner.invoke(app, ["export-kolada", str(path), "--out", str(out)])
    assert refused.exit_code == 1 and "--tillat-syntetiska" in refused.output and not out.exists()
    allowed = runner.invoke(app, ["export-kolada", str(path), "--out", str(out), "--tillat-syntetiska"])
    assert allowed.exit_code == 0, allowed.output
    assert "SYNTETISKA DATA" in allowed.output
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "kpi;kommunkod;år;kön;värde;syntetisk" and lines[1].endswith(";ja")
