"""``kkik-xl compare`` and ``kkik-xl synthetic`` end to end on the synthetic dataset."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.cli import app

runner = CliRunner()


@pytest.fixture(scope="module")
def national_csv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("nat")
    result = runner.invoke(app, ["synthetic", "--out", str(out), "--year", "2025"])
    assert result.exit_code == 0, result.output
    path = out / "syntetisk_nationell_2023-2025.csv"
    assert path.is_file()
    return path


def test_compare_json_for_one_municipality(national_csv: Path) -> None:
    result = runner.invoke(app, ["compare", str(national_csv), "--year", "2025", "--municipality", "1440"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["municipality"] == "1440" and doc["year"] == 2025 and doc["synthetic"] is True
    assert len(doc["measures"]) == len(CATALOGUE.measures)
    shares = doc["summary"]
    assert abs(shares["grön"] + shares["gul"] + shares["röd"] - 1) < 0.01


def test_own_merged_values_win_over_national(national_csv: Path, tmp_path: Path) -> None:
    own = tmp_path / "egna.csv"
    own.write_text("kpi;kommunkod;år;kön;värde\nU00412;1440;2025;T;100,0\n", "utf-8")
    args = ["compare", str(own), str(national_csv), "--year", "2025", "--municipality", "1440"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    first = json.loads(result.stdout)["measures"][0]
    assert (first["value"], first["colour"], first["rank"]) == (100.0, "grön", 1)


def test_compare_html_and_xlsx_are_written(national_csv: Path, tmp_path: Path) -> None:
    html_path, xlsx_path = tmp_path / "r.html", tmp_path / "r.xlsx"
    base = ["compare", str(national_csv), "--year", "2025", "--municipality", "1440"]
    assert runner.invoke(app, [*base, "--format", "html", "--out", str(html_path)]).exit_code == 0
    assert runner.invoke(app, [*base, "--format", "xlsx", "--out", str(xlsx_path)]).exit_code == 0
    html = html_path.read_text("utf-8")
    assert "SYNTETISKA DATA" in html and "<svg" in html and "Ale (1440)" in html
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    with zipfile.ZipFile(xlsx_path) as z:
        names = z.namelist()
    # Översikt chart + two charts (three years, distribution) per measure; overview, areas, chart data.
    assert sum(n.startswith("xl/charts/chart") for n in names) == 1 + 2 * len(CATALOGUE.measures)
    areas = {m.area for m in CATALOGUE.measures}  # 8 since N00938 is the residents' sjukpenningtal
    assert sum(n.startswith("xl/worksheets/sheet") for n in names) == 1 + len(areas) + 1


def test_unknown_municipality_and_missing_file_exit_2(national_csv: Path) -> None:
    bad_code = runner.invoke(app, ["compare", str(national_csv), "--year", "2025", "--municipality", "9999"])
    assert bad_code.exit_code == 2 and "9999" in bad_code.output
    missing = runner.invoke(app, ["compare", "finns_inte.csv", "--year", "2025"])
    assert missing.exit_code == 2 and "finns inte" in missing.output


def test_html_without_municipality_is_a_usage_error(national_csv: Path) -> None:
    result = runner.invoke(app, ["compare", str(national_csv), "--year", "2025", "--format", "html"])
    assert result.exit_code == 2 and "--municipality" in result.output


def test_compare_kolada_json_notes_set_aside_rows(tmp_path: Path) -> None:
    entry = [
        {"kpi": "U11402", "municipality": code, "period": 2025, "values": [{"gender": "T", "value": v}]}
        for code, v in (("0114", 10.0), ("0115", 20.0), ("0117", 30.0), ("0120", 40.0), ("0000", 25.0))
    ]
    entry.append(
        {
            "kpi": "U11402",
            "municipality": "0123",
            "period": 2025,
            "values": [{"gender": "T", "value": None, "status": "Missing"}],
        }
    )
    path = tmp_path / "kolada.json"
    path.write_text(json.dumps({"values": entry}), "utf-8")
    result = runner.invoke(app, ["compare", str(path), "--year", "2025", "--municipality", "0114"])
    assert result.exit_code == 0, result.output
    measure = next(m for m in json.loads(result.stdout)["measures"] if m["kpi"] == "U11402")
    # Lower waiting time is better; riket (0000) and the null value are not among the four.
    assert (measure["colour"], measure["rank"], measure["n"], measure["mean"]) == ("grön", 1, 4, 25.0)
    assert "riket" in result.stderr and "saknar värde" in result.stderr


def test_quartile_rule_option(tmp_path: Path) -> None:
    path = tmp_path / "tre.csv"
    rows = [f"U00412;{code};2025;T;{v}" for code, v in (("0114", "90"), ("0115", "80"), ("0117", "70"))]
    path.write_text("\n".join(["kpi;kommunkod;år;kön;värde", *rows]) + "\n", "utf-8")

    def colours(*extra: str) -> list[str]:
        args = ["compare", str(path), "--year", "2025", *extra]
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
        docs = json.loads(result.stdout)["municipalities"]
        return [next(m["colour"] for m in d["measures"] if m["kpi"] == "U00412") for d in docs]

    assert colours() == ["grön", "gul", "röd"]  # ceil(3/4) = 1
    assert colours("--quartile-rule", "floor") == ["gul", "gul", "gul"]  # floor(3/4) = 0
    assert colours("--quartile-rule", "round") == ["grön", "gul", "röd"]  # round(0.75) = 1
    bad = runner.invoke(app, ["compare", str(path), "--year", "2025", "--quartile-rule", "median"])
    assert bad.exit_code == 2


@pytest.mark.parametrize(
    ("kpi", "best"),
    [
        ("U21468", "0120"),  # brukarbedömning hemtjänst: a higher share of satisfied users is better
        ("U23471", "0120"),  # brukarbedömning särskilt boende: higher is better
        ("N00938", "0114"),  # sjukpenningtal: fewer sickness-benefit days per insured is better
    ],
)
def test_compare_colours_the_added_kolada_measures_by_direction(tmp_path: Path, kpi: str, best: str) -> None:
    values = (("0114", 10.0), ("0115", 20.0), ("0117", 30.0), ("0120", 40.0))
    entry = [
        {"kpi": kpi, "municipality": code, "period": 2025, "values": [{"gender": "T", "value": v}]}
        for code, v in values
    ]
    path = tmp_path / "kolada.json"
    path.write_text(json.dumps({"values": entry}), "utf-8")
    worst = "0114" if best == "0120" else "0120"
    colours = {}
    for code in (best, worst):
        result = runner.invoke(app, ["compare", str(path), "--year", "2025", "--municipality", code])
        assert result.exit_code == 0, result.output
        colours[code] = next(m for m in json.loads(result.stdout)["measures"] if m["kpi"] == kpi)
    # four municipalities, cut = ceil(4/4) = 1: the best one is green and ranked 1, the worst red, rank 4
    assert (colours[best]["colour"], colours[best]["rank"]) == ("grön", 1)
    assert (colours[worst]["colour"], colours[worst]["rank"]) == ("röd", 4)
    html = tmp_path / "r.html"
    args = [
        "compare",
        str(path),
        "--year",
        "2025",
        "--municipality",
        best,
        "--format",
        "html",
        "--out",
        str(html),
    ]
    assert runner.invoke(app, args).exit_code == 0
    assert CATALOGUE.measure(kpi).short_title in html.read_text("utf-8")
