"""Comparison reports: self-contained HTML, workbook structure, and both checked in real renderers.

Chromium prints the HTML and LibreOffice the workbook to PDF; the text (pdftotext) and the pixels
(pdftoppm) of the result show what a coordinator sees: titles, the three years, trends, the charts
and the colours.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from renderers import chromium_pdf, count_near, libreoffice_pdf, pdf_pages, pdf_pixels, pdf_text

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.compare import Comparison, national
from kkik_xl.coordinator.histogram import BAR_HEX
from kkik_xl.coordinator.presentation import HEX, LIGHT_HEX
from kkik_xl.coordinator.report_html import render_html
from kkik_xl.coordinator.report_xlsx import write_xlsx
from kkik_xl.coordinator.synthetic import synthetic_values
from kkik_xl.coordinator.xlsx_charts import DATA_SHEET

ALE, YEAR = "1440", 2025
EMPTY_KPI = "U00413"  # no municipality has a value
OWN_MISSING = "U00414"  # Ale has no value in the comparison year
NO_TREND = "U11401"  # Ale has no value two years before
AREAS = list(dict.fromkeys(m.area for m in CATALOGUE.measures))


@pytest.fixture(scope="module")
def full() -> Comparison:
    return national(synthetic_values(YEAR, seed=2026), YEAR, synthetic=True).compare(ALE)


@pytest.fixture(scope="module")
def sparse() -> Comparison:
    values = synthetic_values(YEAR, seed=2026).filter(
        (pl.col("kpi") != EMPTY_KPI)
        & ~((pl.col("kpi") == OWN_MISSING) & (pl.col("kommunkod") == ALE) & (pl.col("år") == YEAR))
        & ~((pl.col("kpi") == NO_TREND) & (pl.col("kommunkod") == ALE) & (pl.col("år") == YEAR - 2))
    )
    return national(values, YEAR).compare(ALE)


def test_html_is_self_contained(full: Comparison) -> None:
    html = render_html(full, ["1 rader med koder som inte är kommuner (t.ex. riket) används inte."])
    outside = html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    for needle in ("http://", "https://", "//cdn", "<script", "<link", "<img", "<iframe", "@import", "url("):
        assert needle not in outside, f"{needle} in the HTML: the report must work without network"
    assert re.search(r"\ssrc=", outside) is None
    assert html.count("<style>") == 1 and "riket" in html


def test_html_has_three_years_trend_mean_and_a_marked_chart_per_measure(full: Comparison) -> None:
    html = render_html(full)
    assert html.count(f'<th class="num">{YEAR - 2}</th>') == len(AREAS)
    assert all(f"<h2>{a}</h2>" in html for a in AREAS)
    assert html.count("KKiK-medel</th>") == len(AREAS)
    with_value = [mc for mc in full.measures if mc.value is not None]
    charts = re.findall(r"<svg[^>]*role=\"img\"><title>Fördelning.*?</svg>", html)
    assert len(charts) == len(full.measures)
    assert sum('stroke="#111827" stroke-width="2"' in c for c in charts) == len(with_value)
    assert sum("stroke-dasharray" in c for c in charts) == len(full.measures)  # the mean
    arrows = {"positiv": "▲", "negativ": "▼", "oförändrad": "▶"}
    for mc in full.measures:
        if mc.trend:
            assert f"{arrows[mc.trend]} {mc.trend}" in html
    assert full.sentence() in html and "SYNTETISKA DATA" in html


def test_reports_show_a_kpi_without_values_and_missing_own_values(sparse: Comparison, tmp_path: Path) -> None:
    by_kpi = {mc.kpi: mc for mc in sparse.measures}
    assert (by_kpi[EMPTY_KPI].n, by_kpi[EMPTY_KPI].colour, by_kpi[EMPTY_KPI].mean) == (0, "grå", None)
    assert by_kpi[OWN_MISSING].colour == "grå" and by_kpi[OWN_MISSING].n > 0
    assert by_kpi[NO_TREND].trend is None and by_kpi[NO_TREND].value is not None
    html = render_html(sparse)
    assert "inga värden" in html and "SYNTETISKA" not in html
    assert "2 mått saknar värde (grå)" in html
    path = write_xlsx(sparse, tmp_path / "gles.xlsx")
    ws = openpyxl.load_workbook(path)["Service och bemötande"]
    colours = {ws.cell(r, 2).value: ws.cell(r, 10).value for r in range(6, 11)}
    assert colours[EMPTY_KPI] == colours[OWN_MISSING] == "grå"


def test_workbook_has_a_sheet_per_area_conditional_colours_and_native_charts(
    full: Comparison, tmp_path: Path
) -> None:
    path = write_xlsx(full, tmp_path / "r.xlsx")
    wb = openpyxl.load_workbook(path)
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible == ["Översikt", *AREAS] and wb[DATA_SHEET].sheet_state == "hidden"
    for area in AREAS:
        ws = wb[area]
        rules = {
            rule.formula[0]: rng.sqref
            for rng in ws.conditional_formatting
            for rule in rng.rules
            if rule.type == "cellIs"
        }
        assert set(rules) == {'"grön"', '"gul"', '"röd"', '"grå"'}, area
        n = sum(m.area == area for m in CATALOGUE.measures)
        assert {str(r) for r in rules.values()} == {f"J6:J{5 + n}" if n > 1 else "J6"}
        assert ws.cell(5, 5).value == str(YEAR - 2) and ws.cell(5, 7).value == str(YEAR)
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert not [n for n in z.namelist() if n.startswith("xl/media/")], "charts, not pictures"
    assert len(charts) == 1 + 2 * len(full.measures)
    assert all("<c:f>" in c for c in charts), "every chart reads its data from cells"


def test_html_in_headless_chromium(full: Comparison, tmp_path: Path) -> None:
    html = tmp_path / "rapport.html"
    html.write_text(render_html(full), encoding="utf-8")
    pdf = chromium_pdf(html, tmp_path / "rapport.pdf")
    text = pdf_text(pdf)
    for expected in ("SYNTETISKA DATA", "KKiK 2025 – Ale (1440)", full.sentence(), *AREAS):
        assert expected in text, expected
    assert re.search(r"2023\s+2024\s+2025\s+Trend\s+KKiK-medel\s+Färg", text)
    assert "▲ positiv" in text and "▼ negativ" in text
    first = pdf_pixels(pdf, 1)
    for colour in ("grön", "gul", "röd"):  # the share bar and the colour pills are printed in colour
        assert count_near(first, HEX[colour]) > 50, colour
    for colour in ("grön", "gul", "röd"):  # histogram bars: the SVG charts are drawn
        assert count_near(first, BAR_HEX[colour], tolerance=6) > 30, colour


def test_workbook_in_libreoffice(full: Comparison, tmp_path: Path) -> None:
    pdf = libreoffice_pdf(write_xlsx(full, tmp_path / "rapport.xlsx"), tmp_path / "pdf")
    assert pdf_pages(pdf) >= 1 + len(AREAS)
    overview = pdf_text(pdf, 1)
    assert "KKiK 2025 – Ale (1440)" in overview and "Antal mått per färg och område" in overview
    area = pdf_text(pdf, 2)
    assert "Service och bemötande – Ale (1440) 2025" in area
    assert "Alla kommuner 2025: E-post inom 2 dagar" in area, "the distribution chart is drawn"
    pixels = pdf_pixels(pdf, 2)
    shown = {mc.colour for mc in full.measures if CATALOGUE.measure(mc.kpi).area == AREAS[0]}
    for colour in shown:  # the conditional fill of the colour column, as LibreOffice draws it
        assert count_near(pixels, LIGHT_HEX[colour], tolerance=6) > 10, colour
