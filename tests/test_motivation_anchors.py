"""A Motivering follows the row it was written for (issue 14, points 1–3), through the command line.

Workbooks: ``tests/data/make_fixtures_motivering_ankare.py``. Each Motivering names its own row's wait
(385, 382, 455 days), so a Motivering that landed on another row is visible in the text.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from renderers import require_libreoffice
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.excel.libreoffice import convert
from kkik_xl.excel.marking import KONTROLL_HEADERS, KONTROLL_SHEET, WORKING_FILE_SV, mark_workbook

runner = CliRunner()
DATA = Path(__file__).resolve().parent / "data"
ORIGINAL = DATA / "forskola_motiverad.xlsx"
MARKED = DATA / "forskola_motiverad_kontrollerad.xlsx"
ROW_DELETED = DATA / "forskola_motiverad_rad_borttagen_kontrollerad.xlsx"
WITHOUT_ANCHOR = DATA / "forskola_kontroll_utan_ankare_kontrollerad.xlsx"
WITHOUT_CODE = DATA / "forskola_motivering_utan_kod_och_blad.xlsx"
TEXT = {
    385: "Väntan 385 dagar: familjen tackade nej till två erbjudanden.",
    382: "Väntan 382 dagar: önskad förskola byggdes om.",
    455: "Väntan 455 dagar: placering i annan kommun under tiden.",
}


def _copy(tmp_path: Path, *files: Path) -> list[Path]:
    return [Path(shutil.copy(f, tmp_path / f.name)) for f in files]


def _validate(path: Path, *extra: str) -> tuple[int, list[dict[str, Any]], str]:
    result = runner.invoke(app, ["validate", str(path), "--report", "json", *extra])
    assert result.exit_code in (0, 1), result.output
    doc = json.loads(result.stdout)
    return result.exit_code, doc["findings"], result.output


def _waits(findings: list[dict[str, Any]]) -> dict[int, str | None]:
    """Wait in days (from the message) → the Motivering the finding got."""
    out = {}
    for f in findings:
        if f["code"] == "KKIK-DA-004":
            days = int(f["message"].split(" är ")[1].split(" dagar")[0])
            out[days] = f["justification"]
    return out


def _kontroll(path: Path) -> list[dict[str, Any]]:
    ws = openpyxl.load_workbook(path)[KONTROLL_SHEET]
    headers = [c.value for c in ws[1]]
    return [dict(zip(headers, row, strict=False)) for row in ws.iter_rows(min_row=2, values_only=True)]


def _type_motivations(path: Path) -> None:
    """Type each wait's Motivering beside its finding on Kontroll, as a user does."""
    wb = openpyxl.load_workbook(path)
    ws = wb[KONTROLL_SHEET]
    headers = [c.value for c in ws[1]]
    message, motivering = headers.index("Meddelande") + 1, headers.index("Motivering") + 1
    for r in range(2, ws.max_row + 1):
        for days, text in TEXT.items():
            if f"är {days} dagar" in str(ws.cell(r, message).value):
                ws.cell(r, motivering, text)
    wb.save(path)


def test_every_motivation_of_the_marked_copy_is_on_its_own_row() -> None:
    _, findings, _ = _validate(MARKED)
    assert _waits(findings) == {days: text for days, text in TEXT.items()}
    assert all(r["Ankare"] for r in _kontroll(MARKED) if r["Kod"] == "KKIK-DA-004")


def test_a_deleted_row_moves_no_motivation_to_another_row(tmp_path: Path) -> None:
    (path,) = _copy(tmp_path, ROW_DELETED)
    code, findings, _ = _validate(path)
    # Row 3 (385 days) is gone: the rows below moved up, and their Motiveringar moved with them.
    assert _waits(findings) == {382: TEXT[382], 455: TEXT[455]}
    gone = [f for f in findings if f["code"] == "KKIK-MA-010"]
    assert [(f["severity"], f["justification"], f["cell"]) for f in gone] == [("error", TEXT[385], None)]
    assert "inte finns längre" in gone[0]["message"] and "KKIK-DA-004" in gone[0]["message"]
    assert code == 1


