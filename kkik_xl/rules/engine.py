"""``validate_workbook``: read once, run every rule, compute every measure, attach justifications."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.computation import template_params
from kkik_xl.excel.frames import empty_frame
from kkik_xl.excel.inflated import sharing
from kkik_xl.excel.reader import default_year, read_workbook
from kkik_xl.excel.safety import parsing
from kkik_xl.findings import Finding, Severity
from kkik_xl.measures import ENGINES, MeasureContext, MeasureResult, compute_template
from kkik_xl.rules.anchors import RowIndex
from kkik_xl.rules.base import RuleContext
from kkik_xl.rules.justification import attach, note_justifications, read_entries
from kkik_xl.rules.personal_data import mask_finding
from kkik_xl.rules.registry import RULES
from kkik_xl.rules.summarise import cover, summarise

Progress = Callable[[str], None]


class ValidationReport(BaseModel):
    """Every finding of a workbook (reader and rules) and the measures computed from the same frames."""

    model_config = ConfigDict(frozen=True)

    file: str
    template: str
    year: int
    findings: list[Finding]
    results: list[MeasureResult]

    def count(self, severity: Severity) -> int:
        """Number of findings of ``severity``."""
        return sum(f.severity is severity for f in self.findings)

    @property
    def has_errors(self) -> bool:
        """True when any finding is an error (submission is blocked; CLI exit code 1)."""
        return any(f.severity is Severity.ERROR for f in self.findings)

    @property
    def unjustified_warnings(self) -> list[Finding]:
        """Warnings without a justification in the Kontroll sheet."""
        return [f for f in self.findings if f.severity is Severity.WARNING and not f.justification]

    def per_code(self) -> dict[str, int]:
        """Number of findings per code, in code order."""
        return dict(sorted(Counter(f.code for f in self.findings).items()))


def validate_workbook(
    path: str | Path,
    template_id: str | None = None,
    *,
    year: int | None = None,
    params: Mapping[str, str] | None = None,
    last_year: Mapping[str, float] | None = None,
    progress: Progress | None = None,
    carry_from: Path | None = None,
) -> ValidationReport:
    """Validate a filled-in template (or CSV): every finding at once, plus the measure results.

    ``carry_from``: an earlier marked copy whose Kontroll Motiveringar are read too (they come first),
    so that marking the original again carries them into the new copy.

    Raises :class:`kkik_xl.excel.result.ReadError` when the file cannot be read at all and
    :class:`kkik_xl.computation.UsageError` for a parameter that cannot be read.
    """
    path = Path(path)
    with parsing(path), sharing():  # the rules and the Kontroll sheet read parts of the file too
        return _validate(path, template_id, year, params, last_year, progress, carry_from)


def _validate(
    path: Path,
    template_id: str | None,
    year: int | None,
    params: Mapping[str, str] | None,
    last_year: Mapping[str, float] | None,
    progress: Progress | None,
    carry_from: Path | None = None,
) -> ValidationReport:
    say = progress or (lambda _: None)
    say("Läser filen")
    read = read_workbook(path, template_id, year=year)
    template = CATALOGUE.template(read.template_id)
    year = year or read.meta.year or default_year()
    tables = dict(read.tables)
    for tab in template.tables:
        tables.setdefault(tab.name, empty_frame(tab.columns_for_year(year)))
    mctx = MeasureContext.first_half(year, **template_params(template, year, dict(params or {}), read))
    ctx = RuleContext(template, year, tables, read, mctx, last_year=dict(last_year or {}))
    say("Kontrollerar reglerna")
    findings = list(read.findings)
    for rule in RULES:
        if rule.applies(template.id) and not rule.after_measures:
            findings += rule.check(ctx)
    say("Beräknar måtten")
    results = compute_template(template.id, tables, mctx) if template.id in ENGINES else []
    ctx.results = results
    for rule in RULES:
        if rule.applies(template.id) and rule.after_measures:
            findings += rule.check(ctx)
    # Every rule may quote a cell (a duplicate ID, an age out of range): mask numbers in all of them,
    # and again once the user's justifications (Kontroll sheet, notes) are attached.
    masked = [mask_finding(f) for f in summarise(findings, ctx.limits)]
    frames = {ctx.sheet(t): frame for t in template.tables if (frame := ctx.present(t)) is not None}
    rows = RowIndex(frames)
    entries = [*read_entries(carry_from), *read_entries(path)]
    attached = attach(rows.anchored(masked), entries, note_justifications(ctx.notes()), rows)
    findings = [mask_finding(f) for f in cover(attached)]
    findings.sort(key=Finding.sort_key)
    return ValidationReport(
        file=str(path), template=template.id, year=year, findings=findings,
        results=[r.masked() for r in results],
    )  # fmt: skip
