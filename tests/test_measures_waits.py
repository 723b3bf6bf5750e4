"""Mean-wait engines: särskilt boende (U23401), försörjningsstöd (U31402), LSS (U28418)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from frames import context, d, typed_frame

from kkik_xl.measures import ENGINES

APPLIED, DECIDED, OFFERED = "Ansökningsdatum", "Beslutsdatum", "Erbjudet inflyttningsdatum"


def _sabo_row(age: int | None, applied: str, decided: str | None, offered: str, **kw: Any) -> dict[str, Any]:
    return {
        "Ärende": "x",
        "Ålder vid ansökan": age,
        APPLIED: d(applied),
        DECIDED: d(decided) if decided else None,
        OFFERED: d(offered),
        **kw,
    }


SABO = [
    _sabo_row(80, "2025-01-10", "2025-01-20", "2025-02-09"),  # 30 days (10 + 20)
    _sabo_row(65, "2024-12-01", None, "2025-01-10"),  # 40 days, no decision date
    _sabo_row(64, "2025-01-10", None, "2025-02-09"),  # aged 64
    _sabo_row(90, "2025-05-01", None, "2025-07-01"),  # offered outside the period
    _sabo_row(70, "2025-03-01", None, "2025-02-01"),  # negative wait, −28
    _sabo_row(70, "2025-03-01", None, "2025-03-02", _invalid=True),
    _sabo_row(None, "2025-03-01", None, "2025-03-02"),
]


def _sabo(**params: Any) -> Any:
    frame = typed_frame("sarskilt-boende", "Ansokningar", SABO)
    results = ENGINES["sarskilt-boende"]({"Ansokningar": frame}, context(**params))
    assert [r.kpi for r in results] == ["U23401", "U23488"]
    return results[0]


def test_sabo_wait() -> None:
    res = _sabo()
    assert (res.value, res.numerator, res.denominator, res.rows_used) == (35.0, 70, 2, 2)
    assert res.excluded == {
        "ogiltiga värden": 1,
        "uppgift saknas": 1,
        "utanför mätperioden": 1,
        "ålder under 65": 1,
        "negativ väntetid": 1,
    }
    assert res.extras["mean_utredningstid"] == 10.0 and res.extras["mean_verkstallighetstid"] == 20.0
    assert res.extras["with_decision"] == 1
    assert res.extras["outliers"] == [{"row": 3, "days": 40}, {"row": 2, "days": 30}]
    assert res.extras["median"] == 35.0 and res.extras["max"] == 40


def test_sabo_negative_waits_can_be_included() -> None:
    res = _sabo(negativa_vantetider="ta_med")
    assert res.value == pytest.approx((30 + 40 - 28) / 3)
    assert "negativ väntetid" not in res.excluded


def test_forsorjningsstod_wait() -> None:
    def row(first: str, decided: str, new: bool, who: str = "Huvudsökande") -> dict[str, Any]:
        return {"Ärende": "a", "Första kontakt": d(first), "Beslutsdatum": d(decided), "Nybesök": new,
                "Sökande": who}  # fmt: skip

    rows = [
        row("2025-01-02", "2025-01-12", True),
        row("2025-01-02", "2025-01-12", True, "Medsökande"),
        row("2025-01-02", "2025-01-20", False),
        row("2024-12-01", "2024-12-30", True),
        row("2025-06-01", "2025-06-30", True),  # last day of the period counts
    ]
    [res] = ENGINES["forsorjningsstod"](
        {"Arenden": typed_frame("forsorjningsstod", "Arenden", rows)}, context()
    )
    assert res.kpi == "U31402"
    assert res.value == pytest.approx(49 / 3)
    assert res.excluded == {"utanför mätperioden": 1, "inte nybesök": 1}


def _lss(n: int, extra: list[dict[str, Any]] | None = None) -> Any:
    rows = [
        {"Ärende": f"L{i}", DECIDED: d("2025-02-01"), OFFERED: d(f"2025-03-{i + 1:02d}"), "Omprövning": False}
        for i in range(n)
    ] + (extra or [])
    results = ENGINES["lss"]({"Beslut": typed_frame("lss", "Beslut", rows)}, context())
    assert [r.kpi for r in results] == ["U28418", "U28423"]
    return results[0]


def test_lss_three_decisions_is_undefined() -> None:
    others = [
        {"Ärende": "R", DECIDED: d("2025-02-01"), OFFERED: d("2025-03-01"), "Omprövning": True},
        {"Ärende": "O", DECIDED: d("2025-07-01"), OFFERED: d("2025-08-01"), "Omprövning": False},
    ]
    res = _lss(3, others)
    assert res.value is None and "Färre än 4" in (res.reason or "")
    assert res.rows_used == 3
    assert res.excluded == {"utanför mätperioden": 1, "omprövning": 1}


def test_lss_four_decisions() -> None:
    res = _lss(4)  # 28, 29, 30, 31 days
    assert res.value == pytest.approx(29.5)
    assert res.denominator == 4


def test_outliers_are_the_five_longest_waits_with_their_rows() -> None:
    waits = [12, 40, 3, 40, 7, 90, 1, 25]  # two ties at 40: the earlier row first
    rows = [
        {"Ärende": f"L{i}", DECIDED: d("2025-02-01"), OFFERED: d("2025-02-01") + timedelta(days=w),
         "Omprövning": False}
        for i, w in enumerate(waits)
    ]  # fmt: skip
    results = ENGINES["lss"]({"Beslut": typed_frame("lss", "Beslut", rows)}, context())
    extras = results[0].extras
    assert extras["outliers"] == [
        {"row": 7, "days": 90},
        {"row": 3, "days": 40},
        {"row": 5, "days": 40},
        {"row": 9, "days": 25},
        {"row": 2, "days": 12},
    ]
    assert (extras["max"], extras["median"]) == (90, 18.5)
