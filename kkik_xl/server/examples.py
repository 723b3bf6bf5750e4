"""``kkik-xl serve --exempel``: synthetic stored submissions so the coordinator page has something to show.

Ale kommun (1440), 2025: one fully signed submission per template, plus a later förskola submission
with other values signed by one person only — an unresolved conflict, as a real year often has.
Every document is labelled synthetic (``rules_version`` = ``syntetisk``), as the demo's are.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.synthetic_submissions import synthetic_submission
from kkik_xl.server.storage import Storage

KOMMUN = "1440"
YEAR = 2025


def seed(storage: Storage, year: int = YEAR) -> int:
    """Store the example submissions unless the database already has some; returns how many."""
    if storage.years():
        return 0
    created = datetime(year + 1, 2, 1, 8, 0, tzinfo=UTC)
    count = 0
    for template in CATALOGUE.templates:
        values: dict[str, float | None] = {
            m.kpi: 40.0 + 5 * i for i, m in enumerate(CATALOGUE.measures_of(template.id))
        }
        storage.store(synthetic_submission(KOMMUN, template.id, year, values, created=created))
        count += 1
        if template.id == "forskola":
            later: dict[str, float | None] = {k: (v or 0) + 3 for k, v in values.items()}
            when = created + timedelta(days=2)
            storage.store(synthetic_submission(KOMMUN, template.id, year, later, created=when, signers=1))
            count += 1
    return count
