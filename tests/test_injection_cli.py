"""Injection through names and text (issue 17 §3), as the user meets it on the command line.

Fixtures: ``tests/data/forskola_markup_och_styrtecken.xlsx`` and
``tests/data/forskola_styrtecken_i_forvaltning.xlsx``, made by ``tests/data/make_fixture_injection.py``.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.submission import load_submission, save_submission
from kkik_xl.submission.canonical import content_checksum
from kkik_xl.textsafe import printable

runner = CliRunner()
DATA = Path(__file__).parent / "data"
MARKUP = DATA / "forskola_markup_och_styrtecken.xlsx"
DEPARTMENT = DATA / "forskola_styrtecken_i_forvaltning.xlsx"
LINK = "[link=https://example.invalid/x]Klick"


def _clean(output: str) -> None:
    """No traceback, no control character other than newline/tab, no rich markup interpreted."""
    assert "Traceback" not in output and "MarkupError" not in output
    assert printable(output) == output, repr([ch for ch in output if printable(ch) != ch])
    assert "\x1b" not in output


def test_submit_lists_markup_literally_and_does_not_crash(tmp_path: Path) -> None:
    result = runner.invoke(app, ["submit", str(MARKUP), "--out", str(tmp_path)])
    assert result.exit_code == 1, result.output
    _clean(result.output)
    assert "Hittade '[/]'" in result.output  # the cell as typed, not a markup error
    assert LINK in result.output  # shown as text: no clickable link in the refusal list
    assert "Hittade '[bold red]x[/]'" in result.output
    assert list(tmp_path.iterdir()) == []


def test_validate_shows_markup_in_meta_literally_and_strips_escapes_from_a_motivation() -> None:
    for report in ("text", "json"):
        result = runner.invoke(app, ["validate", str(MARKUP), "--report", report])
        assert result.exit_code == 1, result.output
        _clean(result.output)
        assert "[/]okänd" in result.output
    text = runner.invoke(app, ["validate", str(MARKUP)]).output
    assert "Kontrollerat [2J]8;;https://example.invalid/" in text  # ESC, BEL removed; the rest is text


def test_a_path_with_markup_in_it_is_printed_as_it_is(tmp_path: Path) -> None:
    folder = tmp_path / "a[" / "[bold]"  # the path contains "[/]" and "[/][bold]"
    folder.mkdir(parents=True)
    workbook = shutil.copy(MARKUP, folder / "]b.xlsx")
    result = runner.invoke(app, ["validate", str(workbook), "--mark"])
    assert result.exit_code == 1, result.output
    _clean(result.output)
    assert f"Markerad kopia: {folder / ']b_kontrollerad.xlsx'}" in result.output
    sub = save_submission(make_submission(), folder / "]x.kkik.json")
    verified = runner.invoke(app, ["verify", str(sub)])
    assert verified.exit_code == 0, verified.output
    assert "]x.kkik.json: kontrollsummor och signaturer stämmer." in verified.output
    missing = runner.invoke(app, ["verify", str(folder / "[/]saknas.kkik.json")])
    assert missing.exit_code == 2 and "Traceback" not in missing.output


def test_compute_prints_cells_with_markup_literally(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compute", "forskola", str(MARKUP), "--year", "2025"])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    assert "[/]" in result.output


def test_control_and_direction_characters_never_reach_a_submission(tmp_path: Path) -> None:
    result = runner.invoke(app, ["submit", str(DEPARTMENT), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    assert "Osynliga styrtecken" in result.output and "$.department" in result.output
    written = next(tmp_path.glob("*.kkik.json"))
    sub = load_submission(written)
    assert sub.department == "Barnochutbildning"
    assert sub.findings.warning_list[0].justification == "Ansökan kom [31mi december."
    text = written.read_text(encoding="utf-8")
    assert "\\u0000" not in text and "\u202e" not in text and "\\u001b" not in text
    assert runner.invoke(app, ["verify", str(written)]).exit_code == 0


def test_the_workbook_really_holds_the_characters() -> None:
    """The fixture is honest: the override and Excel's escaped NUL are in the file as Excel stores them."""
    wb = openpyxl.load_workbook(DEPARTMENT)
    assert wb["Uppgifter"]["B6"].value == "Barn\u202eoch_x0000_utbildning"  # decoded by kkik-xl's reader


def test_a_hand_edited_submission_with_an_override_is_refused(tmp_path: Path) -> None:
    sub = make_submission()
    edited = sub.model_copy(update={"department": "Förskola\u202e\x00"})
    edited = edited.model_copy(
        update={"checksums": edited.checksums.model_copy(update={"content_sha256": content_checksum(edited)})}
    )
    path = tmp_path / "0180_forskola_2025.kkik.json"
    path.write_text(json.dumps(edited.model_dump(mode="json"), ensure_ascii=False), encoding="utf-8")
    result = runner.invoke(app, ["verify", str(path)])
    assert result.exit_code == 2, result.output
    _clean(result.output)
    assert "osynliga styrtecken" in result.output and "$.department" in result.output


def _merge_inputs(inbox: Path) -> None:
    for name, kod, value in (("=HYPERLINK(A1).kkik.json", "0180", -1.5), ("@SUM(1).kkik.json", "0114", 2.0)):
        save_submission(make_submission({"U11401": value}, kod=kod), inbox / "a" / name)
    save_submission(make_submission({"U11401": 5.0}, kod="1440"), inbox / "b" / "=HYPERLINK(A1).kkik.json")
    (inbox / "c" / "+inte json.kkik.json").parent.mkdir(parents=True)
    (inbox / "c" / "+inte json.kkik.json").write_text("{", encoding="utf-8")


def test_merge_writes_no_formula_and_no_absolute_path(tmp_path: Path) -> None:
    inbox, out = tmp_path / "inkorg", tmp_path / "ut"
    _merge_inputs(inbox)
    result = runner.invoke(app, ["merge", str(inbox), str(tmp_path / "saknas"), "--out", str(out)])
    assert result.exit_code == 1, result.output
    _clean(result.output)
    for name in ("varden.csv", "fullstandighet.csv", "avvisade.csv", "konflikter.csv", "varden.json"):
        text = (out / name).read_text(encoding="utf-8")
        assert str(tmp_path) not in text, name
        if name.endswith(".csv"):
            for line in text.splitlines()[1:]:
                assert not any(cell.startswith(("=", "+", "@")) for cell in line.split(";")), (name, line)
    values = (out / "varden.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK(A1).kkik.json" not in values  # two files share the name: labelled by folder
    assert "a/=HYPERLINK(A1).kkik.json" in values and "b/=HYPERLINK(A1).kkik.json" in values
    assert "'@SUM(1).kkik.json" in values
    assert ";-1,5;" in values  # a negative value stays a number
    rejected = (out / "avvisade.csv").read_text(encoding="utf-8")
    assert "'+inte json.kkik.json" in rejected and "saknas;" in rejected


def test_a_signers_name_with_control_characters_is_stored_without_them(tmp_path: Path) -> None:
    path = save_submission(make_submission(), tmp_path / "0180_forskola_2025.kkik.json")
    result = runner.invoke(app, ["sign", str(path), "--role", "registrerad", "--by", "anna\u202e\x1b[2J"])
    assert result.exit_code == 0, result.output
    _clean(result.output)
    assert load_submission(path).signatures[0].by == "anna[2J"
    assert runner.invoke(app, ["verify", str(path)]).exit_code == 0
