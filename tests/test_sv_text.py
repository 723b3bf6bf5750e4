"""One Swedish plural helper for every output (issue 14 point 15)."""

from __future__ import annotations

from pathlib import Path

from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.coordinator.merge import Loaded, MergeResult, merge
from kkik_xl.coordinator.merge_output import summary_lines
from kkik_xl.findings import SEVERITY_NOUN, Finding, Severity
from kkik_xl.rules.engine import ValidationReport
from kkik_xl.rules.report import to_text
from kkik_xl.submission import save_submission
from kkik_xl.sv_text import PLURALS, counted

runner = CliRunner()


def test_counted_uses_the_singular_only_for_one() -> None:
    assert counted(1, "varning") == "1 varning"
    assert counted(2, "varning") == "2 varningar"
    assert counted(0, "fil") == "0 filer"
    assert counted(1, "fil") == "1 fil"
    assert counted(3, "fel") == "3 fel"
    assert set(SEVERITY_NOUN.values()) <= set(PLURALS)


def _report(severities: list[Severity]) -> ValidationReport:
    findings = [Finding(code="KKIK-VA-001", severity=s, message="x") for s in severities]
    return ValidationReport(file="f.xlsx", template="forskola", year=2025, findings=findings, results=[])


def test_validation_summary_agrees_in_number() -> None:
    one = to_text(_report([Severity.WARNING, Severity.INFO]))
    assert "0 fel, 1 varning, 1 upplysning." in one and "1 varning saknar motivering" in one
    two = to_text(_report([Severity.WARNING, Severity.WARNING]))
    assert "2 varningar, 0 upplysningar" in two and "2 varningar saknar motivering" in two


def test_merge_summary_agrees_in_number(tmp_path: Path) -> None:
    path = save_submission(
        make_submission({"U11401": 87.5}), tmp_path / "in" / "0180_forskola_2025.kkik.json"
    )
    (tmp_path / "in" / "ingen.txt").write_text("x", encoding="utf-8")
    missing = tmp_path / "saknas.kkik.json"
    result: MergeResult = merge([path.parent, missing], _reader)
    text = "\n".join(summary_lines(result))
    assert "1 inlämning godtogs, 1 fil avvisades." in text
    assert "1 värde sammanställdes." in text
    assert "1 fil till i katalogerna" in text


def _reader(path: Path) -> Loaded:
    from kkik_xl.coordinator.submissions import read_submission

    return read_submission(path)


def test_verify_counts_one_problem_in_the_singular(tmp_path: Path) -> None:
    path = save_submission(make_submission(), tmp_path / "0180_forskola_2025.kkik.json")
    path.write_text(
        path.read_text(encoding="utf-8").replace('"rows_used": 10', '"rows_used": 11', 1), "utf-8"
    )
    result = runner.invoke(app, ["verify", str(path)])
    assert result.exit_code == 1 and "1 avvikelse." in result.output


def test_csv_values_are_rounded_as_kolada_publishes_with_a_decimal_comma(tmp_path: Path) -> None:
    """56.666666666666664 % is 56,7 in varden.csv and konflikter.csv; days are whole (issue 14 point 15)."""
    from datetime import UTC, datetime

    from kkik_xl.submission import Role
    from kkik_xl.submission.signing import sign

    def signed(values: dict[str, float | None], day: int) -> object:
        sub = make_submission(values)
        for role, who in ((Role.REGISTRERAD, "a"), (Role.KONTROLLERAD, "b"), (Role.GODKAND, "c")):
            sub = sign(sub, role, who, now=datetime(2026, 3, day, tzinfo=UTC))
        return sub

    inbox = tmp_path / "in"
    save_submission(signed({"U11401": 56.666666666666664, "U11402": 12.5}, 2), inbox / "a" / "f.kkik.json")  # type: ignore[arg-type]
    save_submission(signed({"U11401": 57.25}, 4), inbox / "b" / "f.kkik.json")  # type: ignore[arg-type]
    result = runner.invoke(app, ["merge", str(inbox), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    values = (tmp_path / "ut" / "varden.csv").read_text(encoding="utf-8")
    conflicts = (tmp_path / "ut" / "konflikter.csv").read_text(encoding="utf-8")
    rows = {line.split(";")[0]: line.split(";")[4] for line in values.splitlines()[1:]}
    assert rows == {"U11401": "57,3", "U11402": "13"}  # per cent one decimal, days whole days
    assert "=56,7" in conflicts and "=57,3" in conflicts and "56.666" not in conflicts
