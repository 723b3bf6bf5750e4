"""Quality indicators as data (issue 16): the shipped 2025 list, the coordinator's file, errors."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from frames import context, typed_frame
from openpyxl import load_workbook
from typer.testing import CliRunner

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.catalogue.indicator_files import IndicatorFileError, current, default_for, load, use_file
from kkik_xl.cli import app
from kkik_xl.measures import ENGINES

runner = CliRunner()
GUIDE = Path("/work/shared/reference/kkik-guide-2014.txt")
GUIDE_SABO = {  # every indicator the guide names under Mått 23 and Mått 29
    "Aktiviteter", "Aktiviteter på helger", "Samboende", "Egen tid med personal", "Eftersamtal vid dödsfall",
    "Utevistelse", "Individuell stimulans", "Genomförandeplan och levnadsberättelse", "Val av maträtt",
    "Validerad smärtskattning", "Närvarande vid dödsögonblicket",
}  # fmt: skip
GUIDE_LSS = {
    "Inget hot och våld", "Individuellt anpassade aktiviteter", "Egen internetkoppling", "Egen brevlåda",
    "Genomförandeplan som revideras", "Kontaktperson",
}  # fmt: skip
OWN = """ar = 2025
kalla = "Samordnarens lista"

[[indikator]]
matt = "U23488"
namn = "Utevistelse"
fraga = "Erbjuds de boende utevistelse?"
kalla = "KKiK-guiden, Mått 23"

[[indikator]]
matt = "U23488"
namn = "Egen nyckel"
fraga = "Har de boende egen nyckel?"
kalla = "Nätverkets beslut"

