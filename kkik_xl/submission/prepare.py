"""Read a workbook and compute everything a submission needs (shared by ``submit`` and ``verify``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import polars as pl

from kkik_xl import __version__
from kkik_xl.catalogue import CATALOGUE, Template
from kkik_xl.computation import UsageError, template_params
from kkik_xl.excel.frames import empty_frame
from kkik_xl.excel.inflated import sharing
from kkik_xl.excel.reader import ReadResult, read_workbook
from kkik_xl.findings import Finding
from kkik_xl.kommuner import Kommun
from kkik_xl.measures import ENGINES, MeasureContext, MeasureResult
from kkik_xl.rules import RULES, validate_workbook
from kkik_xl.rules.fingerprint_check import skip_reason
from kkik_xl.rules.submittable import (
    NO_MUNICIPALITY,
    NO_YEAR,
    NOT_SUBMITTABLE,
    SUBMITTABLE,
    Refusal,
    municipality_of,
    workbook_year,
)


@dataclass
class Prepared:
    """A read workbook with its typed tables, context, results, findings and fingerprint."""

    path: Path
    template: Template
    year: int
    read: ReadResult
    tables: dict[str, pl.DataFrame]
    ctx: MeasureContext
    results: list[MeasureResult]
    findings: list[Finding]
    fingerprint: str | None
    rules_version: str
    fingerprints: tuple[str, ...] = ()  # every valid form (also the literal one of earlier templates)


def _year(read: ReadResult) -> int:
    year = workbook_year(read)
    if year is None:
        raise Refusal(
            NO_YEAR.code, "Arbetsboken anger inget år (bladet _meta eller Uppgifter). Använd kkik-xl:s mall."
        )
    return year


def submittable(path: Path) -> None:
    """Raise :class:`Refusal` for a file format a submission is not made from (only .xlsx/.xlsm)."""
    if path.suffix.lower() not in SUBMITTABLE:
        raise Refusal(
            NOT_SUBMITTABLE.code,
            f"{path.name} kan kontrolleras men inte lämnas in: en inlämning görs från en .xlsx- eller "
            ".xlsm-fil (kkik-xl:s mall). Spara filen som Excel-arbetsbok (.xlsx) och kör "
            "kkik-xl submit på den.",
        )


def workbook_fingerprints(
    path: Path, stored: str | None, ready: Mapping[str, bytes] | None = None
) -> tuple[str, ...]:
    """The recomputed template fingerprints of an ``.xlsx``/``.xlsm`` file, the current form first.

    ``ready``: the Table sheets' slim XML the reader already made (``ReadResult.slim_sheets``).

    Empty for other formats. Above the validation's size limit (openpyxl is slow on huge files) the
    stored ``_meta`` value is used, as validation does not check it either (it reports that with an
    info finding).
    """
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        return ()
    if skip_reason(path) is not None:
        return (stored.strip(),) if stored else ()
    import openpyxl

    from kkik_xl.excel.fingerprint import fingerprints
    from kkik_xl.excel.structure_copy import structure_copy

    try:
        source: Path | BinaryIO = structure_copy(path, ready)  # the Table sheets' rows are not fingerprinted
    except ValueError:
        source = path
    from kkik_xl.excel.safety import parsing

    with parsing(path, loader=True):
        return fingerprints(openpyxl.load_workbook(source, keep_vba=False))


def _chosen(found: tuple[str, ...], stored: str | None) -> str | None:
    """The stored fingerprint when the structure matches it in any form, else the current form."""
    if stored and stored.strip() in found:
        return stored.strip()
    return found[0] if found else None


def municipality(read: ReadResult) -> Kommun:
    """The municipality named on the Uppgifter sheet (by code, else by name)."""
    found = municipality_of(read)
    if found is None:
        raise Refusal(
            NO_MUNICIPALITY.code,
            "Kommunen saknas eller är okänd på bladet Uppgifter. Välj kommunen i listan.",
        )
    return found


def rules_version() -> str:
    """The version of the validation rules: the rule codes in force with this kkik-xl version."""
    return f"kkik-xl {__version__} ({len(RULES)} regler)"


def compute(
    template: Template, tables: Mapping[str, pl.DataFrame], ctx: MeasureContext
) -> list[MeasureResult]:
    """Run the template's engine on ``tables`` (missing tables are empty)."""
    if template.id not in ENGINES:
        raise UsageError(f"Beräkningen för mallen {template.id!r} finns inte ännu i den här versionen.")
    full = dict(tables)
    for tab in template.tables:
        full.setdefault(tab.name, empty_frame(tab.columns_for_year(ctx.year)))
    return ENGINES[template.id](full, ctx)


def prepare(path: Path, settings: Mapping[str, str] | None = None) -> Prepared:
    """Read ``path``, compute its measures and collect its findings.

    ``settings``: engine settings as texts (``{"lss_minsta_antal": "3"}``), as ``--installning`` gives
    them; the submission records them in ``parameters``.

    Raises :class:`UsageError` (cannot be used) or :class:`kkik_xl.excel.result.ReadError` (unreadable).
    """
    with sharing():  # the reads below and the validation inflate each part once
        return _prepare(path, settings)


def _prepare(path: Path, settings: Mapping[str, str] | None) -> Prepared:
    submittable(path)
    read = read_workbook(path)
    template = CATALOGUE.template(read.template_id)  # the reader only returns catalogue templates
    year = _year(read)
    if read.meta.year is None:  # the year came from the Uppgifter sheet: read that year's columns
        read = read_workbook(path, template.id, year=year)
    given = dict(settings or {})
    ctx = MeasureContext.first_half(year, **template_params(template, year, given, read))
    report = validate_workbook(path, template.id, year=year, params=given)
    fingerprints = workbook_fingerprints(path, read.meta.fingerprint, read.slim_sheets)
    return Prepared(
        path=path,
        template=template,
        year=year,
        read=read,
        tables=dict(read.tables),
        ctx=ctx,
        results=list(report.results),
        findings=list(report.findings),
        fingerprint=_chosen(fingerprints, read.meta.fingerprint),
        rules_version=rules_version(),
        fingerprints=fingerprints,
    )
