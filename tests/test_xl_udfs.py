"""Every KKIK_ worksheet function, called with what Excel really passes, agrees with the engine."""

from __future__ import annotations

import io
import math
import re
from datetime import date, datetime, time
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest
from xlwings.conversion import AdjustDimensionsStage
from xlwings_windows import real_udf_decorators

from kkik_xl.catalogue import CATALOGUE, Column, ColumnType, Measure, Template
from kkik_xl.excel.convert import POLARS_DTYPES
from kkik_xl.excel.example_rows import example_rows
from kkik_xl.measures import ENGINES, MeasureContext
from kkik_xl.xl import udfs
from kkik_xl.xl.measure_call import is_quality, signature
from kkik_xl.xl.udfs import ALL_FUNCTIONS

YEAR = 2025
SELF_COLLECTED = [m for m in CATALOGUE.measures if m.self_collected]
EPOCH = datetime(1899, 12, 30)


def _serial(d: date | datetime) -> float:
    moment = d if isinstance(d, datetime) else datetime.combine(d, time())
    return (moment - EPOCH).total_seconds() / 86_400


def excel_shaped(column: Column, value: Any, i: int) -> Any:
    """The value as Excel would pass it; the row number varies the shape (cell, serial, text)."""
    if value is None:
        return None
    t, variant = column.type, i % 3
    if t is ColumnType.DATE:
        return [datetime.combine(value, time()), _serial(value), value.isoformat()][variant]
    if t is ColumnType.DATETIME:
        return [value, _serial(value), value.strftime("%Y-%m-%d %H:%M")][variant]
    if t is ColumnType.TIME:
        fraction = (value.hour * 60 + value.minute) / 1440
        return [datetime.combine(EPOCH.date(), value), fraction, value.strftime("%H:%M")][variant]
    if t is ColumnType.INT:
        return [float(value), str(value), float(value)][variant]
    if t is ColumnType.DECIMAL:
        return [float(value), str(value).replace(".", ","), float(value)][variant]
    if t is ColumnType.JANEJ:
        return [value, value == "Ja", value.upper()][variant]
    return value


def typed_frame(columns: tuple[Column, ...], rows: list[dict[str, object]]) -> pl.DataFrame:
    data = {
        c.name: pl.Series(c.name, [r[c.name] for r in rows], dtype=POLARS_DTYPES[c.type]) for c in columns
    }
    frame = pl.DataFrame(data)
    return frame.with_columns(
        pl.int_range(2, frame.height + 2, dtype=pl.Int64).alias("_row"), pl.lit(False).alias("_invalid")
    )


def _janej_typed(rows: list[dict[str, object]], columns: tuple[Column, ...]) -> list[dict[str, object]]:
    names = {c.name for c in columns if c.type is ColumnType.JANEJ}
    return [{k: (v == "Ja" if k in names and v is not None else v) for k, v in r.items()} for r in rows]


def case(measure: Measure) -> tuple[Template, list[dict[str, object]], list[Any]]:
    """Example rows for the measure's table and the UDF arguments built from them."""
    template = CATALOGUE.template(measure.template or "")
    table = template.table(measure.table or "")
    rows = example_rows(template, table, YEAR, n=40)
    columns = table.columns_for_year(YEAR)
    trailing = [None] * 6  # a whole Table column passes its empty rows too
    args: list[Any] = []
    for header in measure.inputs:
        col = table.column(header)
        args.append([excel_shaped(col, r[header], i) for i, r in enumerate(rows)] + trailing)
    if is_quality(measure):
        aspects = columns[len(table.columns) :]
        block = [[excel_shaped(a, r[a.name], i) for a in aspects] for i, r in enumerate(rows)]
        args.append(block + [[None] * len(aspects)] * 6)
    args.append(float(YEAR))
    args += [None for _ in template.parameters]  # blank parameter cells: catalogue defaults
    return template, rows, args