def test_remarking_after_a_deleted_row_keeps_every_text_beside_its_own_row(tmp_path: Path) -> None:
    (path,) = _copy(tmp_path, ROW_DELETED)
    result = runner.invoke(app, ["validate", str(path), "--mark"])
    assert result.exit_code == 1, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]  # marked in place, no second copy
    rows = {r["Motivering"]: r for r in _kontroll(path) if r["Motivering"]}
    assert set(rows) == set(TEXT.values())
    assert (rows[TEXT[382]]["Kod"], rows[TEXT[382]]["Cell"]) == ("KKIK-DA-004", "C3")
    assert (rows[TEXT[455]]["Kod"], rows[TEXT[455]]["Cell"]) == ("KKIK-DA-004", "C5")
    assert (rows[TEXT[385]]["Kod"], rows[TEXT[385]]["Cell"]) == ("KKIK-MA-010", None)
    # The orphan keeps its anchor and text: validated again, it is still reported, never moved.
    _, findings, _ = _validate(path)
    assert _waits(findings) == {382: TEXT[382], 455: TEXT[455]}
    assert [f["justification"] for f in findings if f["code"] == "KKIK-MA-010"] == [TEXT[385]]


def test_an_orphan_finds_its_row_again_when_the_row_comes_back(tmp_path: Path) -> None:
    (path,) = _copy(tmp_path, ROW_DELETED)
    assert runner.invoke(app, ["validate", str(path), "--mark"]).exit_code == 1
    wb = openpyxl.load_workbook(path)
    ws = wb["Placeringar"]
    ws.insert_rows(3)
    for col, value in zip("ABC", ("Solen", "2025-01-13", "2026-02-02"), strict=True):
        ws[f"{col}3"] = value
    wb.save(path)
    _, findings, _ = _validate(path)
    assert _waits(findings) == TEXT
    assert not [f for f in findings if f["code"].startswith("KKIK-MA-01")]


@pytest.mark.parametrize("engine", ["xml", "openpyxl"])
def test_a_second_mark_of_the_original_carries_the_marked_copys_motivations(
    tmp_path: Path, engine: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (original,) = _copy(tmp_path, ORIGINAL)
    _, findings, _ = _validate(original)
    from kkik_xl.findings import Finding

    marked = mark_workbook(original, [Finding.model_validate(f) for f in findings], engine=engine)
    _type_motivations(marked)
    if engine == "openpyxl":  # the CLI's own marking goes through the openpyxl writer too
        monkeypatch.setattr("kkik_xl.excel.xmlmark.writer.XmlMarkWriter.__init__", _refuse)
    result = runner.invoke(app, ["validate", str(original), "--mark"])
    assert result.exit_code == 0, result.output
    assert "forskola_motiverad_kontrollerad_tidigare.xlsx" in result.output
    assert " ".join(WORKING_FILE_SV.split()) in " ".join(result.output.split())
    _, again, _ = _validate(marked)
    assert _waits(again) == TEXT
    assert _anchor_hidden(marked)
    kept = tmp_path / "forskola_motiverad_kontrollerad_tidigare.xlsx"
    assert {r["Motivering"] for r in _kontroll(kept) if r["Motivering"]} == set(TEXT.values())
    assert not list(tmp_path.glob("*_kontrollerad_kontrollerad*"))


def _refuse(*_args: object, **_kwargs: object) -> None:
    raise ValueError("the XML writer does not patch this file")


def test_validating_a_marked_copy_with_mark_updates_it_in_place(tmp_path: Path) -> None:
    (path,) = _copy(tmp_path, MARKED)
    result = runner.invoke(app, ["validate", str(path), "--mark"])
    assert result.exit_code == 0, result.output
    assert "uppdaterad på plats" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]
    _, findings, _ = _validate(path)
    assert _waits(findings) == TEXT


def test_a_marked_copy_saved_by_libreoffice_keeps_its_motivations(tmp_path: Path) -> None:
    require_libreoffice()
    (path,) = _copy(tmp_path, ROW_DELETED)
    (saved,) = convert([path], "xlsx", tmp_path / "lo")
    _, findings, _ = _validate(saved)
    assert _waits(findings) == {382: TEXT[382], 455: TEXT[455]}
    assert [f["justification"] for f in findings if f["code"] == "KKIK-MA-010"] == [TEXT[385]]
    result = runner.invoke(app, ["validate", str(saved), "--mark"])
    assert result.exit_code == 1, result.output
    headers = [c.value for c in openpyxl.load_workbook(saved)[KONTROLL_SHEET][1]]
    assert headers == list(KONTROLL_HEADERS)
    _, again, _ = _validate(saved)
    assert _waits(again) == {382: TEXT[382], 455: TEXT[455]}


