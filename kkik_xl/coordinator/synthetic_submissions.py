"""**Synthetic** signed submissions built from synthetic values: for demo, tests and the merge benchmark.

Each file is a real, valid submission document (checksums and signature chain hold) whose department
and rules version say ``syntetisk``. The numbers are invented; never use them as real figures.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import polars as pl

from kkik_xl import __version__
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.kommuner import by_code
from kkik_xl.submission import Role, Submission, save_submission
from kkik_xl.submission.canonical import CHECKSUM_PLACEHOLDER, content_checksum
from kkik_xl.submission.kolada import display_value
from kkik_xl.submission.model import (
    FORMAT_VERSION,
    SYNTHETIC,
    Checksums,
    FindingsSummary,
    MeasureEntry,
    Municipality,
    Period,
    TemplateRef,
)
from kkik_xl.submission.signing import sign

LABEL = SYNTHETIC
SIGNERS = (
    (Role.REGISTRERAD, "Registrerare (syntetisk)"),
    (Role.KONTROLLERAD, "Kontrollant (syntetisk)"),
    (Role.GODKAND, "Chef (syntetisk)"),
)


def _entry(kpi: str, value: float | None) -> MeasureEntry:
    m = CATALOGUE.measure(kpi)
    return MeasureEntry(
        kpi=kpi,
        title=m.title,
        unit=m.unit.value,
        decimals=m.decimals,
        value=value,
        display=display_value(value, m.decimals),
        reason=None if value is not None else "inga rader (syntetisk)",
        rows_used=0 if value is None else 100,
    )


def synthetic_submission(
    kod: str,
    template_id: str,
    year: int,
    values: dict[str, float | None],
    *,
    created: datetime,
    signers: int = 3,
) -> Submission:
    """A valid submission for one municipality and template, signed by the first ``signers`` roles."""
    template = CATALOGUE.template(template_id)
    draft = Submission(
        format_version=FORMAT_VERSION,
        tool_version=__version__,
        created=created,
        template=TemplateRef(id=template.id, version=template.version),
        catalogue_version=CATALOGUE.version,
        rules_version=LABEL,
        municipality=Municipality(code=kod, name=by_code()[kod].namn),
        department=f"{template.department} ({LABEL})",
        year=year,
        period=Period(start=date(year, 1, 1), end=date(year, 6, 30)),
        measures=[_entry(m.kpi, values.get(m.kpi)) for m in CATALOGUE.measures_of(template_id)],
        findings=FindingsSummary(errors=0, warnings=0, infos=0),
        checksums=Checksums(input_rows_sha256="0" * 64, content_sha256=CHECKSUM_PLACEHOLDER),
    )
    sub = draft.model_copy(
        update={"checksums": draft.checksums.model_copy(update={"content_sha256": content_checksum(draft)})}
    )
    for i, (role, who) in enumerate(SIGNERS[:signers]):
        sub = sign(sub, role, who, now=created + timedelta(minutes=10 * (i + 1)))
    return sub


def write_synthetic_submissions(
    out_dir: Path,
    values: pl.DataFrame,
    year: int,
    *,
    rounds: int = 1,
    signers: int = 3,
    one_template_each: bool = False,
) -> list[Path]:
    """One file per municipality and template in ``values`` (``kpi, kommunkod, år, värde``) per round.

    With ``one_template_each`` each municipality submits one template only (the templates taken in
    turn), so there is one file per municipality. Round ``r`` (in ``omgang_<r>/``) is one day later
    than round ``r - 1`` and shifts every value by ``0.1 × r``, so later rounds supersede earlier ones.
    """
    rows = values.filter(pl.col("år") == year)
    per_code = {
        code: dict(zip(g["kpi"].to_list(), g["värde"].to_list(), strict=True))
        for (code,), g in rows.group_by("kommunkod")
    }
    written = []
    base = datetime(year + 1, 2, 1, 8, 0, tzinfo=UTC)
    for r in range(rounds):
        folder = out_dir / f"omgang_{r + 1}"
        folder.mkdir(parents=True, exist_ok=True)
        for i, code in enumerate(sorted(per_code)):
            shifted = {k: (v + 0.1 * r if v is not None else None) for k, v in per_code[code].items()}
            templates = CATALOGUE.templates
            for template in [templates[i % len(templates)]] if one_template_each else templates:
                sub = synthetic_submission(
                    code, template.id, year, shifted, created=base + timedelta(days=r), signers=signers
                )
                written.append(save_submission(sub, folder / sub.file_name()))
    return written