def engine_value(measure: Measure, template: Template, rows: list[dict[str, object]]) -> float | str:
    tables = {}
    for table in template.tables:
        columns = table.columns_for_year(YEAR)
        these = rows if table.name == measure.table else []
        tables[table.name] = typed_frame(columns, _janej_typed(these, columns))
    params = {
        p.name: date.fromisoformat(p.default.format(year=YEAR)) for p in template.parameters if p.default
    }
    results = ENGINES[template.id](tables, MeasureContext.first_half(YEAR, **params))
    result = next(r for r in results if r.kpi == measure.kpi)
    return result.value if result.value is not None else f"Inget värde: {(result.reason or '').rstrip('.')}."


def test_one_function_per_self_collected_measure() -> None:
    expected = {f"KKIK_{m.kpi}" for m in SELF_COLLECTED}
    assert expected <= set(ALL_FUNCTIONS)
    assert set(ALL_FUNCTIONS) - expected == {
        "KKIK_NASTA_VARDAG",
        "KKIK_ARBETSDAGAR",
        "KKIK_HELGDAG",
        "KKIK_PERSONNUMMER",
        "KKIK_FARG",
    }
    for name in expected:
        assert getattr(udfs, name) is ALL_FUNCTIONS[name]


@pytest.mark.parametrize("measure", SELF_COLLECTED, ids=lambda m: m.kpi)
def test_measure_function_equals_engine(measure: Measure) -> None:
    template, rows, args = case(measure)
    got = ALL_FUNCTIONS[f"KKIK_{measure.kpi}"](*args)
    if template.id not in ENGINES:
        assert got == f"Beräkningen för {measure.kpi} är inte tillgänglig i denna version."
        return
    want = engine_value(measure, template, rows)
    if isinstance(want, float):
        assert isinstance(got, float) and math.isclose(got, want, rel_tol=1e-12), (got, want)
    else:
        assert got == want


@pytest.mark.parametrize("measure", SELF_COLLECTED, ids=lambda m: m.kpi)
def test_bad_cell_gives_swedish_sentence_with_row(measure: Measure) -> None:
    _, _, args = case(measure)
    table = CATALOGUE.template(measure.template or "").table(measure.table or "")
    col = table.column(measure.inputs[0])
    bad = {ColumnType.TEXT: None}.get(col.type, "inte ett värde")
    if bad is None:
        pytest.skip("text columns accept any text")
    args[0][4] = bad
    got = ALL_FUNCTIONS[f"KKIK_{measure.kpi}"](*args)
    assert isinstance(got, str) and got.startswith(
        f"Fel i rad 6, kolumn {col.name}: Hittade 'inte ett värde'"
    )


def test_wrong_argument_count_and_bad_year_are_sentences() -> None:
    f = ALL_FUNCTIONS["KKIK_U11401"]
    assert (
        f([None], [None], "tjugo")
        == "Året kan inte läsas: Hittade 'tjugo', som inte är ett tal (skriv till exempel 1234,5)."
    )
    assert f([None], [None], 1850.0) == "Året 1850 ligger utanför 1990–2100."
    assert f([None], 2025.0) == "KKIK_U11401 ska ha 3 argument, fick 2."


def test_columns_of_different_length_are_refused() -> None:
    got = ALL_FUNCTIONS["KKIK_U11401"]([45000.0, 45001.0], [45002.0], 2025.0)
    assert got == "Kolumnerna har olika antal rader (1 och 2); använd hela tabellkolumner."


def test_quality_block_of_wrong_width_is_refused() -> None:
    m = next(m for m in SELF_COLLECTED if is_quality(m))
    got = ALL_FUNCTIONS[f"KKIK_{m.kpi}"]([10.0], [["Ja", "Nej"]], 2025.0)
    assert isinstance(got, str) and got.startswith("Kvalitetsblocket ska ha ")


def test_calendar_helpers_accept_excel_shapes() -> None:
    christmas_eve = date(2025, 12, 24)
    for shape in (datetime(2025, 12, 24), _serial(christmas_eve), "2025-12-24"):
        assert udfs.KKIK_NASTA_VARDAG(shape) == date(2025, 12, 29)
        assert udfs.KKIK_HELGDAG(shape) == "Julafton"
    assert udfs.KKIK_HELGDAG(datetime(2025, 12, 23)) == ""
    assert udfs.KKIK_ARBETSDAGAR(datetime(2025, 12, 23), "2025-12-29") == 1
    assert udfs.KKIK_ARBETSDAGAR(_serial(date(2025, 3, 3)), 45723.0) == 4  # 45723 = 2025-03-07
    assert udfs.KKIK_NASTA_VARDAG(None) == "Datumet saknas."
    assert udfs.KKIK_HELGDAG("5/3 2024").startswith("Datumet kan inte läsas: Hittade '5/3 2024'. Skriv datum")


