"""``submit`` and ``verify --workbook`` on real filled-in templates; no personal data in any submission."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from submission_workbooks import filled_workbook
from typer.testing import CliRunner

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.cli import app
from kkik_xl.excel.example_rows import Row
from kkik_xl.measures import ENGINES
from kkik_xl.personnummer import find_personnummer
from kkik_xl.submission import load_submission, save_submission, verify_submission
from kkik_xl.submission.build import scrub
from kkik_xl.submission.canonical import content_checksum
from kkik_xl.submission.kolada import display_value
from kkik_xl.submission.verify import compare_with_workbook

runner = CliRunner()
TEMPLATES = [t.id for t in CATALOGUE.templates]
PNR = "19121212-1212"  # Skatteverket's well-known test number


def _needs_engine(template_id: str) -> None:
    if template_id not in ENGINES:
        pytest.skip(f"ingen motor för {template_id} på main ännu")


def _raw_id_values(path: Path, template_id: str) -> set[str]:
    """Every raw value in the workbook's ID columns (``is_id`` in the catalogue), read with openpyxl."""
    wb = openpyxl.load_workbook(path, data_only=True)
    values: set[str] = set()
    for tab in CATALOGUE.template(template_id).tables:
        ws = wb[tab.sheet]
        headers = [c.value for c in ws[1]]
        for col in (c for c in tab.columns if c.is_id):
            idx = headers.index(col.name)
            values |= {str(r[idx]).strip() for r in ws.iter_rows(min_row=2, values_only=True) if r[idx]}
    return values


def _scanned_text(path: Path) -> str:
    """The submission as text without its checksums (hex digests are not data from the workbook)."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    data.pop("checksums")
    for sig in data.get("signatures", []):
        for key in ("content_sha256", "previous_sha256", "ed25519"):
            sig.pop(key, None)
    return json.dumps(data, ensure_ascii=False)


SHAPED = "121212-1213"  # shaped like a personnummer but with a wrong check digit: not flagged by the rules
SHAPE = re.compile(r"(?<!\d)(?:\d{6}|\d{8})[-+]?\d{4}(?!\d)")
HEX_DIGEST = re.compile(r"(?:sha256:)?[0-9a-f]{64}")


HEX_DIGEST = re.compile(r"[0-9a-f]{32,64}")


def _strings(value: Any) -> list[str]:
    """Every string (keys and values) in JSON data."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (k, *_strings(v))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, str) and not HEX_DIGEST.fullmatch(value):  # a checksum may hold ten digits by chance
        return [value]
    return []


def _ids_in_justification(code: str, sheet: str, cell: str) -> str:
    return f"Kontrollerat, se ärendet L0007, L0000 och P01 samt {SHAPED}."


