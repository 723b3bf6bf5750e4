"""Template checks: version, year, origin, structure (fingerprint), missing sheets and renamed columns.

Each deviation is a finding with its place, never an exception.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from rule_helpers import places
from xlsx_builders import template_workbook

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.result import ReadError
from kkik_xl.excel.template_builder import DEFAULT_YEAR, write_template
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.findings import Severity
from kkik_xl.rules import fingerprint_check, validate_workbook

ROWS = [
    {
        "Enhet": "Solen",
        "Önskat placeringsdatum": date(2025, 2, m),
        "Erbjudet placeringsdatum": date(2025, 2, m),
    }
    for m in range(3, 10)
]


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("mall")
    blank = write_template("forskola", 2025, folder / "tom")
    return fill_template(blank, folder / "forskola.xlsx", {"Placeringar": ROWS}, kommun="Ale")


def _copy(filled: Path, tmp_path: Path, edit: object = None) -> Path:
    path = tmp_path / "forskola.xlsx"
    shutil.copy(filled, path)
    if callable(edit):
        wb = openpyxl.load_workbook(path)
        edit(wb)
        wb.save(path)
    return path


def _template_findings(path: Path, **kwargs: object) -> list[tuple[str | None, str | None, str]]:
    report = validate_workbook(path, **kwargs)  # type: ignore[arg-type]
    # A blank template names no municipality yet (KKIK-MA-020: tests/test_submit_refusals.py).
    found = (f for f in report.findings if f.code.startswith(("KKIK-MA-", "KKIK-LS-")))
    return places(f for f in found if f.code != "KKIK-MA-020")


def test_a_filled_template_has_no_template_findings(filled: Path, tmp_path: Path) -> None:
    assert _template_findings(_copy(filled, tmp_path)) == []


@pytest.mark.parametrize(
    ("version", "advice"),
    [
        ("0.9", "Flytta över uppgifterna till den senaste mallen (kkik-xl template)."),
        ("", "Flytta över uppgifterna till den senaste mallen (kkik-xl template)."),
        ("9.0", "Uppdatera kkik-xl."),
    ],
)
def test_outdated_or_unknown_template_version(
    filled: Path, tmp_path: Path, version: str, advice: str
) -> None:
    path = _copy(filled, tmp_path, lambda wb: wb["_meta"].__setitem__("B2", version or None))
    report = validate_workbook(path)
    found = [f for f in report.findings if f.code == "KKIK-MA-001"]
    assert places(found) == [("_meta", "B2", "KKIK-MA-001")]
    assert found[0].severity is Severity.WARNING
    current = CATALOGUE.template("forskola").version
    shown = version or "(saknas)"
    assert found[0].message == (
        f"Filen är gjord med version {shown} av mallen forskola, men gällande version är {current}. {advice}"
    )


def test_a_changed_structure_is_reported_by_the_fingerprint(filled: Path, tmp_path: Path) -> None:
    def rename_sheet(wb: openpyxl.Workbook) -> None:
        wb["Instruktioner"].title = "Min instruktion"

    assert _template_findings(_copy(filled, tmp_path, rename_sheet)) == [(None, None, "KKIK-MA-002")]


def test_a_missing_input_sheet_is_an_error_not_a_crash(filled: Path, tmp_path: Path) -> None:
    def drop_sheet(wb: openpyxl.Workbook) -> None:
        del wb["Placeringar"]

    report = validate_workbook(_copy(filled, tmp_path, drop_sheet))
    assert places(f for f in report.findings if f.code.startswith(("KKIK-MA-", "KKIK-LS-"))) == [
        (None, None, "KKIK-MA-002"),  # the whole workbook first
        ("Placeringar", None, "KKIK-LS-009"),
    ]
    assert report.has_errors
    assert all(r.value is None for r in report.results)


def _rename_header(new: str) -> object:
    def edit(wb: openpyxl.Workbook) -> None:
        ws = wb["Placeringar"]
        ws["B1"] = new
        ws.tables["Placeringar"].tableColumns[1].name = new

    return edit


def test_a_header_with_other_case_and_spaces_is_read_with_a_warning(filled: Path, tmp_path: Path) -> None:
    path = _copy(filled, tmp_path, _rename_header("önskat  placeringsdatum "))
    report = validate_workbook(path)
    assert _template_findings(path) == [(None, None, "KKIK-MA-002"), ("Placeringar", "B1", "KKIK-LS-006")]
    assert next(r for r in report.results if r.kpi == "U11401").rows_used == len(ROWS)


def test_a_renamed_column_is_missing_plus_unknown(filled: Path, tmp_path: Path) -> None:
    path = _copy(filled, tmp_path, _rename_header("Önskad dag"))
    report = validate_workbook(path)
    assert _template_findings(path) == [
        (None, None, "KKIK-MA-002"),
        ("Placeringar", "B1", "KKIK-LS-007"),
        ("Placeringar", None, "KKIK-LS-004"),
    ]
    # One finding for the column, not one per row.
    assert not [f for f in report.findings if f.code == "KKIK-VA-001"]
    assert next(r for r in report.results if r.kpi == "U11401").value is None


def test_a_missing_header_without_meta(tmp_path: Path) -> None:
    rows = [["Solen", date(2025, 2, 3), None]]
    path = template_workbook(
        tmp_path / "egen.xlsx",
        "forskola",
        {"Placeringar": rows},
        headers={"Placeringar": ["Enhet", "Önskat placeringsdatum", "Kommentar"]},
        meta=False,
    )
    assert _template_findings(path, template_id="forskola", year=2025) == [
        ("Placeringar", None, "KKIK-LS-004"),
        ("Uppgifter", None, "KKIK-MA-022"),  # no year: it could not be submitted
        ("_meta", None, "KKIK-MA-003"),
    ]


def test_a_template_of_another_year_is_one_usage_error(filled: Path, tmp_path: Path) -> None:
    path = _copy(filled, tmp_path, lambda wb: wb["_meta"].__setitem__("B4", "2024"))
    with pytest.raises(ReadError) as err:
        validate_workbook(path, year=2025)
    assert err.value.reason == (
        "Mallen är gjord för 2024, men filen kontrolleras för 2025. Ange --year 2024, eller hämta mallen "
        "för 2025 (kkik-xl template forskola --year 2025) och flytta över uppgifterna."
    )


def test_quality_columns_of_the_year_missing_in_an_old_template(tmp_path: Path) -> None:
    """A workbook laid out for the shipped indicator list, validated with the coordinator's list."""
    from kkik_xl.catalogue.indicator_files import current, use_file

    units = [["Eken", 20, *["Ja"] * len(current(2025).names("U23488"))]]
    path = template_workbook(tmp_path / "sabo.xlsx", "sarskilt-boende", {"Kvalitet": units}, meta=False)
    own = tmp_path / "egna.toml"
    own.write_text(
        'ar = 2025\nkalla = "Samordnarens lista"\n\n[[indikator]]\nmatt = "U23488"\nnamn = "Utevistelse"\n'
        'fraga = "Erbjuds utevistelse?"\nkalla = "KKiK-guiden, Mått 23"\n\n[[indikator]]\nmatt = "U23488"\n'
        'namn = "Egen nyckel"\nfraga = "Har de boende egen nyckel?"\nkalla = "Nätverket"\n\n[[indikator]]\n'
        'matt = "U28423"\nnamn = "Egen brevlåda"\nfraga = "Egen brevlåda?"\nkalla = "KKiK-guiden, Mått 29"\n',
        encoding="utf-8",
    )
    use_file(own, 2025)
    try:
        report = validate_workbook(path, "sarskilt-boende", year=2025)
    finally:
        use_file(None)
    quality = [f for f in report.findings if f.code == "KKIK-MA-004"]
    assert places(quality) == [("Kvalitet", None, "KKIK-MA-004")]
    assert quality[0].measure == "U23488"
    assert quality[0].message == (
        "Tabellen Kvalitet saknar kvalitetsaspekterna Egen nyckel, som gäller för 2025. "
        "Mallen är troligen för ett annat år: hämta mallen för 2025."
    )


