"""Build a submission from a prepared workbook: values, per-unit breakdown, findings, checksums.

Nothing from the raw rows is copied except unit/group names; every text taken from the workbook
(warnings, justifications, sheet and column names, department, unit names) is scrubbed of anything
shaped like a personnummer (the one detector, on the text as a reader sees it), and warning texts also
of the workbook's ID values.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from typing import Any

import polars as pl

from kkik_xl import __version__
from kkik_xl.catalogue import CATALOGUE, CATALOGUE_VERSION, Unit
from kkik_xl.catalogue.indicator_files import describe
from kkik_xl.findings import Finding, Severity
from kkik_xl.measures import MeasureContext, MeasureResult, hemtjanst
from kkik_xl.personnummer import redact_text
from kkik_xl.submission.canonical import CHECKSUM_PLACEHOLDER, content_checksum, input_rows_checksum
from kkik_xl.submission.kolada import display_value
from kkik_xl.submission.model import (
    FORMAT_VERSION,
    SYNTHETIC,
    Checksums,
    FindingsSummary,
    MeasureEntry,
    Municipality,
    Period,
    Submission,
    TemplateRef,
    UnitValue,
    WarningEntry,
)
from kkik_xl.submission.prepare import Prepared, compute, municipality
from kkik_xl.submission.text_check import stripped

REDACTED = "[borttaget]"


def refusal_reasons(findings: list[Finding]) -> list[str]:
    """Swedish lines for every error and every warning without a justification."""
    lines = []
    for f in sorted(findings, key=Finding.sort_key):
        where = ", ".join(p for p in (f.sheet, f.cell) if p)
        prefix = f"{f.code} ({where})" if where else f.code
        if f.severity is Severity.ERROR:
            lines.append(f"Fel {prefix}: {f.message}")
        elif f.severity is Severity.WARNING and not (f.justification or "").strip():
            lines.append(f"Varning utan motivering {prefix}: {f.message}")
    return lines


def id_values(prep: Prepared) -> set[str]:
    """Every distinct raw value of the template's ID columns (``is_id``) in the workbook."""
    values: set[str] = set()
    for tab in prep.template.tables:
        frame = prep.tables.get(tab.name)
        for col in tab.columns:
            if col.is_id and frame is not None and col.name in frame.columns:
                series = frame.get_column(col.name).drop_nulls().cast(pl.String).str.strip_chars()
                values.update(v for v in series.unique().to_list() if v)
    return values


def scrub(text: str | None, ids: set[str]) -> str | None:
    """``text`` with ID values (as whole words) and personnummer-shaped numbers replaced."""
    if text is None:
        return None
    text = redact_text(text, REDACTED)
    for value in sorted(ids, key=len, reverse=True):
        text = re.sub(rf"(?<![\w-]){re.escape(value)}(?![\w-])", REDACTED, text)
    return text


def _warning(f: Finding, ids: set[str]) -> WarningEntry:
    return WarningEntry(
        code=f.code,
        severity=f.severity.value,
        message=scrub(f.message, ids) or "",
        sheet=scrub(f.sheet, set()),
        cell=f.cell,
        row=f.row,
        column=scrub(f.column, set()),
        measure=f.measure,
        justification=scrub(f.justification, ids),
    )


def findings_summary(findings: list[Finding], ids: set[str]) -> FindingsSummary:
    """Counts per severity and the warnings with their justifications."""
    count = {s: sum(f.severity is s for f in findings) for s in Severity}
    warnings = [
        _warning(f, ids) for f in sorted(findings, key=Finding.sort_key) if f.severity is Severity.WARNING
    ]
    return FindingsSummary(
        errors=count[Severity.ERROR], warnings=count[Severity.WARNING], infos=count[Severity.INFO],
        warning_list=warnings,
    )  # fmt: skip


def unit_breakdown(prep: Prepared) -> dict[str, list[UnitValue]]:
    """Per-unit values for measures whose table has a unit column: the engine run on each unit's rows."""
    out: dict[str, list[UnitValue]] = {}
    for tab in prep.template.tables:
        frame = prep.tables.get(tab.name)
        if tab.unit_column is None or frame is None or tab.unit_column not in frame.columns:
            continue
        kpis = {m.kpi: m for m in CATALOGUE.measures_of(prep.template.id) if m.table == tab.name}
        units = sorted(frame.get_column(tab.unit_column).drop_nulls().unique().to_list())
        for unit in units:
            subset = {**prep.tables, tab.name: frame.filter(pl.col(tab.unit_column) == unit)}
            for r in compute(prep.template, subset, prep.ctx):
                if r.kpi in kpis:
                    out.setdefault(r.kpi, []).append(_unit_value(str(unit), r, kpis[r.kpi].decimals))
    return out


