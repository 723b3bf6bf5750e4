"""Hostile, hand-edited submission files (issue 17 §4): each is a Swedish rejection, never a traceback.

The files are made by ``tests/data/make_hostile_submissions.py``.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.coordinator.merge import merge
from kkik_xl.submission import verify_submission
from kkik_xl.submission.io import MAX_DEPTH, SubmissionError, load_submission, parse_submission

DATA = Path(__file__).parent / "data" / "fientliga"
HOSTILE = {
    "oandligt_tal_1e999.kkik.json": "talet 1e999 är för stort",
    "heltal_5000_siffror.kkik.json": "heltal med 5000 siffror är för stort",
    "samma_nyckel_tva_ganger.kkik.json": "fältet 'value' finns två gånger",
    "djup_nastling.kkik.json": f"djupare än {MAX_DEPTH} nivåer",
}
runner = CliRunner()


@pytest.mark.parametrize(("name", "reason"), HOSTILE.items())
def test_loading_refuses_in_swedish(name: str, reason: str) -> None:
    with pytest.raises(SubmissionError) as err:
        load_submission(DATA / name)
    assert reason in err.value.reason


@pytest.mark.parametrize(("name", "reason"), HOSTILE.items())
@pytest.mark.parametrize("command", ["verify", "export-kolada", "preview"])
def test_commands_exit_2_or_1_with_swedish_text(command: str, name: str, reason: str, tmp_path: Path) -> None:
    args = [command, str(DATA / name)]
    if command == "preview":
        args += ["--reference", str(tmp_path / "saknas.csv")]
    if command == "export-kolada":
        args += ["--out", str(tmp_path / "kolada.csv")]
    result = runner.invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 2
    assert reason in " ".join(result.output.split())
    assert not (tmp_path / "kolada.csv").exists()


def test_huge_but_finite_value_is_a_finding_not_a_crash() -> None:
    result = runner.invoke(app, ["verify", str(DATA / "stort_tal_1e300.kkik.json")])
    assert result.exit_code == 1
    assert "kontrollsumma stämmer inte" in result.output


def test_merge_rejects_each_bad_file_and_merges_the_rest(tmp_path: Path) -> None:
    result = runner.invoke(app, ["merge", str(DATA), "--out", str(tmp_path)])
    assert result.exit_code == 1
    with (tmp_path / "avvisade.csv").open(encoding="utf-8") as handle:
        rejected = {row["fil"]: row["orsak"] for row in csv.DictReader(handle, delimiter=";")}
    for name, reason in HOSTILE.items():
        assert reason in rejected[name]
    assert "giltig.kkik.json" not in rejected
    assert "U11401" in (tmp_path / "varden.csv").read_text(encoding="utf-8")


def test_an_unexpected_error_in_one_file_does_not_abort_the_merge(tmp_path: Path) -> None:
    def reader(path: Path) -> object:
        raise RecursionError("maximum recursion depth exceeded")

    result = merge([DATA / "giltig.kkik.json"], reader)  # type: ignore[arg-type]
    [(name, reason)] = result.rejected
    assert name == "giltig.kkik.json"
    assert reason == "Filen kunde inte läsas (RecursionError); be om en ny fil."


def test_oversized_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("kkik_xl.submission.io.MAX_BYTES", 100)
    with pytest.raises(SubmissionError) as err:
        load_submission(DATA / "giltig.kkik.json")
    assert "en inlämning är högst" in err.value.reason


VALID = (DATA / "giltig.kkik.json").read_text(encoding="utf-8")


@settings(max_examples=300, deadline=None)
@given(
    st.integers(0, len(VALID)),
    st.integers(0, 40),
    st.text(alphabet='[]{}",:0123456789eE.-+ ntrufalsx\\', max_size=60),
)
def test_any_edit_of_a_submission_is_a_submission_or_a_swedish_error(
    at: int, cut: int, inserted: str
) -> None:
    text = VALID[:at] + inserted + VALID[at + cut :]
    try:
        sub = parse_submission(text, "Filen")
    except SubmissionError as err:
        assert err.reason.startswith("Filen")
        return
    verify_submission(sub)  # a parsed file is verified without raising


def test_a_forged_second_signer_is_a_problem_in_verify_and_merge(tmp_path: Path) -> None:
    path = DATA / "samma_person_med_kyrilliskt_e.kkik.json"
    result = runner.invoke(app, ["verify", str(path)])
    assert result.exit_code == 1 and "samma person har redan signerat som registrerad" in result.output
    merged = runner.invoke(app, ["merge", str(path), "--out", str(tmp_path)])
    assert merged.exit_code == 1 and "samma person" in (tmp_path / "avvisade.csv").read_text(encoding="utf-8")
