"""Issue 17, part 1: every personal-data leak found by the audit, each from a real crafted workbook.

The workbooks are made by ``tests/data/make_fixtures_personal_data.py``. For each: validation finds the
number where it is (exit 1), the reports in every format and ``submit`` show it masked, and no
submission file is written. Then the places that printed a flagged number unmasked (Kontroll
motivations in reports and in the marked copy, an extra column's header, ``compute``), ``sign --by``
and the submission writer's last check.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import openpyxl
import pytest
from submission_workbooks import filled_workbook
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.personnummer import find_personnummer
from kkik_xl.submission import load_submission, save_submission
from kkik_xl.submission.build import build_submission
from kkik_xl.submission.io import SubmissionError
from kkik_xl.submission.prepare import prepare

DATA = Path(__file__).parent / "data"
runner = CliRunner()
P, U = "Placeringar", "Uppgifter"
# fixture → (code, sheet, cell) of the finding that says where the number is
WHERE: dict[str, tuple[str, str | None, str | None]] = {
    "forskola_personnummer_i_bladnamn.xlsx": ("KKIK-PN-010", None, None),
    "forskola_personnummer_med_tankstreck_i_forvaltning.xlsx": ("KKIK-PN-001", U, "B6"),
    "forskola_personnummer_med_hart_mellanslag_i_motiveringsanteckning.xlsx": ("KKIK-PN-001", P, "B4"),
    "forskola_personnummer_med_hart_bindestreck_i_enhet.xlsx": ("KKIK-PN-001", P, "A4"),
    "forskola_personnummer_med_mellanslag_i_enhet.xlsx": ("KKIK-PN-001", P, "A4"),
    "forskola_personnummer_med_nollbreddsmellanslag_i_enhet.xlsx": ("KKIK-PN-001", P, "A4"),
    "forskola_personnummer_i_kontrollmotivering.xlsx": ("KKIK-PN-001", "Kontroll", "J2"),
    "forskola_personnummer_i_extra_kolumnrubrik.xlsx": ("KKIK-PN-001", P, "F1"),
    "forskola_personnummer_i_datumcell.xlsx": ("KKIK-PN-001", P, "B3"),
    "forskola_personnummer_i_kolumn_utan_rubrik.xlsx": ("KKIK-PN-001", P, "G3"),
    "forskola_personnummer_som_talformat.xlsx": ("KKIK-PN-001", P, "D2"),
    "forskola_personnummer_i_tradad_kommentar.xlsx": ("KKIK-PN-010", P, "B2"),
}


def _copy(name: str, tmp_path: Path) -> Path:
    return Path(shutil.copy(DATA / name, tmp_path / name))


def _clean(text: str) -> bool:
    """No personnummer, however written (the detector sees the text as a reader does)."""
    return not find_personnummer(text)


@pytest.mark.parametrize("name", sorted(WHERE))
def test_each_leak_is_found_where_it_is_and_masked_in_every_report(tmp_path: Path, name: str) -> None:
    book = _copy(name, tmp_path)
    result = runner.invoke(app, ["validate", str(book), "--report", "json"])
    assert result.exit_code == 1 and _clean(result.output), result.output
    found = [(f["code"], f["sheet"], f["cell"]) for f in json.loads(result.output)["findings"]]
    assert WHERE[name] in found, found
    for fmt in ("text", "html"):
        out = tmp_path / f"rapport.{fmt}"
        assert runner.invoke(app, ["validate", str(book), "--report", fmt, "--out", str(out)]).exit_code == 1
        assert _clean(out.read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(WHERE))
def test_no_submission_is_written_and_the_refusal_is_masked(tmp_path: Path, name: str) -> None:
    result = runner.invoke(app, ["submit", str(_copy(name, tmp_path)), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 1 and WHERE[name][0] in result.output and _clean(result.output)
    assert not (tmp_path / "ut").exists()


def test_a_kontroll_motivation_is_masked_in_the_marked_copys_kontroll_sheet(tmp_path: Path) -> None:
    book = _copy("forskola_personnummer_i_kontrollmotivering.xlsx", tmp_path)
    report = tmp_path / "rapport.json"
    result = runner.invoke(app, ["validate", str(book), "--report", "json", "--mark", "--out", str(report)])
    assert result.exit_code == 1 and _clean(result.output)
    justified = [f for f in json.loads(report.read_text(encoding="utf-8"))["findings"] if f["justification"]]
    assert [f["justification"] for f in justified] == ["Tolvan ********-**** ansökte sent."]
    marked = openpyxl.load_workbook(tmp_path / "forskola_personnummer_i_kontrollmotivering_kontrollerad.xlsx")
    texts = [str(c.value) for row in marked["Kontroll"].iter_rows() for c in row if c.value is not None]
    assert "Tolvan ********-**** ansökte sent." in texts and _clean("\n".join(texts))


def test_an_extra_columns_header_is_masked_in_the_column_field(tmp_path: Path) -> None:
    book = _copy("forskola_personnummer_i_extra_kolumnrubrik.xlsx", tmp_path)
    findings = json.loads(runner.invoke(app, ["validate", str(book), "--report", "json"]).output)["findings"]
    columns = [f["column"] for f in findings if f["column"]]
    assert "Tolvan ********-****" in columns and _clean("\n".join(columns))


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_compute_masks_a_date_cell_holding_a_personnummer(tmp_path: Path, fmt: str) -> None:
    book = _copy("forskola_personnummer_i_datumcell.xlsx", tmp_path)
    result = runner.invoke(app, ["compute", "forskola", str(book), "--year", "2025", "--format", fmt])
    assert "B3" in result.output and "********-****" in result.output and _clean(result.output), result.output


def _signed_submission(tmp_path: Path) -> Path:
    book = filled_workbook(tmp_path, "forskola")
    assert runner.invoke(app, ["submit", str(book), "--out", str(tmp_path / "ut")]).exit_code == 0
    [path] = (tmp_path / "ut").glob("*.kkik.json")
    return path


@pytest.mark.parametrize("by", ["Tolvan 19121212-1212", "Tolvan 1912\u200b1212\u20111212", "121212 1212"])
def test_sign_refuses_a_personnummer_in_the_signers_name(tmp_path: Path, by: str) -> None:
    path = _signed_submission(tmp_path)
    before = path.read_bytes()
    result = runner.invoke(app, ["sign", str(path), "--role", "registrerad", "--by", by])
    assert result.exit_code == 2 and "personnummer" in result.output and _clean(result.output)
    assert path.read_bytes() == before


def test_the_writer_refuses_a_submission_holding_a_personnummer_anywhere(tmp_path: Path) -> None:
    sub = load_submission(_signed_submission(tmp_path))
    target = tmp_path / "ny.kkik.json"
    for leak in (
        sub.model_copy(update={"department": "Tolvan 121212\u20111212"}),
        sub.model_copy(update={"rules_version": "1912\u200b1212-1212"}),
        sub.model_copy(update={"parameters": {"19121212-1212": "x"}}),
    ):
        with pytest.raises(SubmissionError, match="skrevs inte") as err:
            save_submission(leak, target)
        assert _clean(str(err.value)) and not target.exists()
    assert save_submission(sub, target).is_file()  # hashes and signatures are not mistaken for numbers


def test_unit_names_and_department_are_scrubbed_even_past_validation(tmp_path: Path) -> None:
    prep = prepare(_copy("forskola_personnummer_med_nollbreddsmellanslag_i_enhet.xlsx", tmp_path))
    units = [u.unit for m in build_submission(prep).measures for u in m.units]
    assert "Solen [borttaget]" in units and _clean("\n".join(units))
    prep = prepare(_copy("forskola_personnummer_med_tankstreck_i_forvaltning.xlsx", tmp_path))
    assert build_submission(prep).department == "Tolvan [borttaget]"


def test_a_cell_on_a_sheet_named_with_a_personnummer_is_still_marked(tmp_path: Path) -> None:
    book = _copy("forskola_personnummer_i_bladnamn.xlsx", tmp_path)
    wb = openpyxl.load_workbook(book)
    wb["Tolvan 121212-1212"]["B2"] = "pnr 19121212-1212"
    wb.save(book)
    result = runner.invoke(app, ["validate", str(book), "--mark"])
    assert result.exit_code == 1 and "Tolvan ******-****!B2" in result.output and _clean(result.output)
    marked = openpyxl.load_workbook(tmp_path / "forskola_personnummer_i_bladnamn_kontrollerad.xlsx")
    note = marked["Tolvan 121212-1212"]["B2"].comment
    assert note is not None and "KKIK-PN-001" in note.text and _clean(note.text)
    listed = [str(c.value) for row in marked["Kontroll"].iter_rows() for c in row if c.value is not None]
    assert "Tolvan ******-****" in listed and _clean("\n".join(listed))