def test_colour_uses_the_reference_file(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    ref = tmp_path / "ref.csv"
    lines = ["kpi;kommunkod;år;kön;värde"]
    lines += [
        f"U11401;{code};2024;T;{v}"
        for code, v in zip(("0114", "0115", "0117", "0120"), (10, 20, 30, 40), strict=True)
    ]
    ref.write_text("\n".join(lines) + "\n", encoding="utf-8")
    monkeypatch.setenv("KKIK_REFERENSVARDEN", str(ref))
    assert udfs.KKIK_FARG("U11401", 45.0) == "grön"
    assert udfs.KKIK_FARG("u11401", "5", 2024.0) == "röd"
    assert udfs.KKIK_FARG("U99999", 5.0) == "Nyckeltalet U99999 finns inte i katalogen."
    assert udfs.KKIK_FARG("U11402", 5.0) == "Referensfilen har inga värden för U11402."
    monkeypatch.setenv("KKIK_REFERENSVARDEN", str(tmp_path / "saknas.csv"))
    assert str(udfs.KKIK_FARG("U11401", 5.0)).startswith("Referensfilen saknas")


def test_personnummer_function() -> None:
    got = [
        udfs.KKIK_PERSONNUMMER(v)
        for v in ("19121212-1212", "121212-1212", "121212-1213", "x 121212-1212", None)
    ]
    assert got == [True, True, False, False, False]


def test_real_xlwings_metadata_and_vba_wrappers() -> None:
    """xlwings' real decorators accept the generated functions; the VBA it writes is ASCII and complete."""
    with real_udf_decorators() as (xl_udfs, ours):
        for name, func in ours.ALL_FUNCTIONS.items():
            info = func.__xlfunc__
            assert info["name"] == name and info["category"] == "KKiK"
            assert all("convert" not in a["options"] for a in info["args"]), name
        u21401 = ours.ALL_FUNCTIONS["KKIK_U21401"].__xlfunc__
        sig = signature(CATALOGUE.measure("U21401"))
        assert [a["name"] for a in u21401["args"]] == [a for a, _, _ in sig.args]
        assert [a["options"].get("ndim") for a in u21401["args"]][:8] == [1] * 7 + [None]

        class AddIn:
            Name = "xlwings.xlam"

        vba = io.StringIO()
        xl_udfs.generate_vba_wrapper("kkik_xl.xl.udfs", ours, vba, AddIn())
        text = vba.getvalue()
        assert text.isascii()
        declared = set(re.findall(r"^Function (KKIK_\w+)\(", text, flags=re.M))
        assert declared == set(ours.ALL_FUNCTIONS)
        assert "Function KKIK_FARG(kpi, varde, Optional ar)" in text


def test_range_shapes_through_xlwings_dimension_stage() -> None:
    """Ranges reach the function as xlwings' own dimension stage shapes them (1×1 cell, n×1 column)."""
    measure = CATALOGUE.measure("U11401")
    with real_udf_decorators() as (_, ours):
        func = ours.ALL_FUNCTIONS["KKIK_U11401"]
        info = func.__xlfunc__
        _, _, args = case(measure)

        def as_read(values_2d: list[list[Any]], options: dict[str, Any]) -> Any:
            ctx = SimpleNamespace(value=values_2d)
            AdjustDimensionsStage(options)(ctx)
            return ctx.value

        cols = [as_read([[v] for v in args[i]], info["args"][i]["options"]) for i in (0, 1)]
        year = as_read([[args[2]]], info["args"][2]["options"])
        assert cols[0] == args[0] and year == args[2]
        assert func(*cols, year) == func(*args)
        one_row = [as_read([[args[i][0]]], info["args"][i]["options"]) for i in (0, 1)]
        assert one_row == [[args[0][0]], [args[1][0]]]
        assert func(*one_row, year) == ALL_FUNCTIONS["KKIK_U11401"]([args[0][0]], [args[1][0]], args[2])
