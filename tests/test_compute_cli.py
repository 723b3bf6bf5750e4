"""``kkik-xl compute``: JSON and table output, exit codes, Swedish errors, never a traceback."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path

import polars as pl
import pytest
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.measures import ENGINES, MeasureContext, MeasureResult

runner = CliRunner()
HEADER = "Enhet;Önskat placeringsdatum;Erbjudet placeringsdatum;Kommentar\n"
SEEN: dict[str, object] = {}


def _counting_engine(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """A stand-in engine: counts valid rows, so the test checks the reader → engine hand-over."""
    frame = tables["Placeringar"]
    SEEN["ctx"] = ctx
    valid = frame.filter(~pl.col("_invalid"))
    on_time = valid.filter(pl.col("Erbjudet placeringsdatum") <= pl.col("Önskat placeringsdatum")).height
    excluded = {"ogiltiga värden": frame.height - valid.height}
    value = 100 * on_time / valid.height if valid.height else None
    return [
        MeasureResult(
            kpi="U11401",
            value=value,
            numerator=on_time,
            denominator=valid.height,
            rows_used=valid.height,
            excluded=excluded,
        ),
        MeasureResult(kpi="U11402", value=None, reason="inga sena placeringar"),
    ]


@pytest.fixture(autouse=True)
def _engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setitem(ENGINES, "forskola", _counting_engine)
    yield


def _csv(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "placeringar.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_json_output(tmp_path: Path) -> None:
    path = _csv(
        tmp_path,
        "A;2025-01-07;2025-01-07;\nB;2025-01-08;2025-01-20;\nC;2025-02-01;2025-01-10;\nD;x;2025-01-01;\n",
    )
    result = runner.invoke(app, ["compute", "forskola", str(path), "--year", "2025", "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["template"] == "forskola" and doc["year"] == 2025
    first = doc["measures"][0]
    assert first["kpi"] == "U11401"
    assert first["value"] == pytest.approx(200 / 3)
    assert (first["numerator"], first["denominator"], first["rows_used"]) == (2, 3, 3)
    assert first["excluded"] == {"ogiltiga värden": 1}
    assert doc["measures"][1]["value"] is None
    assert [(f["sheet"], f["cell"], f["code"], f["severity"]) for f in doc["findings"]] == [
        ("placeringar.csv", "B5", "KKIK-LS-001", "error")
    ]
    assert "'x'" in doc["findings"][0]["message"]


def test_table_output_in_swedish(tmp_path: Path) -> None:
    path = _csv(tmp_path, "A;2025-01-07;2025-01-07;\nB;2025-01-08;2025-01-20;\n")
    result = runner.invoke(app, ["compute", "forskola", str(path), "--year", "2025"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for heading in ("KPI", "Mått", "Värde", "Täljare", "Nämnare", "Rader"):
        assert heading in result.output
    assert "50,0" in result.output
    assert "inga sena placeringar" in result.output


def test_period_start_reaches_the_engine(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENGINES, "forskola", _counting_engine)
    path = _csv(tmp_path, "A;2025-01-07;2025-01-07;\n")
    runner.invoke(app, ["compute", "forskola", str(path), "--year", "2025"])
    ctx = SEEN["ctx"]
    assert isinstance(ctx, MeasureContext)
    assert (str(ctx.period_start), str(ctx.period_end)) == ("2025-01-01", "2025-06-30")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["compute", "okand", "{file}", "--year", "2025"], "Mallen 'okand' finns inte"),
        (["compute", "forskola", "{missing}", "--year", "2025"], "finns inte"),
        (["compute", "forskola", "{nocol}", "--year", "2025"], "Erbjudet placeringsdatum"),
        (["compute", "forskola", "{empty}", "--year", "2025"], "är tom"),
        (["compute", "forskola", "{garbage}", "--year", "2025"], "inte ett Excel"),
        (["compute", "hemtjanst", "{file}", "--year", "2025", "--period-start", "1/10"], "ÅÅÅÅ-MM-DD"),
    ],
)
def test_usage_errors_exit_2_in_swedish(tmp_path: Path, args: list[str], fragment: str) -> None:
    from kkik_xl.measures import ENGINES as engines

    engines.setdefault("hemtjanst", _counting_engine)
    try:
        files = {
            "file": _csv(tmp_path, "A;2025-01-07;2025-01-07;\n"),
            "missing": tmp_path / "nope.csv",
            "nocol": tmp_path / "nocol.csv",
            "empty": tmp_path / "empty.xlsx",
            "garbage": tmp_path / "garbage.xlsx",
        }
        files["nocol"].write_text("Enhet;Önskat placeringsdatum\nA;2025-01-01\n", encoding="utf-8")
        files["empty"].write_bytes(b"")
        files["garbage"].write_bytes(b"this is not a workbook at all")
        if "hemtjanst" in args:
            files["file"].write_text(
                "Brukare;Födelseår;Datum;Starttid;Sluttid;Personal;Personalkategori;Besökstyp;Hemtjänstgrupp\n",
                encoding="utf-8",
            )
        argv = [a.format(**{k: str(v) for k, v in files.items()}) for a in args]
        result = runner.invoke(app, argv)
    finally:
        if engines.get("hemtjanst") is _counting_engine:
            del engines["hemtjanst"]
    assert result.exit_code == 2, result.output
    assert fragment in result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_help_has_example() -> None:
    result = runner.invoke(app, ["compute", "--help"])
    assert result.exit_code == 0
    assert "Exempel" in result.output and "--period-start" in result.output


def test_json_shape_with_the_real_engine_and_table_option(tmp_path: Path) -> None:
    """A CSV of one table of a multi-table template (service: E-post, Telefon), chosen with --table."""
    path = tmp_path / "samtal.csv"
    path.write_text(
        "Samtal;Datum;Besvarat av person;Sekunder till person;Direkt svar;Bemötande\n"
        "1;2025-03-03;Ja;45;Ja;3\n2;2025-03-04;ja;61;Ja;2\n3;2025-03-05;Nej;;nej;\n4;2025-03-05;J;10;J;\n",
        encoding="utf-8",
    )
    args = ["compute", "service", str(path), "--year", "2025", "--table", "Telefon", "--format", "json"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert list(doc) == ["template", "year", "measures", "findings"]
    by_kpi = {m["kpi"]: m for m in doc["measures"]}
    assert list(by_kpi) == ["U00413", "U00414"]  # only the measures of the chosen table
    for m in doc["measures"]:
        assert {"kpi", "value", "numerator", "denominator", "rows_used", "excluded", "extras"} <= set(m)
    phone, treatment = by_kpi["U00413"], by_kpi["U00414"]
    # direct answers: call 1 (45 s) and call 4 (10 s) of 4 calls; call 2 took 61 s, call 3 unanswered
    assert phone["value"] == pytest.approx(100 * 2 / 4)
    assert (phone["numerator"], phone["denominator"], phone["rows_used"]) == (2, 4, 4)
    assert treatment["value"] == pytest.approx(100 * (3 + 2) / (3 * 2))  # full precision, not rounded
    assert doc["findings"] == []
    unreadable = path.read_text(encoding="utf-8").replace("4;2025-03-05;J;10;J;", "4;2025-03-05;J;tio;J;")
    path.write_text(unreadable, encoding="utf-8")
    doc = json.loads(runner.invoke(app, args).stdout)
    phone = next(m for m in doc["measures"] if m["kpi"] == "U00413")
    assert phone["value"] is None and "rad 5" in phone["reason"]  # never a smaller denominator
    [finding] = doc["findings"]
    assert {"sheet", "cell", "code", "severity", "message"} <= set(finding)
    assert (finding["sheet"], finding["cell"], finding["severity"]) == ("samtal.csv", "D5", "error")
