"""Service engine: e-mail deadlines in working days, phone answers and treatment scores."""

from __future__ import annotations

from datetime import datetime

import pytest
from frames import context, typed_frame

from kkik_xl.measures import ENGINES


def _mail(*rows: tuple[str, str | None], invalid: bool = False) -> list[dict[str, object]]:
    return [
        {
            "Fråga": f"F{i}",
            "Skickad": datetime.fromisoformat(s),
            "Besvarad": datetime.fromisoformat(a) if a else None,
            "_invalid": invalid,
        }
        for i, (s, a) in enumerate(rows)
    ]


def _run(mail: list[dict[str, object]], phone: list[dict[str, object]] | None = None) -> dict[str, object]:
    tables = {
        "Epost": typed_frame("service", "Epost", mail),
        "Telefon": typed_frame("service", "Telefon", phone or []),
    }
    results = ENGINES["service"](tables, context())
    assert [r.kpi for r in results] == ["U00412", "U00442", "U00413", "U00414"]
    return {r.kpi: r for r in results}


def test_email_deadlines() -> None:
    mail = _mail(
        ("2025-03-07 10:00", "2025-03-11 09:00"),  # Friday → Tuesday: 2 days yes, 1 day no
        ("2025-03-08 11:00", "2025-03-11 23:59"),  # Saturday counts from Monday: both yes
        ("2025-03-10 09:00", "2025-03-13 00:00"),  # Monday, answered at midnight after Wednesday: no
        ("2025-03-10 09:00", None),  # never answered: no
        ("2025-03-12 09:00", "2025-03-11 09:00"),  # answered before sent: excluded
    ) + _mail(("2025-03-10 09:00", "2025-03-10 10:00"), invalid=True)
    res = _run(mail)
    two, one = res["U00412"], res["U00442"]
    assert (two.value, two.numerator, two.denominator) == (50.0, 2, 4)
    assert (one.value, one.numerator, one.denominator) == (25.0, 1, 4)
    assert two.excluded == {"ogiltiga värden": 1, "svar före sändning": 1}
    assert two.extras == {"answered": 3, "unanswered": 1, "late": 1}


def test_email_over_easter() -> None:
    # Skärtorsdag 17 April 2025; Långfredag and Annandag påsk are not weekdays.
    res = _run(_mail(("2025-04-17 15:00", "2025-04-22 16:00"), ("2025-04-17 15:00", "2025-04-24 08:00")))
    assert res["U00442"].value == 50.0  # deadline Tuesday 22 April
    assert res["U00412"].value == 50.0  # deadline Wednesday 23 April


def test_phone_direct_answer_and_treatment() -> None:
    phone = [
        {"Samtal": "S1", "Direkt svar": True, "Bemötande": 3},
        {"Samtal": "S2", "Direkt svar": False, "Bemötande": 2},
        {"Samtal": "S3", "Direkt svar": False, "Bemötande": None},
        {"Samtal": "S4", "Direkt svar": None, "Bemötande": 1},
        {"Samtal": "S5", "Direkt svar": True, "Bemötande": 3, "_invalid": True},
    ]
    res = _run([], phone)
    assert res["U00413"].value == pytest.approx(100 / 3)
    assert res["U00413"].excluded == {"ogiltiga värden": 1, "direkt svar ej angivet": 1}
    assert res["U00414"].value == pytest.approx(100 * 6 / 9)
    assert (res["U00414"].numerator, res["U00414"].denominator) == (6, 9)
    assert res["U00414"].excluded == {"ogiltiga värden": 1, "bemötande saknas": 1}
    assert res["U00412"].value is None and res["U00412"].reason


def test_zero_and_full_phone_scores() -> None:
    phone = [{"Samtal": "S1", "Direkt svar": False, "Bemötande": 0}]
    res = _run([], phone)
    assert res["U00413"].value == 0.0 and res["U00414"].value == 0.0


def test_email_outside_the_calendar_is_excluded() -> None:
    res = _run(_mail(("1985-03-07 10:00", "1985-03-07 11:00"), ("2025-03-07 10:00", "2025-03-07 11:00")))
    assert res["U00412"].excluded == {"datum utanför kalendern 1990–2100": 1}
    assert res["U00412"].value == 100.0
