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
