"""``kkik-xl merge`` and ``kkik-xl preview`` on real (synthetic) signed submission files."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.coordinator.synthetic import synthetic_values
from kkik_xl.coordinator.synthetic_submissions import synthetic_submission
from kkik_xl.submission import save_submission

runner = CliRunner()


def save(
    folder: Path, values: dict[str, float | None], *, day: int, signers: int = 3, name: str = ""
) -> Path:
    """A service submission for Ale 2025 created on 2026-03-<day>, signed by ``signers`` roles."""
    sub = synthetic_submission(
        "1440", "service", 2025, values, created=datetime(2026, 3, day, 8, tzinfo=UTC), signers=signers
    )
    folder.mkdir(parents=True, exist_ok=True)
    return save_submission(sub, folder / (name or sub.file_name()))


def run_merge(*paths: Path, out: Path) -> tuple[int, str]:
    result = runner.invoke(app, ["merge", *map(str, paths), "--out", str(out)])
    return result.exit_code, result.output


def test_later_fully_signed_submission_supersedes(tmp_path: Path) -> None:
    save(tmp_path / "in", {"U00412": 80.0, "U00442": 60.0}, day=1, name="forsta.kkik.json")
    save(tmp_path / "in", {"U00412": 85.0, "U00442": 60.0}, day=5, name="andra.kkik.json")
    code, output = run_merge(tmp_path / "in", out=tmp_path / "ut")
    assert code == 0, output
    values = pl.read_csv(tmp_path / "ut" / "varden.csv", separator=";", infer_schema=False)
    got = dict(zip(values["kpi"], values["värde"], strict=True))
    assert got == {"U00412": "85,0", "U00442": "60,0"}
    conflicts = pl.read_csv(tmp_path / "ut" / "konflikter.csv", separator=";")
    row = conflicts.row(0, named=True)
    assert (row["kpi"], row["utfall"], row["vinnare"]) == ("U00412", "löst", "andra.kkik.json")
    assert "senare" in row["förklaring"] and "fullt signerad" in row["förklaring"]
    assert "1 lösta, 0 olösta" in output


def test_later_unsigned_submission_leaves_an_unresolved_conflict(tmp_path: Path) -> None:
    save(tmp_path / "in", {"U00412": 80.0}, day=1, name="forsta.kkik.json")
    save(tmp_path / "in", {"U00412": 85.0}, day=5, signers=2, name="andra.kkik.json")
    code, output = run_merge(tmp_path / "in", out=tmp_path / "ut")
    assert code == 1
    assert "olöst" in (tmp_path / "ut" / "konflikter.csv").read_text("utf-8")
    assert "U00412" not in (tmp_path / "ut" / "varden.csv").read_text("utf-8")
    assert "inte fullt signerad" in output


def test_tampered_truncated_and_foreign_files_are_rejected_with_reasons(tmp_path: Path) -> None:
    good = save(tmp_path / "in", {"U00412": 80.0}, day=1)
    doc = json.loads(good.read_text("utf-8"))
    doc["measures"][0]["value"] = 99.0
    doc["measures"][0]["display"] = "99,0"
    doc["year"] = 2024
    tampered = tmp_path / "in" / "1440_service_2024.kkik.json"
    tampered.write_text(json.dumps(doc), "utf-8")
    truncated = tmp_path / "in" / "1440_forskola_2025.kkik.json"
    truncated.write_text(good.read_text("utf-8")[:200], "utf-8")
    (tmp_path / "in" / "annat.kkik.json").write_text('{"rows": []}', "utf-8")
    code, output = run_merge(tmp_path / "in", tmp_path / "saknas.kkik.json", out=tmp_path / "ut")
    assert code == 1
    rejected = pl.read_csv(tmp_path / "ut" / "avvisade.csv", separator=";")
    reasons = dict(zip(rejected["fil"], rejected["orsak"], strict=True))
    assert set(reasons) == {
        "1440_service_2024.kkik.json",
        "1440_forskola_2025.kkik.json",
        "annat.kkik.json",
        "saknas.kkik.json",  # never the coordinator's absolute path
    }
    assert "kontrollsumma" in reasons["1440_service_2024.kkik.json"]
    assert "inte fullständig" in reasons["1440_forskola_2025.kkik.json"]
    assert "ingen kkik-xl-inlämning" in reasons["annat.kkik.json"]
    assert "4 filer avvisades" in output
    matrix = pl.read_csv(tmp_path / "ut" / "fullstandighet.csv", separator=";", infer_schema=False)
    status = {(r["år"], r["kpi"]): r["status"] for r in matrix.iter_rows(named=True)}
    assert status[("2025", "U00412")] == "finns"
    assert status[("2025", "U11401")] == "ogiltig"  # only the truncated preschool file
    assert status[("2024", "U00412")] == "ogiltig"  # the tampered file still names its scope
    assert (tmp_path / "ut" / "fullstandighet.xlsx").is_file()


def test_unsigned_submission_is_marked_in_completeness(tmp_path: Path) -> None:
    save(tmp_path / "in", {"U00412": 80.0, "U00442": None}, day=1, signers=1)
    code, output = run_merge(tmp_path / "in", out=tmp_path / "ut")
    assert code == 0, output
    matrix = pl.read_csv(tmp_path / "ut" / "fullstandighet.csv", separator=";")
    status = dict(zip(matrix["kpi"], matrix["status"], strict=True))
    assert (status["U00412"], status["U00442"], status["U11401"]) == ("osignerad", "saknas", "saknas")
    assert "3 mått saknade värde" in output  # U00442 and the two service measures not given


def test_preview_colours_new_values_against_the_reference_year(tmp_path: Path) -> None:
    reference = tmp_path / "syntetisk_ref.csv"
    ref = synthetic_values(2024, seed=5, years=1)
    ref.with_columns(pl.col("värde").cast(pl.String).str.replace(".", ",", literal=True)).write_csv(
        reference, separator=";"
    )
    best = ref.filter(pl.col("kpi") == "U00412")["värde"].max()
    worst = ref.filter(pl.col("kpi") == "U00442")["värde"].min()
    sub = save(tmp_path / "in", {"U00412": best + 1, "U00442": worst - 1, "U00413": None}, day=1)  # type: ignore[operator]
    result = runner.invoke(app, ["preview", str(sub), "--reference", str(reference), "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["kpi"]: r for r in json.loads(result.stdout)}
    assert rows["U00412"]["colour"] == "grön" and rows["U00412"]["reference_year"] == 2024
    assert all(r["synthetic_reference"] for r in rows.values()), "the reference is the synthetic dataset"
    assert "SYNTETISKA DATA" in result.stderr
    assert rows["U00442"]["colour"] == "röd"
    assert rows["U00413"]["colour"] == "grå"
    assert rows["U00412"]["n"] == ref.filter(pl.col("kpi") == "U00412").height - 1  # own old value out
    text = runner.invoke(app, ["preview", str(sub), "--reference", str(reference)])
    assert text.exit_code == 0 and "Trolig färg" in text.output and "SYNTETISKA referensvärden" in text.stdout


def test_preview_of_a_broken_file_exits_2(tmp_path: Path) -> None:
    broken = tmp_path / "trasig.kkik.json"
    broken.write_text("{", "utf-8")
    result = runner.invoke(app, ["preview", str(broken), "--reference", str(broken)])
    assert result.exit_code == 2 and "trasig.kkik.json" in result.output
