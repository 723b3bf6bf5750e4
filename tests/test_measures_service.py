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


def _call(
    n: int, person: bool | None, seconds: int | None, direct: bool | None, **kw: object
) -> dict[str, object]:
    return {
        "Samtal": f"S{n}",
        "Besvarat av person": person,
        "Sekunder till person": seconds,
        "Direkt svar": direct,
        **kw,
    }


def test_phone_direct_answer_within_60_seconds_over_every_call() -> None:
    phone = [
        _call(1, True, 60, True, **{"Bemötande": 3}),  # a person at 60 s, answered: direct
        _call(2, True, 61, True, **{"Bemötande": 2}),  # 61 s: a dropped answer, not direct
        _call(3, True, 0, False, **{"Bemötande": 1}),  # at once, but not answered directly
        _call(4, False, None, False),  # nobody answered: in the denominator, not direct
        _call(5, True, 12, True, **{"Bemötande": 3}),
    ]
    res = _run([], phone)
    direct = res["U00413"]
    # direct answers: calls 1 and 5 = 2 of 5 calls → 40 %
    assert (direct.numerator, direct.denominator) == (2, 5)
    assert direct.value == pytest.approx(100 * 2 / 5)
    assert direct.extras == {"begun": 3, "late": 1, "unanswered": 1}
    # U00414 (Mått 3): (3 + 2 + 1 + 3) / (3 × 4 scored calls)
    assert (res["U00414"].numerator, res["U00414"].denominator) == (9, 12)
    assert res["U00414"].excluded == {"bemötande saknas": 1}
    assert res["U00412"].value is None and res["U00412"].reason


def test_unanswered_call_claiming_a_direct_answer_is_not_direct() -> None:
    res = _run([], [_call(1, False, None, True), _call(2, True, 30, True)])
    assert (res["U00413"].numerator, res["U00413"].denominator) == (1, 2)  # 50 %


@pytest.mark.parametrize(
    "blank",
    [
        _call(9, None, None, True),  # Besvarat av person blank
        _call(9, True, 20, None),  # Direkt svar blank
        _call(9, True, None, True),  # answered but seconds blank
        _call(9, True, 20, True, _invalid=True),  # unreadable cell
    ],
)
def test_a_blank_needed_cell_gives_no_value_instead_of_a_smaller_denominator(
    blank: dict[str, object],
) -> None:
    res = _run([], [_call(1, True, 20, True), _call(2, False, None, False), blank])
    assert res["U00413"].value is None
    assert res["U00413"].reason is not None and "1 av 3 samtal" in res["U00413"].reason
    assert res["U00413"].excluded == {"tom eller ogiltig cell": 1}


def test_zero_and_full_phone_scores() -> None:
    res = _run([], [_call(1, True, 5, False, **{"Bemötande": 0})])
    assert res["U00413"].value == 0.0 and res["U00414"].value == 0.0


def test_email_outside_the_calendar_is_excluded() -> None:
    res = _run(_mail(("1985-03-07 10:00", "1985-03-07 11:00"), ("2025-03-07 10:00", "2025-03-07 11:00")))
    assert res["U00412"].excluded == {"datum utanför kalendern 1990–2100": 1}
    assert res["U00412"].value == 100.0