@pytest.mark.parametrize("template_id", TEMPLATES)
def test_submit_writes_verifiable_submission_without_personal_data(tmp_path: Path, template_id: str) -> None:
    _needs_engine(template_id)
    book = filled_workbook(tmp_path, template_id, justify=_ids_in_justification)
    result = runner.invoke(app, ["submit", str(book), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.output
    [path] = (tmp_path / "ut").glob("*.kkik.json")
    assert path.name == f"0180_{template_id}_2025.kkik.json"
    sub = load_submission(path)
    assert verify_submission(sub) == []
    assert compare_with_workbook(sub, book) == []
    assert [m.kpi for m in sub.measures] == [m.kpi for m in CATALOGUE.measures_of(template_id)]
    assert sub.municipality.name == "Stockholm" and sub.findings.errors == 0
    assert all(w.justification for w in sub.findings.warning_list)
    text = _scanned_text(path)
    ids = _raw_id_values(book, template_id)
    has_ids = any(c.is_id for t in CATALOGUE.template(template_id).tables for c in t.columns)
    assert bool(ids) == has_ids
    leaked = sorted(v for v in ids if v in text)
    assert not leaked, f"ID-värden i inlämningen: {leaked}"
    # computed numbers like 590885.7300000001 are no text; hex digests (fingerprint, checksums) are no text
    strings = "\n".join(s for s in _strings(json.loads(text)) if not HEX_DIGEST.fullmatch(s))
    assert not find_personnummer(strings), "personnummer i inlämningen"
    assert not SHAPE.search(strings), "något som liknar ett personnummer i inlämningen"
    if sub.findings.warning_list:
        assert "[borttaget]" in text, "the justification's ID values were not scrubbed"


def test_personnummer_in_a_justification_blocks_the_submission(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "forskola", justify=lambda *_: f"Gäller {PNR}.")
    result = runner.invoke(app, ["submit", str(book), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 1 and "KKIK-PN-001" in result.output
    assert PNR not in result.output
    assert not (tmp_path / "ut").exists()


def test_per_unit_breakdown_and_submission_contents(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "forskola")
    assert runner.invoke(app, ["submit", str(book), "--out", str(tmp_path)]).exit_code == 0
    sub = load_submission(tmp_path / "0180_forskola_2025.kkik.json")
    u11401 = next(m for m in sub.measures if m.kpi == "U11401")
    assert u11401.units and {u.unit for u in u11401.units} <= {f"Enhet {i}" for i in range(1, 5)}
    assert sum(u.rows_used for u in u11401.units) <= u11401.rows_used
    assert u11401.display is not None and "," in u11401.display and u11401.gender == "T"
    assert sub.template.fingerprint and sub.catalogue_version == CATALOGUE.version
    assert sub.period.start.isoformat() == "2025-01-01"
    raw = json.loads((tmp_path / "0180_forskola_2025.kkik.json").read_text(encoding="utf-8"))
    assert set(raw) == set(type(sub).model_fields), "only the documented fields, no raw tables"


def test_submit_refuses_unjustified_warnings(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "forskola", justify=None)
    result = runner.invoke(app, ["submit", str(book), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 1
    assert "Varning utan motivering" in result.output
    assert not (tmp_path / "ut").exists()


def test_submit_refuses_errors_including_unreadable_cells(tmp_path: Path) -> None:
    def bad_date(rows: dict[str, list[Row]]) -> None:
        rows["Placeringar"][0]["Erbjudet placeringsdatum"] = "snart"

    book = filled_workbook(tmp_path, "forskola", edit=bad_date)
    result = runner.invoke(app, ["submit", str(book), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 1
    assert "Fel KKIK-" in result.output and "Placeringar" in result.output
    assert not (tmp_path / "ut").exists()
    missing = runner.invoke(app, ["submit", str(tmp_path / "saknas.xlsx")])
    assert missing.exit_code == 2


def test_verify_with_workbook_detects_changed_rows_and_structure(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "forskola")
    assert runner.invoke(app, ["submit", str(book), "--out", str(tmp_path)]).exit_code == 0
    path = tmp_path / "0180_forskola_2025.kkik.json"
    ok = runner.invoke(app, ["verify", str(path), "--workbook", str(book)])
    assert ok.exit_code == 0, ok.output
    assert "Alla värden stämmer med arbetsboken" in ok.output
    wb = openpyxl.load_workbook(book)
    ws = wb["Placeringar"]
    ws["C2"].value = ws["B2"].value  # offered = wished on the first row
    ws["D2"].value = "ändrad"
    wb.save(book)
    changed = runner.invoke(app, ["verify", str(path), "--workbook", str(book)])
    assert changed.exit_code == 1
    assert "indataraderna" in changed.output
    wb = openpyxl.load_workbook(book)
    wb.create_sheet("Extra")
    wb.save(book)
    restructured = runner.invoke(app, ["verify", str(path), "--workbook", str(book)])
    assert restructured.exit_code == 1 and "fingeravtryck" in restructured.output


def test_scrub_removes_id_values_as_whole_words_and_personnummer_shapes() -> None:
    text = "Se ärendet L0007, L00071 och 19121212-1212 samt 121212-1213; rad 12."
    assert scrub(text, {"L0007", "12"}) == (
        "Se ärendet [borttaget], L00071 och [borttaget] samt [borttaget]; rad [borttaget]."
    )
    assert scrub(None, {"x"}) is None


def test_measurement_period_follows_the_engine(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "hemtjanst")
    assert runner.invoke(app, ["submit", str(book), "--out", str(tmp_path)]).exit_code == 0
    sub = load_submission(tmp_path / "0180_hemtjanst_2025.kkik.json")
    assert (sub.period.start.isoformat(), sub.period.end.isoformat()) == ("2025-10-01", "2025-10-14")
    assert sub.parameters == {"period_start": "2025-10-01"}


def test_verify_with_workbook_catches_a_forged_value_with_a_recomputed_checksum(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "forskola")
    assert runner.invoke(app, ["submit", str(book), "--out", str(tmp_path)]).exit_code == 0
    path = tmp_path / "0180_forskola_2025.kkik.json"
    sub = load_submission(path)
    first = sub.measures[0]
    assert first.value is not None
    forged_value = first.value + 5
    forged_measure = first.model_copy(
        update={"value": forged_value, "display": display_value(forged_value, first.decimals)}
    )
    forged = sub.model_copy(update={"measures": [forged_measure, *sub.measures[1:]]})
    checksums = forged.checksums.model_copy(update={"content_sha256": content_checksum(forged)})
    save_submission(forged.model_copy(update={"checksums": checksums}), path)
    alone = runner.invoke(app, ["verify", str(path)])
    assert alone.exit_code == 0, "without the workbook a consistently forged file cannot be told apart"
    against = runner.invoke(app, ["verify", str(path), "--workbook", str(book)])
    assert against.exit_code == 1
    assert f"{first.kpi}: inlämningen har värdet {forged_value!r}, arbetsboken ger {first.value!r}" in (
        against.output
    )


def test_submit_syntetisk_marks_the_file_and_export_refuses_it(tmp_path: Path) -> None:
    book = filled_workbook(tmp_path, "forskola")
    result = runner.invoke(app, ["submit", str(book), "--out", str(tmp_path), "--syntetisk"])
    assert result.exit_code == 0 and "SYNTETISKA DATA" in result.output, result.output
    path = tmp_path / "0180_forskola_2025.kkik.json"
    sub = load_submission(path)
    assert sub.is_synthetic() and sub.rules_version.startswith("syntetisk (kkik-xl ")
    assert verify_submission(sub) == []
    refused = runner.invoke(app, ["export-kolada", str(path), "--out", str(tmp_path / "k.csv")])
    assert refused.exit_code == 1 and "syntetisk inlämning" in refused.output
