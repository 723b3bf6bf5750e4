"""Read a file and compute a template's measures: the shared core of ``kkik-xl compute`` and the demo."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kkik_xl.catalogue import CATALOGUE, ParameterType, Template
from kkik_xl.excel.frames import empty_frame
from kkik_xl.excel.reader import ReadResult, read_workbook
from kkik_xl.findings import Finding, mask_finding
from kkik_xl.measures import ENGINES, MeasureContext, MeasureResult
from kkik_xl.measures.settings import SETTINGS, SettingError, parse_setting
from kkik_xl.parsing import ParseError, parse_date, parse_int, parse_janej


class UsageError(Exception):
    """The request cannot be carried out; ``reason`` is a Swedish sentence (CLI exit code 2)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class Computation:
    """The outcome of one computation: the read file and one result per measure computed."""

    template: Template
    year: int
    read: ReadResult
    results: list[MeasureResult]

    params: dict[str, Any] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        """Every finding of the reading, in sheet/row order; many identical ones summarised; any
        personnummer in them masked."""
        from kkik_xl.rules.summarise import Limits, summarise  # rules import this module

        found = summarise(self.read.findings, Limits.of(self.params))
        return [mask_finding(f) for f in sorted(found, key=Finding.sort_key)]


def known_template(template_id: str) -> Template:
    """The catalogue template, or a :class:`UsageError` naming the known ones."""
    try:
        return CATALOGUE.template(template_id)
    except KeyError:
        known = ", ".join(t.id for t in CATALOGUE.templates)
        raise UsageError(f"Mallen {template_id!r} finns inte. Kända mallar: {known}.") from None


def setting_params(given: dict[str, str]) -> dict[str, Any]:
    """The engine settings (``kkik_xl.measures.settings``) among ``given``, typed."""
    try:
        return {name: parse_setting(name, text) for name, text in given.items() if name in SETTINGS}
    except SettingError as err:
        raise UsageError(err.reason) from None


def template_params(template: Template, year: int, given: dict[str, str], read: ReadResult) -> dict[str, Any]:
    """Parameter values: command line first, then the workbook's ``KKIK_<name>``, then the default.

    Engine settings in ``given`` (``negativa_vantetider``, ``lss_minsta_antal``) are passed on, typed.
    """
    params: dict[str, Any] = setting_params(given)
    for p in template.parameters:
        text = given.get(p.name) or read.meta.names.get(f"KKIK_{p.name}") or p.default
        if text is None:
            continue
        text = text.format(year=year)
        try:
            if p.type is ParameterType.DATE:
                params[p.name] = parse_date(text)
            elif p.type is ParameterType.INT:
                params[p.name] = parse_int(text)
            else:
                params[p.name] = parse_janej(text)
        except ParseError as err:
            raise UsageError(
                f"Parametern {p.label.lower()} ({p.name}) kan inte läsas: {err.reason}"
            ) from None
    return params


def compute_file(
    template_id: str,
    path: Path,
    *,
    year: int,
    params: dict[str, str] | None = None,
    table: str | None = None,
) -> Computation:
    """Read ``path`` as ``template_id`` and compute its measures for ``year``.

    Raises :class:`UsageError` for an unknown template, a missing engine or missing required columns,
    and :class:`kkik_xl.excel.result.ReadError` when the file cannot be read.
    """
    template = known_template(template_id)
    if template_id not in ENGINES:
        raise UsageError(f"Beräkningen för mallen {template_id!r} finns inte ännu i den här versionen.")
    read = read_workbook(path, template_id, year=year, table=table)
    missing = [f"{col!r} (tabellen {tab})" for tab, cols in read.missing_columns.items() for col in cols]
    if missing:
        raise UsageError(
            f"Obligatoriska kolumner saknas: {', '.join(missing)}. Lägg till dem med exakt de rubrikerna."
        )
    tables = dict(read.tables)
    for tab in template.tables:
        tables.setdefault(tab.name, empty_frame(tab.columns_for_year(year)))
    ctx = MeasureContext.first_half(year, **template_params(template, year, params or {}, read))
    results = ENGINES[template_id](tables, ctx)
    read_tables = {name for name in read.tables}
    wanted = {m.kpi for m in CATALOGUE.measures_of(template_id) if m.table in read_tables}
    return Computation(template, year, read, [r.masked() for r in results if r.kpi in wanted], ctx.params)
