"""Every template has an engine that returns its measures in catalogue order, even without data."""

from __future__ import annotations

import pytest
from frames import context

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.measures import ENGINES


@pytest.mark.parametrize("template_id", [t.id for t in CATALOGUE.templates])
def test_engine_order_and_empty_input(template_id: str) -> None:
    results = ENGINES[template_id]({}, context())
    assert [r.kpi for r in results] == [m.kpi for m in CATALOGUE.measures_of(template_id)]
    for r in results:
        assert r.value is None and r.reason, r.kpi


def test_optional_columns_may_be_absent_from_the_frame() -> None:
    from frames import d, typed_frame

    frame = typed_frame("forskola", "Placeringar", [{"Önskat placeringsdatum": d("2025-01-13"),
                        "Erbjudet placeringsdatum": d("2025-01-20")}]).drop("Enhet", "Kommentar")  # fmt: skip
    results = ENGINES["forskola"]({"Placeringar": frame.drop("_row", "_invalid")}, context())
    assert results[1].value == 7.0
    assert results[1].extras["outliers"] == [{"row": 2, "days": 7}]