def _unit_value(unit: str, r: MeasureResult, decimals: int) -> UnitValue:
    return UnitValue(
        unit=redact_text(unit, REDACTED), value=r.value, display=display_value(r.value, decimals),
        numerator=r.numerator, denominator=r.denominator, rows_used=r.rows_used,
    )  # fmt: skip


def measure_entry(r: MeasureResult, units: list[UnitValue]) -> MeasureEntry:
    """The submission entry of one measure result (gender ``T``: totals only)."""
    m = CATALOGUE.measure(r.kpi)
    is_count = m.unit is Unit.COUNT and r.value is not None and float(r.value).is_integer()
    return MeasureEntry(
        kpi=r.kpi, gender="T", title=m.title, unit=m.unit.value, decimals=m.decimals,
        value=r.value, display=display_value(r.value, m.decimals), reason=r.reason,
        numerator=r.numerator, denominator=r.denominator,
        count=int(r.value) if is_count and r.value is not None else None,
        rows_used=r.rows_used, excluded=dict(sorted(r.excluded.items())), units=units,
    )  # fmt: skip


def measurement_period(template_id: str, ctx: MeasureContext) -> Period:
    """The period the engine measures: the 14-day window for hemtjänst, last year's half for ungdomar."""
    if template_id == "hemtjanst":
        start, end = ctx.window(hemtjanst.period_start(ctx), hemtjanst.WINDOW_DAYS)
    elif template_id == "ungdomar":
        start, end = ctx.shifted_first_half(1)
    else:
        start, end = ctx.period_start, ctx.period_end
    return Period(start=start, end=end)


def _parameters(params: dict[str, Any]) -> dict[str, str]:
    return {k: v.isoformat() if isinstance(v, date) else str(v) for k, v in sorted(params.items())}


def _indicators(prep: Prepared) -> dict[str, str]:
    """The quality-indicator list the values were computed with (templates with a Kvalitet table)."""
    if not any(t.quality_measure for t in prep.template.tables):
        return {}
    return {"indikatorer": describe(prep.year)}


def build_submission(
    prep: Prepared, *, now: datetime | None = None, synthetic: bool = False, removed: list[str] | None = None
) -> Submission:
    """The submission document of a prepared workbook, with its content checksum filled in.

    ``synthetic`` marks invented demo/test figures (covered by the checksum, so it cannot be removed
    without breaking the signatures): merge labels them and export-kolada refuses them.
    Control and bidirectional-control characters are removed from every string; the JSON paths that
    had any are appended to ``removed`` when given.
    """
    ids = id_values(prep)
    kommun = municipality(prep.read)
    units = unit_breakdown(prep)
    department = prep.read.meta.names.get("KKIK_Forvaltning") or prep.template.department
    draft = Submission(
        format_version=FORMAT_VERSION,
        tool_version=__version__,
        created=(now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0),
        template=TemplateRef(
            id=prep.template.id,
            version=prep.read.meta.template_version or prep.template.version,
            fingerprint=prep.fingerprint,
        ),
        catalogue_version=CATALOGUE_VERSION,
        rules_version=f"{SYNTHETIC} ({prep.rules_version})" if synthetic else prep.rules_version,
        municipality=Municipality(code=kommun.kod, name=kommun.namn),
        department=scrub(department, ids),
        year=prep.year,
        period=measurement_period(prep.template.id, prep.ctx),
        parameters=_parameters(prep.ctx.params) | _indicators(prep),
        measures=[measure_entry(r, units.get(r.kpi, [])) for r in prep.results],
        findings=findings_summary(prep.findings, ids),
        checksums=Checksums(
            input_rows_sha256=input_rows_checksum(prep.tables), content_sha256=CHECKSUM_PLACEHOLDER
        ),
    )
    draft, paths = stripped(draft)
    if removed is not None:
        removed += paths
    checksums = draft.checksums.model_copy(update={"content_sha256": content_checksum(draft)})
    return draft.model_copy(update={"checksums": checksums})
