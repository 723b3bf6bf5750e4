"""`make demo`: the department workbooks' mistakes, their correction, and the whole flow end to end."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import openpyxl
import pytest
from rich.console import Console

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.demo import flow, workbooks
from kkik_xl.demo.runner import DemoError
from kkik_xl.findings import Finding, Severity
from kkik_xl.personnummer import contains_personnummer


def test_mistakes_are_injected_into_a_copy() -> None:
    clean = workbooks.clean_rows("forskola", 2025)
    broken = workbooks.with_mistakes("forskola", clean)
    assert broken["Placeringar"][3]["Önskat placeringsdatum"] == "5 mars"
    assert contains_personnummer(broken["Placeringar"][7]["Kommentar"])
    assert clean["Placeringar"][3]["Önskat placeringsdatum"] != "5 mars"
    assert workbooks.with_mistakes("kost", clean) == clean


def test_correction_restores_only_the_rows_with_errors() -> None:
    clean = workbooks.clean_rows("forskola", 2025)
    broken = workbooks.with_mistakes("forskola", clean)
    found = [
        Finding(code="KKIK-LS-001", severity=Severity.ERROR, message="x", sheet="Placeringar", row=5),
        Finding(code="KKIK-PE-001", severity=Severity.WARNING, message="x", sheet="Placeringar", row=9),
    ]
    fixed = workbooks.corrected("forskola", broken, clean, found)
    assert fixed["Placeringar"][3] == clean["Placeringar"][3]
    assert fixed["Placeringar"][7] == broken["Placeringar"][7]  # a warning is not an error: left as it is


def test_a_folder_the_demo_did_not_create_is_never_emptied(tmp_path: Path) -> None:
    (tmp_path / "viktig.xlsx").write_text("x", encoding="utf-8")
    with pytest.raises(DemoError, match="inte skapad av demon"):
        flow.prepare_output(tmp_path)
    assert (tmp_path / "viktig.xlsx").exists()
    assert flow.main([str(tmp_path)]) == 1


_HASH = re.compile(r"[0-9a-f]{32,}|[A-Za-z0-9+/=]{64,}")  # checksums and signatures, not text


def _texts(value: object) -> list[str]:
    """Every string in a JSON document (keys and values)."""
    if isinstance(value, dict):
        return [t for k, v in value.items() for t in (str(k), *_texts(v))]
    if isinstance(value, list):
        return [t for v in value for t in _texts(v)]
    return [str(value)] if value is not None else []


def test_hashes_are_not_mistaken_for_personnummer_but_text_is_scanned() -> None:
    texts = _texts({"sha": "ab191212121212cd" + "e" * 40, "m": ["pnr 19121212-1212"]})
    assert [t for t in texts if not _HASH.fullmatch(t) and contains_personnummer(t)] == ["pnr 19121212-1212"]


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("demo") / "demo-output"
    buffer = io.StringIO()
    flow.prepare_output(out)  # the run below empties the demo's own folder first
    (out / "gammal.txt").write_text("från en tidigare körning", encoding="utf-8")
    console = Console(file=buffer, width=200)
    demo = flow.run(out, console)
    flow.print_summary(demo.outcome, demo.out, console)
    return out, buffer.getvalue()


def test_the_marked_copy_shows_the_deliberate_errors(demo_run: tuple[Path, str]) -> None:
    out, _ = demo_run
    assert not (out / "gammal.txt").exists()
    marked = openpyxl.load_workbook(out / "1_forsta_versionen" / "forskola_2025_Ale_kontrollerad.xlsx")
    ws = marked["Placeringar"]
    assert "KKIK-LS-001" in ws["B5"].comment.text
    assert "KKIK-PN-001" in ws["D9"].comment.text
    assert ws["B5"].fill.fgColor.rgb != ws["B4"].fill.fgColor.rgb


def test_every_template_is_submitted_synthetic_and_signed_by_three_people(demo_run: tuple[Path, str]) -> None:
    out, _ = demo_run
    subs = sorted((out / "3_inlamningar").glob("*.kkik.json"))
    assert {p.name for p in subs} == {f"1440_{t.id}_2025.kkik.json" for t in CATALOGUE.templates}
    for path in subs:
        doc = json.loads(path.read_text(encoding="utf-8"))
        leaks = [v for v in _texts(doc) if not _HASH.fullmatch(v) and contains_personnummer(v)]
        assert not leaks, path.name
        signatures = doc["signatures"]
        assert [s["role"] for s in signatures] == ["registrerad", "kontrollerad", "godkand"]
        assert len({s["by"] for s in signatures}) == 3
        assert doc["rules_version"].startswith("syntetisk (")


def test_coordinator_outputs_and_summary(demo_run: tuple[Path, str]) -> None:
    out, summary = demo_run
    kolada = (out / "4_sammanstallning" / "kolada.csv").read_text(encoding="utf-8").splitlines()
    assert kolada[0] == "kpi;kommunkod;år;kön;värde;syntetisk"
    assert all(line.endswith(";ja") for line in kolada[1:])
    merged = json.loads((out / "4_sammanstallning" / "varden.json").read_text(encoding="utf-8"))
    assert merged["syntetisk"] is True
    merge_log = "\n".join(p.read_text(encoding="utf-8") for p in (out / "logg").glob("*sammanstall*"))
    assert "SYNTETISKA DATA" in merge_log
    status = (out / "4_sammanstallning" / "fullstandighet.csv").read_text(encoding="utf-8")
    assert "osignerad" not in status and "saknas" not in status
    assert "ja (3 roller)" in summary and "Sammanställningen: " in summary
    assert {line.split(";")[1] for line in kolada[1:]} == {"1440"}
    html = (out / "6_rapport" / "jamforelse_1440_2025.html").read_text(encoding="utf-8")
    assert "Ale" in html and "SYNTETISK" in html
    assert (out / "6_rapport" / "jamforelse_1440_2025.xlsx").stat().st_size > 0
    assert "Öppna:" in summary and "gröna" in summary
    assert "forskola_2025_Ale_kontrollerad.xlsx" in summary


def test_the_correction_loop_ends_with_every_motivation_on_its_own_row(demo_run: tuple[Path, str]) -> None:
    out, summary = demo_run
    assert "följde sina rader" in summary and "KKIK-MA-010" in summary
    fixed = out / "2_rattad"
    assert (fixed / "forskola_2025_Ale_kontrollerad_tidigare.xlsx").is_file()  # the second --mark kept it
    assert not list(out.rglob("*_kontrollerad_kontrollerad*"))
    doc = json.loads((fixed / "forskola_2025_Ale_kontroll.json").read_text(encoding="utf-8"))
    findings = [Finding.model_validate(f) for f in doc["findings"]]
    assert not [f for f in findings if f.severity is Severity.ERROR]
    warnings = [f for f in findings if f.severity is Severity.WARNING]
    assert warnings and all(f.justification for f in warnings)
    texts = [f.justification for f in warnings]
    assert len(set(texts)) == len(texts)  # each warning has the Motivering written for it, none twice
    assert list((out / "logg").glob("*_validera_efter_borttagen_rad.log"))
