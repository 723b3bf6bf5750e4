"""Every reason ``submit`` can refuse for is already a finding of ``validate`` (issue 14, points 9, 12).

The refusals are enumerated from the code (every ``Refusal(CODE.code, …)`` in the submission path), so
a new refusal without a row in :data:`REFUSALS` fails :func:`test_every_refusal_in_the_code_is_mapped`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from typer.testing import CliRunner
from xlsx_builders import template_workbook

import kkik_xl
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.cli import app
from kkik_xl.findings import Severity
from kkik_xl.measures import ENGINES
from kkik_xl.rules import submittable, validate_workbook

DATA = Path(__file__).parent / "data"
PACKAGE = Path(kkik_xl.__file__).parent
SUBMIT_PATH = [*sorted((PACKAGE / "submission").glob("*.py")), PACKAGE / "commands" / "submit.py"]
runner = CliRunner()


def _own_workbook_without_year(tmp: Path) -> Path:
    rows = [["Solen", "2025-02-03", "2025-02-10", None]]
    return template_workbook(tmp / "egen.xlsx", "forskola", {"Placeringar": rows}, meta=False)


# finding code → (workbook reproducing it, validate's severity, submit's exit code, words submit says)
REFUSALS = {
    "KKIK-MA-020": (lambda _: DATA / "forskola_utan_kommun.xlsx", Severity.ERROR, 1, "Kommunen saknas"),
    "KKIK-MA-021": (lambda _: DATA / "forskola_sparad_som_xls.xls", Severity.INFO, 2, "inlämning görs från"),
    "KKIK-MA-022": (_own_workbook_without_year, Severity.INFO, 1, "anger inget år"),
}


def _refusal_codes_in_code() -> set[str]:
    """The finding codes of every ``Refusal(NAME.code, …)`` in the submission path."""
    names: set[str] = set()
    for path in SUBMIT_PATH:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "Refusal":
                first = node.args[0]
                assert isinstance(first, ast.Attribute) and isinstance(first.value, ast.Name), path
                names.add(first.value.id)
    return {getattr(submittable, name).code for name in names}


def _bare_usage_errors() -> list[str]:
    """``raise UsageError(…)`` in the submission path: a refusal that is no finding of validate."""
    out = []
    for path in SUBMIT_PATH:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            call = node.exc if isinstance(node, ast.Raise) else None
            if isinstance(call, ast.Call) and getattr(call.func, "id", None) == "UsageError":
                out.append(f"{path.name}:{node.lineno}")
    return out


def test_every_refusal_in_the_code_is_mapped() -> None:
    assert _refusal_codes_in_code() == set(REFUSALS)
    # The one bare UsageError left: a template without an engine, which no catalogue template is.
    assert [p.split(":")[0] for p in _bare_usage_errors()] == ["prepare.py"]
    assert {t.id for t in CATALOGUE.templates} <= set(ENGINES)


@pytest.mark.parametrize("code", sorted(REFUSALS))
def test_validate_reports_what_submit_refuses(code: str, tmp_path: Path) -> None:
    make, severity, exit_code, words = REFUSALS[code]
    path = make(tmp_path)
    found = [f for f in validate_workbook(path).findings if f.code == code]
    assert [f.severity for f in found] == [severity]
    result = runner.invoke(app, ["submit", str(path), "--out", str(tmp_path)])
    assert result.exit_code == exit_code, result.output
    assert words in " ".join(result.output.split())
    assert not list(tmp_path.glob("*.kkik.json"))


def test_an_unknown_municipality_is_named(tmp_path: Path) -> None:
    (found,) = [
        f for f in validate_workbook(DATA / "forskola_okand_kommun.xlsx").findings if f.code == "KKIK-MA-020"
    ]
    assert "'Atlantis' finns inte bland Sveriges kommuner" in found.message
    result = runner.invoke(app, ["validate", str(DATA / "forskola_okand_kommun.xlsx")])
    assert result.exit_code == 1 and "KKIK-MA-020" in result.output


@pytest.mark.parametrize("name", ["forskola_sparad_som_xls.xls", "forskola_sparad_som_ods.ods"])
def test_submit_on_xls_or_ods_says_a_submission_needs_xlsx(name: str, tmp_path: Path) -> None:
    result = runner.invoke(app, ["submit", str(DATA / name), "--out", str(tmp_path)])
    assert result.exit_code == 2
    text = " ".join(result.output.split())
    assert "inget år" not in text
    assert f"{name} kan kontrolleras men inte lämnas in" in text and ".xlsx" in text
    validated = runner.invoke(app, ["validate", str(DATA / name), "--year", "2025"])
    assert "KKIK-MA-021" in validated.output
