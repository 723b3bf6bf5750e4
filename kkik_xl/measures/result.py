"""The result of computing one measure, and the context a computation runs in."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kkik_xl.calendar_se import DEFAULT_CALENDAR, SwedishCalendar
from kkik_xl.personnummer import mask_data


class MeasureResult(BaseModel):
    """One indicator value with everything needed to audit it.

    ``value`` is at full precision; ``None`` with a Swedish ``reason`` when undefined.
    ``excluded`` maps a Swedish reason to the number of rows left out for it.
    """

    model_config = ConfigDict(frozen=True)

    kpi: str
    value: float | None
    reason: str | None = None
    numerator: float | None = None
    denominator: float | None = None
    rows_used: int = 0
    excluded: dict[str, int] = Field(default_factory=dict)
    extras: dict[str, Any] = Field(default_factory=dict)

    def masked(self) -> MeasureResult:
        """The result with any personnummer in its extras (unit names) and exclusion reasons masked."""
        return self.model_copy(
            update={"extras": mask_data(self.extras), "excluded": mask_data(self.excluded)}
        )


@dataclass(frozen=True)
class MeasureContext:
    """Year, measurement period, parameters and calendar for one computation."""

    year: int
    period_start: date
    period_end: date
    params: dict[str, Any] = field(default_factory=dict)
    calendar: SwedishCalendar = DEFAULT_CALENDAR

    @classmethod
    def first_half(cls, year: int, **params: Any) -> MeasureContext:
        """The default KKiK period: 1 January – 30 June of ``year``."""
        return cls(year=year, period_start=date(year, 1, 1), period_end=date(year, 6, 30), params=params)

    def shifted_first_half(self, years_back: int) -> tuple[date, date]:
        """1 January – 30 June of ``year - years_back``."""
        y = self.year - years_back
        return date(y, 1, 1), date(y, 6, 30)

    def window(self, start: date, days: int) -> tuple[date, date]:
        """A closed window of ``days`` days starting at ``start``."""
        return start, start + timedelta(days=days - 1)
