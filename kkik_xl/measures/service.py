"""Service: e-post (U00412, U00442) and telefon (U00413, U00414). No period filter: every test counts."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from kkik_xl.catalogue.measures_data import PHONE_SECONDS
from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult
from kkik_xl.measures.workdays import table_for, with_added_weekdays, with_next_weekday

TEMPLATE = "service"
SENT, ANSWERED = "Skickad", "Besvarad"
DIRECT, SCORE = "Direkt svar", "Bemötande"
PERSON, SECONDS = "Besvarat av person", "Sekunder till person"
NO_SENT = "skickad-tid saknas"
OFF_CALENDAR = "datum utanför kalendern 1990–2100"
BEFORE_SENT = "svar före sändning"
NO_SCORE = "bemötande saknas"
BAD_SCORE = "bemötande utanför 0–3"
_DATE, _EFFECTIVE, _ORD = "_sent_date", "_effective", "_ordinal"
MAX_SCORE = 3


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U00412, U00442, U00413 and U00414 in catalogue order."""
    mail = c.frame_of(tables, TEMPLATE, "Epost", ctx.year)
    phone = c.frame_of(tables, TEMPLATE, "Telefon", ctx.year)
    return [*_email(mail, ctx), *_phone(phone)]


def _email(frame: pl.DataFrame, ctx: MeasureContext) -> list[MeasureResult]:
    frame = frame.with_columns(pl.col(SENT).dt.date().alias(_DATE))
    days = table_for(frame, _DATE, ctx.calendar)
    frame = with_next_weekday(frame, _DATE, _EFFECTIVE, days, ordinal=_ORD)
    rules: list[c.Rule] = [
        (NO_SENT, c.is_null(SENT)),
        (OFF_CALENDAR, c.is_null(_EFFECTIVE)),
        (BEFORE_SENT, pl.col(ANSWERED) < pl.col(SENT)),
    ]
    part = c.split(frame, rules)
    results = []
    for kpi, n in (("U00412", 2), ("U00442", 1)):
        used = with_added_weekdays(part.used, _ORD, n, "_deadline", days)
        in_time = pl.col(ANSWERED).is_not_null() & (pl.col(ANSWERED).dt.date() <= pl.col("_deadline"))
        n_ok = int(used.select(in_time.sum()).item())
        answered = int(used.get_column(ANSWERED).is_not_null().sum())
        extras = {"answered": answered, "unanswered": used.height - answered, "late": answered - n_ok}
        results.append(
            c.ratio(kpi, n_ok, used.height, rows_used=used.height, excluded=part.excluded, extras=extras)
        )
    return results


def _phone(frame: pl.DataFrame) -> list[MeasureResult]:
    return [_direct(frame), _treatment(frame)]


def _direct(frame: pl.DataFrame) -> MeasureResult:
    """U00413: answered by a person within 60 s and answered directly, over every call."""
    blank = c.is_null(PERSON, DIRECT) | (pl.col(PERSON) & pl.col(SECONDS).is_null())
    stop = c.incomplete("U00413", frame, blank, "samtal")
    if stop is not None:
        return stop
    begun = pl.col(PERSON) & (pl.col(SECONDS) <= PHONE_SECONDS)
    counts = frame.select(
        begun.sum().alias("begun"),
        (begun & pl.col(DIRECT)).sum().alias("direct"),
        (~pl.col(PERSON)).sum().alias("unanswered"),
    ).row(0, named=True)
    extras = {
        "begun": int(counts["begun"] or 0),
        "late": frame.height - int(counts["begun"] or 0) - int(counts["unanswered"] or 0),
        "unanswered": int(counts["unanswered"] or 0),
    }
    return c.ratio("U00413", int(counts["direct"] or 0), frame.height, rows_used=frame.height, extras=extras)


def _treatment(frame: pl.DataFrame) -> MeasureResult:
    """U00414: Σ scores / (3 × scored calls); a blank score means the call was not assessed."""
    scored = c.split(
        frame, [(NO_SCORE, c.is_null(SCORE)), (BAD_SCORE, ~pl.col(SCORE).is_between(0, MAX_SCORE))]
    )
    total = int(scored.used.get_column(SCORE).sum()) if scored.used.height else 0
    return c.ratio(
        "U00414",
        total,
        MAX_SCORE * scored.used.height,
        rows_used=scored.used.height,
        excluded=scored.excluded,
    )