[[indikator]]
matt = "U28423"
namn = "Egen brevlåda"
fraga = "Har de boende egen brevlåda?"
kalla = "KKiK-guiden, Mått 29"
"""


@pytest.fixture(autouse=True)
def _shipped_lists() -> Iterator[None]:
    use_file(None)
    yield
    use_file(None)


def test_the_shipped_list_has_every_indicator_the_guide_names() -> None:
    shipped = default_for(2025)
    assert set(shipped.names("U23488")) == GUIDE_SABO
    assert set(shipped.names("U28423")) == GUIDE_LSS
    assert all(q.kalla.startswith(("Mått 23", "Mått 29")) for q in shipped.indikator)
    assert all(q.kolada is None and not q.kolada_verifierad for q in shipped.indikator)  # none verified
    assert default_for(2031) == shipped and default_for(2019) == shipped  # nearest file


@pytest.mark.skipif(not GUIDE.exists(), reason="the KKiK guide is not on this machine")
def test_every_source_quote_is_in_the_guide() -> None:
    guide = " ".join(GUIDE.read_text(encoding="utf-8").replace("*", "").split())
    for q in default_for(2025).indikator:
        for quote in re.findall(r"”([^”]+)”", q.kalla):
            assert quote in guide, q.namn


def test_the_quality_table_follows_the_list() -> None:
    table = CATALOGUE.template("lss").table("Kvalitet")
    assert table.quality_names(2025) == default_for(2025).names("U28423")
    columns = table.columns_for_year(2025)
    assert columns[-1].help == default_for(2025).of("U28423")[-1].fraga


def _own(tmp_path: Path, text: str = OWN, name: str = "egna.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_an_overridden_list_drives_the_engine(tmp_path: Path) -> None:
    use_file(_own(tmp_path), 2025)
    assert current(2025).names("U23488") == ("Utevistelse", "Egen nyckel")
    rows = [
        {"Enhet": "A", "Antal platser": 30, "Utevistelse": True, "Egen nyckel": True},
        {"Enhet": "B", "Antal platser": 10, "Utevistelse": False, "Egen nyckel": True},
    ]
    frames = {"Kvalitet": typed_frame("sarskilt-boende", "Kvalitet", rows)}
    [_, quality] = ENGINES["sarskilt-boende"](frames, context(2025))
    # Utevistelse: 30 of 40 places = 75 % → 3 points; Egen nyckel: 40 of 40 = 100 % → 5 points.
    # (3 + 5) / (5 × 2 indicators) × 100 = 80
    assert (quality.numerator, quality.denominator) == (3 + 5, 5 * 2)
    assert quality.value == pytest.approx(80.0)
    assert set(quality.extras["aspects"]) == {"Utevistelse", "Egen nyckel"}


def test_the_same_list_as_json(tmp_path: Path) -> None:
    data = {
        "ar": 2025,
        "kalla": "JSON-lista",
        "indikator": [
            {"matt": "U23488", "namn": "Utevistelse", "fraga": "Erbjuds utevistelse?", "kalla": "guiden"},
            {"matt": "U28423", "namn": "Egen brevlåda", "fraga": "Egen brevlåda?", "kalla": "guiden"},
        ],
    }
    path = _own(tmp_path, json.dumps(data, ensure_ascii=False), "egna.json")
    assert load(path).names("U23488") == ("Utevistelse",)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (OWN.replace('namn = "Egen nyckel"\n', ""), "indikator.1.namn: uppgiften saknas"),
        (OWN.replace("Egen nyckel", "Utevistelse"), "indikatorn 'utevistelse' finns två gånger"),
        (OWN.replace('matt = "U28423"', 'matt = "U23488"'), "U28423 har inga indikatorer"),
        (OWN.replace("Egen nyckel", "Antal platser"), "'Antal platser' är redan en kolumn"),
        (OWN.replace('kalla = "Nätverkets beslut"', 'kalla = "xyz"\nfarg = "röd"'), "okänd nyckel"),
        (OWN.replace("Egen nyckel", "Egen [nyckel]"), "namnet får bara ha bokstäver"),
        (OWN.replace("ar = 2025", "ar = 2025 ="), "är inte giltig TOML"),
        (OWN + "kolada_verifierad = true\n", "kräver ett kolada-id"),
        (OWN.replace('"Nätverkets beslut"', '"x"'), "indikator.1.kalla: texten är för kort"),
        (OWN.replace('matt = "U28423"', 'matt = "U99999"'), "indikator.2.matt: ska vara U23488 eller U28423"),
    ],
)
def test_a_bad_file_gets_a_swedish_reason(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(IndicatorFileError, match=re.escape(message)):
        load(_own(tmp_path, text))


def test_a_file_for_another_year_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IndicatorFileError, match="gäller år 2025, inte mätåret 2026"):
        use_file(_own(tmp_path), 2026)


def test_cli_template_and_compute_follow_the_file(tmp_path: Path) -> None:
    own = _own(tmp_path)
    made = runner.invoke(
        app, ["template", "sarskilt-boende", "--out", str(tmp_path), "--indikatorer", str(own)]
    )
    assert made.exit_code == 0, made.output
    sheet = load_workbook(tmp_path / "sarskilt-boende.xlsx")["Kvalitet"]
    assert [c.value for c in sheet[1]][:4] == ["Enhet", "Antal platser", "Utevistelse", "Egen nyckel"]
    csv = tmp_path / "kvalitet.csv"
    csv.write_text("Enhet;Antal platser;Utevistelse;Egen nyckel\nA;30;Ja;Ja\nB;10;Nej;Ja\n", encoding="utf-8")
    args = [
        "compute",
        "sarskilt-boende",
        str(csv),
        "--year",
        "2025",
        "--table",
        "Kvalitet",
        "--format",
        "json",
    ]
    result = runner.invoke(app, [*args, "--indikatorer", str(own)])
    assert result.exit_code == 0, result.output
    quality = next(m for m in json.loads(result.stdout)["measures"] if m["kpi"] == "U23488")
    assert quality["value"] == pytest.approx(80.0)  # (3 + 5) / 10 × 100, as above
    shipped = runner.invoke(app, args)  # without the option: the shipped list, whose columns are missing
    assert shipped.exit_code == 2 and "Kvalitet" in shipped.output


def test_cli_refuses_a_bad_file_with_exit_2(tmp_path: Path) -> None:
    bad = _own(tmp_path, OWN.replace('namn = "Egen nyckel"\n', ""))
    result = runner.invoke(app, ["template", "lss", "--out", str(tmp_path), "--indikatorer", str(bad)])
    assert result.exit_code == 2
    assert "indikator.1.namn: uppgiften saknas" in result.output and "Traceback" not in result.output
    missing = runner.invoke(
        app, ["validate", str(tmp_path / "x.xlsx"), "--indikatorer", str(tmp_path / "nej.toml")]
    )
    assert missing.exit_code == 2 and "kan inte läsas" in missing.output
