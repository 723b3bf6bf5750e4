"""HTTP contract of ``kkik-xl serve`` with a real uvicorn: the API gives exactly what the CLI gives."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from datetime import date, datetime, time
from pathlib import Path

import httpx
import pytest
from live_server import live_server
from submission_workbooks import filled_workbook
from typer.testing import CliRunner

from kkik_xl import __version__
from kkik_xl.catalogue import CATALOGUE, Measure
from kkik_xl.cli import app

DATA = Path(__file__).parent / "data"
TEMPLATES = Path(__file__).parent.parent / "workbook_templates"
CORPUS = sorted(p for p in DATA.iterdir() if p.suffix in {".xlsx", ".xlsm", ".xls", ".ods", ".csv"})
WORKBOOKS = CORPUS + sorted(TEMPLATES.glob("*.xlsx"))
runner = CliRunner()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with live_server(tmp_path_factory.mktemp("serve")) as url:
        yield url


def cli_json(path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, object] | None:
    """``kkik-xl validate --report json`` run in the file's folder; None when the CLI refuses (exit 2)."""
    monkeypatch.chdir(path.parent)
    result = runner.invoke(app, ["validate", path.name, "--report", "json"])
    if result.exit_code == 2:
        return None
    parsed: dict[str, object] = json.loads(result.stdout)
    return parsed


def post(url: str, route: str, path: Path, **fields: str) -> httpx.Response:
    with path.open("rb") as fh:
        return httpx.post(f"{url}{route}", files={"file": (path.name, fh)}, data=fields, timeout=300)


def test_health(server: str) -> None:
    assert httpx.get(f"{server}/health").json() == {"status": "ok", "version": __version__}


def test_openapi_documents_the_api(server: str) -> None:
    spec = httpx.get(f"{server}/openapi.json").json()
    assert {"/health", "/api/validate", "/api/mark", "/api/submit", "/api/functions/{name}"} <= set(
        spec["paths"]
    )
    upload = spec["paths"]["/api/validate"]["post"]["requestBody"]["content"]["multipart/form-data"]
    assert set(upload["schema"]["properties"]) == {"file", "year", "period_start"}
    documented = (Path(__file__).parent.parent / "docs" / "api.md").read_text(encoding="utf-8")
    for path in spec["paths"]:  # every route has a heading "## `METHOD /route`" in docs/api.md
        assert re.search(rf"^## `(GET|POST) {re.escape(path.split('{')[0])}", documented, re.MULTILINE), path


@pytest.mark.parametrize("path", WORKBOOKS, ids=lambda p: p.name)
def test_validate_equals_cli(server: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    expected = cli_json(path, monkeypatch)
    response = post(server, "/api/validate", path)
    if expected is None:  # unreadable for the CLI: a Swedish 422 for the service
        assert response.status_code == 422, response.text
        assert set(response.json()) == {"error"}
        return
    assert response.status_code == 200, response.text
    assert response.json() == expected


def test_validate_year_and_period_start_as_cli(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    path = DATA / "hemtjanst_besok_klockan_22.xlsx"
    monkeypatch.chdir(path.parent)
    args = ["validate", path.name, "--report", "json", "--year", "2025", "--period-start", "2025-03-03"]
    expected = json.loads(runner.invoke(app, args).stdout)
    response = post(server, "/api/validate", path, year="2025", period_start="2025-03-03")
    assert response.json() == expected


def _without_time(doc: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in doc.items() if k not in {"created", "checksums"}}


@pytest.mark.parametrize("template_id", ["forskola", "hemtjanst", "lss"])
def test_submit_equals_cli(server: str, tmp_path: Path, template_id: str) -> None:
    workbook = filled_workbook(tmp_path, template_id)
    result = runner.invoke(app, ["submit", str(workbook), "--out", str(tmp_path / "ut")])
    assert result.exit_code == 0, result.stdout
    cli_file = next((tmp_path / "ut").glob("*.kkik.json"))
    response = post(server, "/api/submit", workbook)
    assert response.status_code == 200, response.text
    assert cli_file.name in response.headers["content-disposition"]
    ours, theirs = response.json(), json.loads(cli_file.read_text(encoding="utf-8"))
    assert ours["checksums"]["input_rows_sha256"] == theirs["checksums"]["input_rows_sha256"]
    assert _without_time(ours) == _without_time(theirs)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_submit_refusals_as_cli(server: str, path: Path, tmp_path: Path) -> None:
    cli = runner.invoke(app, ["submit", str(path), "--out", str(tmp_path)])
    response = post(server, "/api/submit", path)
    assert (cli.exit_code == 0) == (response.status_code == 200), response.text
    if cli.exit_code != 0:  # .xls, .ods and CSV are checked but never submitted: 415, as submit's exit 2
        submittable = path.suffix in {".xlsx", ".xlsm"}
        assert response.status_code == (422 if submittable else 415), response.text
        assert response.json()["error"]


def test_mark_gives_the_marked_copy(server: str, tmp_path: Path) -> None:
    from kkik_xl.excel.reader import read_workbook

    path = DATA / "forskola_text_i_datumcell.xlsx"
    response = post(server, "/api/mark", path)
    assert response.status_code == 200
    assert "forskola_text_i_datumcell_kontrollerad.xlsx" in response.headers["content-disposition"]
    marked = tmp_path / "markerad.xlsx"
    marked.write_bytes(response.content)
    assert read_workbook(marked).template_id == "forskola"
    from openpyxl import load_workbook

    assert load_workbook(marked)["Kontroll"].max_row > 1


def test_functions_with_and_without_prefix(server: str) -> None:
    def call(name: str, *args: object) -> object:
        return httpx.post(f"{server}/api/functions/{name}", json={"args": list(args)}).json()

    assert call("KKIK_NASTA_VARDAG", 45650) == {"result": 45653}  # 2024-12-24 → 2024-12-27
    assert call("nasta_vardag", "2025-12-24") == {"result": 46020}  # → 2025-12-29
    assert call("ARBETSDAGAR", [[45719]], 45723) == {"result": 4}
    assert call("HELGDAG", "") == {"result": "Datumet saknas."}
    response = httpx.post(f"{server}/api/functions/FINNS_INTE", json={"args": []})
    assert response.status_code == 404 and "finns inte" in response.json()["error"]


def office_js(value: object) -> object:
    """An xlwings-shaped argument as Office.js passes it: serial numbers, lists of rows, ``""``."""
    from test_xl_udfs import _serial

    if value is None:
        return ""
    if isinstance(value, list):  # a block stays rows; a column becomes rows of one cell
        return [[office_js(c) for c in v] if isinstance(v, list) else [office_js(v)] for v in value]
    if isinstance(value, datetime | date):
        return _serial(value)
    if isinstance(value, time):
        return (value.hour * 60 + value.minute) / 1440
    return value


@pytest.mark.parametrize("measure", [m for m in CATALOGUE.measures if m.self_collected], ids=lambda m: m.kpi)
def test_measure_functions_equal_the_xlwings_udfs(server: str, measure: Measure) -> None:
    from test_xl_udfs import case

    from kkik_xl.xl.udfs import ALL_FUNCTIONS

    _, _, args = case(measure)
    want = ALL_FUNCTIONS[f"KKIK_{measure.kpi}"](*args)
    body = {"args": [office_js(a) for a in args]}
    got = httpx.post(f"{server}/api/functions/{measure.kpi}", json=body, timeout=60).json()["result"]
    if isinstance(want, float):
        assert isinstance(got, float) and math.isclose(got, want, rel_tol=1e-12), (got, want)
    else:
        assert got == want