def test_an_unknown_template_in_meta_is_read_by_its_sheets(filled: Path, tmp_path: Path) -> None:
    path = _copy(filled, tmp_path, lambda wb: wb["_meta"].__setitem__("B1", "forskola-v9"))
    report = validate_workbook(path)
    assert report.template == "forskola"
    found = [f for f in report.findings if f.code.startswith("KKIK-MA-")]
    assert places(found) == [("_meta", "B1", "KKIK-MA-007")]
    assert found[0].severity is Severity.WARNING
    assert found[0].message == (
        "Bladet _meta anger mallen forskola-v9, men filen har kontrollerats som mallen forskola (den finns "
        "inte i den här versionen av kkik-xl, så mallen valdes efter bladnamnen). Kontrollera att det är "
        "rätt fil, eller hämta mallen på nytt (kkik-xl template forskola)."
    )
    assert next(r for r in report.results if r.kpi == "U11401").rows_used == len(ROWS)


def test_another_template_than_the_file_says_is_one_usage_error(filled: Path, tmp_path: Path) -> None:
    with pytest.raises(ReadError) as err:
        validate_workbook(_copy(filled, tmp_path), "hemtjanst", params={"period_start": "2025-10-01"})
    assert err.value.reason.startswith("Filen är mallen forskola (")
    assert "enligt bladet _meta, inte hemtjanst." in err.value.reason


