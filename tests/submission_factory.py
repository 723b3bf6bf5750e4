"""Valid submission documents for tests, built from the model (values chosen per test)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.submission.canonical import CHECKSUM_PLACEHOLDER, content_checksum
from kkik_xl.submission.kolada import display_value
from kkik_xl.submission.model import (
    FORMAT_VERSION,
    Checksums,
    FindingsSummary,
    MeasureEntry,
    Municipality,
    Period,
    Submission,
    TemplateRef,
    WarningEntry,
)


def entry(kpi: str, value: float | None, rows: int = 10) -> MeasureEntry:
    """A measure entry with the catalogue's decimals and display."""
    m = CATALOGUE.measure(kpi)
    return MeasureEntry(
        kpi=kpi, title=m.title, unit=m.unit.value, decimals=m.decimals, value=value,
        display=display_value(value, m.decimals), reason=None if value is not None else "inga rader",
        numerator=None, denominator=None, rows_used=rows, excluded={"utanför mätperioden": 2},
    )  # fmt: skip


def make_submission(
    values: dict[str, float | None] | None = None, *, kod: str = "0180", year: int = 2025
) -> Submission:
    """A förskola submission for Stockholm with a content checksum that holds."""
    values = values if values is not None else {"U11401": 87.5, "U11402": 1.0}
    draft = Submission(
        format_version=FORMAT_VERSION,
        tool_version="0.1.0",
        created=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        template=TemplateRef(id="forskola", version="1.0", fingerprint="a" * 64),
        catalogue_version=CATALOGUE.version,
        rules_version="test",
        municipality=Municipality(code=kod, name="Stockholm"),
        department="Förskola",
        year=year,
        period=Period(start=date(year, 1, 1), end=date(year, 6, 30)),
        measures=[entry(k, v) for k, v in values.items()],
        findings=FindingsSummary(
            errors=0,
            warnings=1,
            infos=0,
            warning_list=[
                WarningEntry(
                    code="KKIK-ST-001", severity="warning", message="Få rader.", justification="Liten kommun."
                )
            ],
        ),
        checksums=Checksums(input_rows_sha256="b" * 64, content_sha256=CHECKSUM_PLACEHOLDER),
    )
    checksums = draft.checksums.model_copy(update={"content_sha256": content_checksum(draft)})
    return draft.model_copy(update={"checksums": checksums})
