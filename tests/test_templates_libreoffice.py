"""Real-client test: every template, filled with example rows, recalculated by headless LibreOffice.

The native preview values LibreOffice computes must equal the Python engines' values for the same rows
(read back from the filled workbook by the reader). Skipped when LibreOffice is missing, unless
``KKIK_REQUIRE_LIBREOFFICE=1`` (set by ``.ci/run``), which turns the skip into a failure.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import openpyxl
import pytest

from kkik_xl.catalogue import CATALOGUE, Template
from kkik_xl.excel.libreoffice import convert, soffice_path
from kkik_xl.excel.preview_formulas import NOT_AVAILABLE, is_native
from kkik_xl.excel.template_builder import DEFAULT_YEAR, write_template
from kkik_xl.excel.template_examples import template_rows
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.excel.template_resultat import HEADER_ROW, RESULT_SHEET
from kkik_xl.measures import MeasureResult

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.libreoffice
_ERRORS = ("#", "Err:")


def _require_libreoffice() -> None:
    if soffice_path() is not None:
        return
    reason = "LibreOffice (soffice) saknas: installera libreoffice-calc-nogui för testerna i riktig klient"
    if os.environ.get("KKIK_REQUIRE_LIBREOFFICE") == "1":
        pytest.fail(f"{reason} (KKIK_REQUIRE_LIBREOFFICE=1 kräver dem).")
    pytest.skip(reason)


SOURCES = ("exempel", "syntetisk")  # examples/<id>/*.csv, and seeded synthetic rows with more edge cases


@dataclass(frozen=True)
class Converted:
    """Filled workbooks (engine input) and LibreOffice recalculated copies, keyed by (source, id)."""

    filled: dict[tuple[str, str], Path]
    recalculated_filled: dict[tuple[str, str], Path]
    recalculated_empty: dict[str, Path]


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Converted:
    _require_libreoffice()
    base = tmp_path_factory.mktemp("lo")
    empty: dict[str, Path] = {}
    filled: dict[tuple[str, str], Path] = {}
    for t in CATALOGUE.templates:
        empty[t.id] = write_template(t.id, DEFAULT_YEAR, base / "tom")
        for source in SOURCES:
            rows = template_rows(t, DEFAULT_YEAR, ROOT / "examples" if source == "exempel" else None)
            out = base / "ifyllda" / f"{source}-{t.id}.xlsx"
            filled[source, t.id] = fill_template(empty[t.id], out, rows, kommun="Gotland")
    ids, keys = list(empty), list(filled)
    batch = convert([empty[i] for i in ids] + [filled[k] for k in keys], "xlsx", base / "lo")  # one run
    out_empty = dict(zip(ids, batch[: len(ids)], strict=True))
    recalculated = dict(zip(keys, batch[len(ids) :], strict=True))
    return Converted(filled, recalculated, out_empty)


def _preview_values(path: Path, template: Template, column: int = 3) -> dict[str, object]:
    ws = openpyxl.load_workbook(path, data_only=True)[RESULT_SHEET]
    out = {}
    for i, m in enumerate(CATALOGUE.measures_of(template.id)):
        row = HEADER_ROW + 2 + i
        assert ws.cell(row, 1).value == m.kpi
        out[m.kpi] = ws.cell(row, column).value
    return out


def _engine_results(filled: Path, template: Template) -> dict[str, MeasureResult]:
    from kkik_xl.excel.reader import read_workbook
    from kkik_xl.measures import ENGINES, MeasureContext

    if template.id not in ENGINES:
        pytest.skip(f"ingen motor för {template.id} på main ännu")
    read = read_workbook(filled, template.id)
    params = {p.name: date.fromisoformat(read.meta.names[f"KKIK_{p.name}"]) for p in template.parameters}
    ctx = MeasureContext.first_half(DEFAULT_YEAR, **params)
    return {r.kpi: r for r in ENGINES[template.id](read.tables, ctx)}


@pytest.mark.parametrize("template_id", [t.id for t in CATALOGUE.templates])
def test_empty_template_recalculates_without_errors(converted: Converted, template_id: str) -> None:
    template = CATALOGUE.template(template_id)
    for kpi, value in _preview_values(converted.recalculated_empty[template_id], template).items():
        assert not str(value).startswith(_ERRORS), f"{kpi}: {value}"
        if is_native(kpi):
            assert value in (NOT_AVAILABLE, 0), f"{kpi}: tom mall ger {value!r}"


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("template_id", [t.id for t in CATALOGUE.templates])
def test_native_previews_equal_engine_values(converted: Converted, template_id: str, source: str) -> None:
    template = CATALOGUE.template(template_id)
    recalculated = converted.recalculated_filled[source, template_id]
    previews = _preview_values(recalculated, template)
    counted = _preview_values(recalculated, template, column=5)
    engine = _engine_results(converted.filled[source, template_id], template)
    checked = 0
    for kpi, preview in previews.items():
        assert not str(preview).startswith(_ERRORS), f"{kpi}: {preview}"
        if not is_native(kpi):
            continue
        assert counted[kpi] == engine[kpi].rows_used, f"{kpi}: rader {counted[kpi]} ≠ {engine[kpi].rows_used}"
        expected = engine[kpi].value
        if expected is None:
            assert preview == NOT_AVAILABLE, f"{kpi}: motorn ger inget värde, förhandsvisningen {preview!r}"
        else:
            assert isinstance(preview, int | float), f"{kpi}: {preview!r}, motorn {expected}"
            assert math.isclose(preview, expected, rel_tol=1e-9, abs_tol=1e-9), (kpi, preview, expected)
        checked += 1
    assert checked == sum(is_native(m.kpi) for m in CATALOGUE.measures_of(template_id))


@pytest.mark.parametrize("source", SOURCES)
def test_filled_examples_count_rows(converted: Converted, source: str) -> None:
    """The example rows make every native measure count something (the comparison is not vacuous)."""
    for template in CATALOGUE.templates:
        path = converted.recalculated_filled[source, template.id]
        ws = openpyxl.load_workbook(path, data_only=True)[RESULT_SHEET]
        for i, m in enumerate(CATALOGUE.measures_of(template.id)):
            counted = ws.cell(HEADER_ROW + 2 + i, 5).value
            if not is_native(m.kpi):
                assert counted == NOT_AVAILABLE, "rows of a UDF measure are counted by Validera"
                continue
            assert isinstance(counted, int | float) and counted > 0, (m.kpi, counted)


def _aspect_block(path: Path, aspects: list[str]) -> dict[str, tuple[object, object]]:
    """Share (column C) and points (column D) of each aspect row of the Underlag block on Resultat."""
    ws = openpyxl.load_workbook(path, data_only=True)[RESULT_SHEET]
    rows = {ws.cell(r, 2).value: r for r in range(HEADER_ROW + 2, ws.max_row + 1)}
    return {a: (ws.cell(rows[a], 3).value, ws.cell(rows[a], 4).value) for a in aspects}


@pytest.mark.parametrize("source", SOURCES)
@pytest.mark.parametrize("template_id", ["sarskilt-boende", "lss"])
def test_quality_aspect_block_equals_engine(converted: Converted, template_id: str, source: str) -> None:
    """The per-aspect shares and points under Resultat are native previews too."""
    template = CATALOGUE.template(template_id)
    [kpi] = [m.kpi for m in CATALOGUE.measures_of(template_id) if m.table == "Kvalitet"]
    result = _engine_results(converted.filled[source, template_id], template)[kpi]
    engine_aspects = result.extras["aspects"]
    asked = list(template.table("Kvalitet").quality_names(DEFAULT_YEAR))
    assert list(engine_aspects) == asked
    block = _aspect_block(converted.recalculated_filled[source, template_id], list(engine_aspects))
    for name, expected in engine_aspects.items():
        share, points = block[name]
        assert isinstance(share, float | int), (name, share)
        assert math.isclose(100 * share, expected["share"], abs_tol=1e-9), (name, share, expected)
        assert points == expected["points"], (name, points, expected)


def test_kommunkod_is_derived_from_the_chosen_municipality(converted: Converted) -> None:
    """Uppgifter!B5 looks the SCB code up from the dropdown (Gotland → 0980) after recalculation."""
    for template in CATALOGUE.templates:
        ws = openpyxl.load_workbook(converted.recalculated_filled["exempel", template.id], data_only=True)
        assert (ws["Uppgifter"]["B4"].value, ws["Uppgifter"]["B5"].value) == ("Gotland", "0980"), template.id