def test_an_unknown_template_without_known_sheets_cannot_be_read(tmp_path: Path) -> None:
    path = template_workbook(tmp_path / "okand.xlsx", "forskola", {})
    wb = openpyxl.load_workbook(path)
    wb["_meta"]["B1"] = "fritids"
    wb.save(path)
    with pytest.raises(ReadError, match=r"Bladet _meta anger mallen 'fritids', som inte finns\."):
        validate_workbook(path)


def test_the_fingerprint_is_skipped_with_a_reason_for_huge_or_unopenable_files(
    filled: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _copy(filled, tmp_path)
    monkeypatch.setattr(fingerprint_check, "MAX_BYTES", 1024)
    found = [f for f in validate_workbook(path).findings if f.code == "KKIK-MA-006"]
    assert [(f.sheet, f.severity, f.message) for f in found] == [
        (
            None,
            Severity.INFO,
            "Mallens struktur (fingeravtrycket) kontrollerades inte: filen är större än 0 MB.",
        )
    ]
    monkeypatch.setattr(fingerprint_check, "MAX_BYTES", 25 << 20)

    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("styles")

    monkeypatch.setattr(openpyxl, "load_workbook", broken)
    found = [f for f in validate_workbook(path).findings if f.code.startswith("KKIK-MA-")]
    assert [(f.code, f.message) for f in found] == [
        (
            "KKIK-MA-006",
            "Mallens struktur (fingeravtrycket) kontrollerades inte: filen kunde inte öppnas för kontrollen "
            "(KeyError).",
        )
    ]


def test_a_template_made_before_the_validation_normalisation_is_still_recognised(tmp_path: Path) -> None:
    """Workbooks filled in from earlier templates carry the literal fingerprint in ``_meta``."""
    import io

    from kkik_xl.excel import template_builder
    from kkik_xl.excel.fingerprint import fingerprint

    draft = template_builder.build_template("forskola", DEFAULT_YEAR)
    literal = fingerprint(openpyxl.load_workbook(io.BytesIO(draft)), literal=True)
    old = template_builder._build(CATALOGUE.template("forskola"), DEFAULT_YEAR, literal)
    path = tmp_path / "forskola_tidigare_mall.xlsx"
    path.write_bytes(old)
    assert openpyxl.load_workbook(path)["_meta"]["B5"].value == literal
    assert _template_findings(path) == []
    wrong = template_builder._build(CATALOGUE.template("forskola"), DEFAULT_YEAR, "0" * 64)
    path.write_bytes(wrong)
    assert _template_findings(path) == [(None, None, "KKIK-MA-002")]