def test_a_kontroll_sheet_without_anchors_is_still_read_by_address(tmp_path: Path) -> None:
    (path,) = _copy(tmp_path, WITHOUT_ANCHOR)
    _, findings, _ = _validate(path)
    assert _waits(findings) == TEXT
    assert runner.invoke(app, ["validate", str(path), "--mark"]).exit_code == 0
    assert all(r["Ankare"] for r in _kontroll(path) if r["Kod"] == "KKIK-DA-004")  # anchored from now on
    assert _anchor_hidden(path)


def _anchor_hidden(path: Path) -> bool:
    return bool(openpyxl.load_workbook(path)[KONTROLL_SHEET].column_dimensions["K"].hidden)


def test_a_motivation_without_kod_or_blad_covers_its_cell_or_is_reported(tmp_path: Path) -> None:
    (path,) = _copy(tmp_path, WITHOUT_CODE)
    _, findings, _ = _validate(path)
    assert _waits(findings) == {
        385: "Bara cellen: gäller alla fynd i C3.",
        382: "Blad och cell utan kod.",
        455: None,
    }
    unusable = {f["justification"]: f["message"] for f in findings if f["code"] == "KKIK-MA-012"}
    assert set(unusable) == {"En cell utan fynd.", "En motivering utan Kod, Blad och Cell."}
    assert "Z99" in unusable["En cell utan fynd."]
    assert "saknar Kod, Blad och Cell" in unusable["En motivering utan Kod, Blad och Cell."]


def _words(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def test_the_working_file_is_named_the_same_way_in_guides_and_instructions() -> None:
    root = Path(__file__).resolve().parents[1]
    for guide in ("kontrollant.md", "inmatare.md"):
        assert _words(WORKING_FILE_SV) in _words((root / "docs" / guide).read_text(encoding="utf-8")), guide
    sheet = openpyxl.load_workbook(root / "workbook_templates" / "forskola.xlsx")["Instruktioner"]
    texts = " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)
    assert _words(WORKING_FILE_SV) in _words(texts)


def test_submit_of_the_original_points_to_the_marked_copy_which_is_submitted(tmp_path: Path) -> None:
    original, marked = _copy(tmp_path, ORIGINAL, MARKED)
    refused = runner.invoke(app, ["submit", str(original), "--out", str(tmp_path / "in")])
    assert refused.exit_code == 1
    assert f"kkik-xl submit {marked}" in " ".join(refused.output.split())
    done = runner.invoke(app, ["submit", str(marked), "--out", str(tmp_path / "in")])
    assert done.exit_code == 0, done.output
    sub = json.loads(next((tmp_path / "in").glob("*.kkik.json")).read_text(encoding="utf-8"))
    assert sorted(w["justification"] for w in sub["findings"]["warning_list"]) == sorted(TEXT.values())


def test_a_motivation_whose_row_is_there_but_whose_finding_is_gone_is_information(tmp_path: Path) -> None:
    (path,) = _copy(tmp_path, MARKED)
    wb = openpyxl.load_workbook(path)
    ws = wb[KONTROLL_SHEET]
    for (anchor,) in ws.iter_rows(min_row=2, min_col=11, max_col=11):
        if anchor.value and TEXT[455] == ws.cell(anchor.row, 10).value:
            # The same row, a finding it does not have (as when a setting or another row changed).
            anchor.value = "KKIK-DA-002|Önskat placeringsdatum|" + str(anchor.value).rsplit("|", 1)[1]
    wb.save(path)
    code, findings, _ = _validate(path)
    assert _waits(findings) == {385: TEXT[385], 382: TEXT[382], 455: None}
    orphans = [f for f in findings if f["code"].startswith("KKIK-MA")]
    found = [(f["code"], f["severity"], f["justification"]) for f in orphans]
    assert found == [("KKIK-MA-011", "info", TEXT[455])]
    assert code == 0
