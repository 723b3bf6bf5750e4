"""Hemtjänst: U21401 (antal olika personal en brukare möter under 14 dagar)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any

import polars as pl

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.measures import common as c
from kkik_xl.measures.result import MeasureContext, MeasureResult

TEMPLATE, TABLE = "hemtjanst", "Besok"
WHO, BORN, DAY, START, STAFF = "Brukare", "Födelseår", "Datum", "Starttid", "Personal"
CATEGORY, KIND, GROUP = "Personalkategori", "Besökstyp", "Hemtjänstgrupp"
WINDOW_DAYS, MIN_VISITS, MIN_AGE, MANY_STAFF = 14, 2, 65, 20
FIRST_TIME, LAST_TIME = time(7, 0), time(22, 0)
UNDER_65 = "brukare under 65 år"
TOO_FEW = "brukare utan två besök varje dag"


def period_start(ctx: MeasureContext) -> date:
    """``ctx.params["period_start"]`` or the catalogue default (``{year}-10-01``)."""
    given = ctx.params.get("period_start")
    if isinstance(given, datetime):
        return given.date()
    if isinstance(given, date):
        return given
    default = CATALOGUE.template(TEMPLATE).parameters[0].default or "{year}-10-01"
    return date.fromisoformat(str(given) if given else default.format(year=ctx.year))


def compute(tables: Mapping[str, pl.DataFrame], ctx: MeasureContext) -> list[MeasureResult]:
    """U21401 = mean distinct staff per included recipient over the 14-day window."""
    start, end = ctx.window(period_start(ctx), WINDOW_DAYS)
    frame = c.frame_of(tables, TEMPLATE, TABLE, ctx.year)
    part = c.split(
        frame,
        [
            ("uppgift saknas", c.is_null(WHO, BORN, DAY, START, STAFF, CATEGORY, KIND)),
            (c.OUTSIDE, c.outside(DAY, start, end)),
            ("inte omsorgsbesök", pl.col(KIND) != "Omsorg"),
            ("hemsjukvård (HSL)", pl.col(CATEGORY) != "Omsorgspersonal"),
            ("utanför 07–22", (pl.col(START) < FIRST_TIME) | (pl.col(START) >= LAST_TIME)),
        ],
        keep=(WHO, BORN, DAY, START, STAFF, GROUP),
    )
    people = _recipients(part.used, ctx.year)
    included = people.filter(pl.col("_reason").is_null())
    left_out = (
        people.filter(pl.col("_reason").is_not_null())
        .group_by("_reason")
        .agg(pl.len().alias("people"), pl.col("rows").sum())
    )
    excluded = c.merge_excluded(part.excluded, _ordered(left_out, "rows"))
    fields: dict[str, Any] = {"rows_used": int(included.get_column("rows").sum()), "excluded": excluded}
    fields["extras"] = {"recipients_excluded": _ordered(left_out, "people")}
    if included.height == 0:
        return [c.undefined("U21401", "Ingen brukare uppfyller villkoren under mätperioden.", **fields)]
    total = int(included.get_column("staff").sum())
    fields["extras"] |= _extras(included)
    value = total / included.height
    return [MeasureResult(kpi="U21401", value=value, numerator=total, denominator=included.height, **fields)]


def _recipients(visits: pl.DataFrame, year: int) -> pl.DataFrame:
    """One row per recipient: staff, rows, group, qualifying days and the exclusion reason (or null).

    One lazy query, so polars plans the three group-bys together. A day qualifies with at least
    two distinct start times (``MIN_VISITS``); ``Starttid`` is never null here (the split excluded
    such rows), so "two distinct" is "earliest before latest", which is far cheaper than ``n_unique``.
    Distinct staff are counted on the codes' categorical numbers (one number per distinct code).
    """
    rows = visits.lazy()
    full_days = (
        rows.group_by(WHO, DAY)
        .agg((pl.col(START).min() < pl.col(START).max()).alias("two"))
        .filter(pl.col("two"))
        .group_by(WHO)
        .agg(pl.len().alias("days"))
    )
    group = (
        rows.group_by(WHO, pl.col(GROUP).fill_null(c.NO_UNIT))
        .agg(pl.len().alias("n"))
        .sort([WHO, "n", GROUP], descending=[False, True, False])
        .group_by(WHO, maintain_order=True)
        .first()
        .select(WHO, GROUP)
    )
    staff = pl.col(STAFF).cast(pl.Categorical).to_physical()  # counting integers is cheaper than text
    people = rows.group_by(WHO).agg(
        staff.n_unique().alias("staff"), pl.len().alias("rows"), pl.col(BORN).max().alias(BORN)
    )
    people = people.join(full_days, on=WHO, how="left").join(group, on=WHO, how="left")
    reason = (
        pl.when(year - pl.col(BORN) < MIN_AGE)
        .then(pl.lit(UNDER_65))
        .when(pl.col("days").fill_null(0) < WINDOW_DAYS)
        .then(pl.lit(TOO_FEW))
    )
    return people.with_columns(reason.alias("_reason")).sort(WHO).collect()


def _ordered(counts: pl.DataFrame, column: str) -> dict[str, int]:
    found = {r: int(n) for r, n in counts.select("_reason", column).iter_rows()}
    return {r: found[r] for r in (UNDER_65, TOO_FEW) if r in found}


def _extras(included: pl.DataFrame) -> dict[str, Any]:
    staff = included.get_column("staff")
    return {
        "recipients": included.height,
        "median": float(staff.median()),  # type: ignore[arg-type]
        "max": int(staff.max()),  # type: ignore[arg-type]
        "share_over_20": 100 * int((staff > MANY_STAFF).sum()) / included.height,
        "units": c.per_unit(included, GROUP, pl.col("staff").mean()),
    }
