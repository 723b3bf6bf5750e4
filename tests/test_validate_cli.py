"""``kkik-xl validate``: reports with counts and every finding, --mark, exit codes 0/1/2, no tracebacks."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner
from xlsx_builders import template_workbook

from kkik_xl.cli import app
from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template

runner = CliRunner()
D = date(2025, 2, 3)
MANY = 1_200


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def blank(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_template("forskola", 2025, tmp_path_factory.mktemp("mall"))


def _filled(blank: Path, folder: Path, rows: list[dict[str, object]], name: str = "forskola.xlsx") -> Path:
    return fill_template(blank, folder / name, {"Placeringar": rows}, kommun="Ale")


def _clean_rows(n: int = 6) -> list[dict[str, object]]:
    return [{"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D} for _ in range(n)]


def test_clean_file_exits_0(blank: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_filled(blank, tmp_path, _clean_rows()))])
    assert result.exit_code == 0, result.output
    assert "0 fel, 0 varningar, 0 upplysningar" in result.output
    assert "Inga anmärkningar." in result.output


def test_warnings_only_exit_0(blank: Path, tmp_path: Path) -> None:
    rows = [
        *_clean_rows(),
        {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 12, 1), "Erbjudet placeringsdatum": D},
    ]
    result = runner.invoke(app, ["validate", str(_filled(blank, tmp_path, rows)), "--report", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["counts"] == {"error": 0, "warning": 1, "info": 0}


def _many_errors(blank: Path, folder: Path) -> Path:
    rows = [
        {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": None} for _ in range(MANY)
    ]
    return _filled(blank, folder, rows)


UNSUMMARISED = ["--installning", f"sammanfatta_fran={MANY}"]  # every finding one by one


def test_json_has_counts_per_severity_and_code_and_every_finding(blank: Path, tmp_path: Path) -> None:
    path = _many_errors(blank, tmp_path)
    result = runner.invoke(app, ["validate", str(path), "--report", "json", *UNSUMMARISED])
    assert result.exit_code == 1
    doc = json.loads(result.output)
    assert doc["counts"] == {"error": MANY, "warning": 0, "info": 0}
    assert doc["per_code"] == {"KKIK-VA-001": MANY}
    assert len(doc["findings"]) == MANY  # never truncated
    assert [f["cell"] for f in doc["findings"]] == [f"C{r}" for r in range(2, MANY + 2)]
    first = doc["findings"][0]
    assert set(first) == {
        "code", "severity", "message", "sheet", "cell", "row", "column", "value", "measure", "justification",
        "anchor", "count",
    }  # fmt: skip
    assert (first["sheet"], first["row"], first["column"], first["measure"]) == (
        "Placeringar", 2, "Erbjudet placeringsdatum", "U11401, U11402"
    )  # fmt: skip
    assert {m["kpi"] for m in doc["measures"]} == {"U11401", "U11402"}


def test_json_summarises_many_identical_findings_by_default(blank: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_many_errors(blank, tmp_path)), "--report", "json"])
    assert result.exit_code == 1
    doc = json.loads(result.output)
    cells = [(f["cell"], f["count"]) for f in doc["findings"]]
    assert cells == [("C2", None), (f"C2:C{MANY + 1}", MANY), *((f"C{r}", None) for r in range(3, 7))]
    assert doc["counts"] == {"error": 6, "warning": 0, "info": 0}


def test_text_groups_and_says_how_many_more(blank: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(_many_errors(blank, tmp_path)), *UNSUMMARISED])
    assert result.exit_code == 1
    assert f"Fel KKIK-VA-001 Obligatorisk cell är tom ({MANY})" in result.output
    assert f"… och {MANY - 20} till med samma kod (alla finns i --report json)." in result.output


def test_html_lists_counts_per_code_and_every_finding(blank: Path, tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    path = _many_errors(blank, tmp_path)
    result = runner.invoke(app, ["validate", str(path), "--report", "html", "--out", str(out), *UNSUMMARISED])
    assert result.exit_code == 1
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<html lang="sv">' in page
    assert f"<td>KKIK-VA-001</td><td>Obligatorisk cell är tom</td><td>{MANY}</td>" in page
    assert page.count("<tr class='error'>") == MANY


def test_mark_writes_the_copy_and_leaves_the_original(blank: Path, tmp_path: Path) -> None:
    rows = [
        *_clean_rows(3),
        {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": None},
    ]
    path = _filled(blank, tmp_path, rows)
    before = sha256(path)
    result = runner.invoke(app, ["validate", str(path), "--mark"])
    assert result.exit_code == 1
    target = tmp_path / "forskola_kontrollerad.xlsx"
    assert f"Markerad kopia: {target}" in result.output.replace("\n", "")
    assert sha256(path) == before
    ws = openpyxl.load_workbook(target)["Kontroll"]
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "KKIK-VA-001")
    assert [c.value for c in row][:4] == ["Fel", "KKIK-VA-001", "Placeringar", "C5"]
    assert row[3].hyperlink.location == "'Placeringar'!C5"


def test_mark_of_a_csv_says_it_is_not_marked(tmp_path: Path) -> None:
    path = tmp_path / "placeringar.csv"
    path.write_text(
        "Enhet;Önskat placeringsdatum;Erbjudet placeringsdatum;Kommentar\nSolen;2025-02-03;;\n", "utf-8"
    )
    result = runner.invoke(app, ["validate", str(path), "--template", "forskola", "--year", "2025", "--mark"])
    assert result.exit_code == 1
    assert "markerades inte" in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["placeringar.csv"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "finns inte"),
        (b"", "tom"),
        (b"PK\x03\x04 this is not a zip", "kan inte läsas"),
    ],
)
def test_unreadable_files_exit_2_with_a_swedish_reason(
    tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / "trasig.xlsx"
    if content is not None:
        path.write_bytes(content)
    result = runner.invoke(app, ["validate", str(path), "--mark"])
    assert result.exit_code == 2, result.output
    assert "Fel:" in result.output and reason in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "trasig_kontrollerad.xlsx").exists()


def test_unknown_template_exits_2(tmp_path: Path) -> None:
    path = template_workbook(tmp_path / "x.xlsx", "forskola", {"Placeringar": [["Solen", D, D]]})
    result = runner.invoke(app, ["validate", str(path), "--template", "okand"])
    assert result.exit_code == 2
    assert "Mallen 'okand' finns inte" in result.output and "Traceback" not in result.output


def test_last_year_values_give_jump_warnings(blank: Path, tmp_path: Path) -> None:
    last = tmp_path / "forra.json"
    last.write_text(json.dumps({"U11401": 40.0}), encoding="utf-8")
    path = _filled(blank, tmp_path, _clean_rows())
    result = runner.invoke(app, ["validate", str(path), "--last-year", str(last), "--report", "json"])
    assert result.exit_code == 0
    jumps = [f for f in json.loads(result.output)["findings"] if f["code"] == "KKIK-ST-004"]
    assert [(f["measure"], f["severity"]) for f in jumps] == [("U11401", "warning")]


def test_bad_last_year_file_exits_2(tmp_path: Path) -> None:
    last = tmp_path / "forra.json"
    last.write_text('{"U11401": "mycket"}', encoding="utf-8")
    path = template_workbook(tmp_path / "x.xlsx", "forskola", {"Placeringar": [["Solen", D, D]]})
    result = runner.invoke(app, ["validate", str(path), "--last-year", str(last)])
    assert result.exit_code == 2
    assert "ska vara ett JSON-objekt med KPI-id och tal" in result.output


def test_a_marked_copy_that_cannot_be_written_exits_2_after_the_report(
    blank: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    path = _filled(blank, tmp_path, _clean_rows())
    monkeypatch.setattr("kkik_xl.atomic.os.replace", refuse)
    result = runner.invoke(app, ["validate", str(path), "--mark"])
    assert result.exit_code == 2
    assert "Inga anmärkningar." in result.output
    marked = tmp_path / "forskola_kontrollerad.xlsx"
    assert f"Den markerade kopian {marked} kunde inte skrivas" in result.output
    assert "åtkomst nekad" in result.output and "Permission denied" not in result.output
    assert "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["forskola.xlsx"]  # no temporary file left
