"""Build the workbook template of a catalogue template for a year (XlsxWriter, deterministic bytes).

The fingerprint is computed from the built workbook itself: the workbook is built once with an empty
fingerprint, read back with openpyxl, fingerprinted, and built again with the fingerprint in ``_meta``
(``_meta`` is outside the fingerprint, so both builds have the same structure).
"""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

import openpyxl
from xlsxwriter.workbook import Workbook

from kkik_xl.atomic import write_bytes
from kkik_xl.catalogue import CATALOGUE, Template
from kkik_xl.excel.fingerprint import fingerprint
from kkik_xl.excel.template_formats import make_formats
from kkik_xl.excel.template_resultat import write_resultat
from kkik_xl.excel.template_sheets import (
    write_input_sheet,
    write_instructions,
    write_kontroll,
    write_meta,
    write_uppgifter,
)

DEFAULT_YEAR = 2025
"""Measurement year of the committed ``workbook_templates/`` (``make templates``)."""

_FIXED_TIME = datetime(2025, 1, 1, 0, 0, 0)


def _build(template: Template, year: int, fp: str) -> bytes:
    buffer = io.BytesIO()
    wb = Workbook(buffer, {"in_memory": True})
    wb.set_properties({
        "title": f"KKiK {year} – {template.name}",
        "subject": "Kommunens Kvalitet i Korthet",
        "author": "kkik-xl",
        "company": "",
        "keywords": f"KKiK, {template.id}, {year}",
        "comments": f"Mall {template.id} version {template.version}, katalog {CATALOGUE.version}",
        "created": _FIXED_TIME,
    })  # fmt: skip
    wb.set_calc_mode("auto")
    fmt = make_formats(wb)
    write_instructions(wb, fmt, template, year)
    write_uppgifter(wb, fmt, template, year)
    for table in template.tables:
        write_input_sheet(wb, fmt, table, year)
    write_resultat(wb, fmt, template, year)
    write_kontroll(wb, fmt)
    write_meta(wb, template, year, fp)
    wb.worksheets()[0].activate()
    wb.close()
    return buffer.getvalue()


def build_template(template_id: str, year: int) -> bytes:
    """The .xlsx bytes of ``template_id`` for ``year``; identical bytes on every call."""
    template = CATALOGUE.template(template_id)
    draft = _build(template, year, "")
    fp = fingerprint(openpyxl.load_workbook(io.BytesIO(draft)))
    return _build(template, year, fp)


def template_filename(template_id: str) -> str:
    """File name of a template inside the output folder."""
    return f"{template_id}.xlsx"


def write_template(template_id: str, year: int, out_dir: Path) -> Path:
    """Write ``<out_dir>/<template_id>.xlsx`` atomically and return its path (the folder is created)."""
    return write_bytes(out_dir / template_filename(template_id), build_template(template_id, year))
