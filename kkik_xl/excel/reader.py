"""Reading a filled-in template (``.xlsx``, ``.xlsm``, ``.xls``, ``.ods``) or a CSV into typed frames.

``read_workbook`` never raises for bad cells or a changed structure: those become findings. It
raises :class:`ReadError` (with a Swedish reason) only when the file cannot be read at all.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.result import ReadError, ReadResult, WorkbookMeta

__all__ = ["ReadError", "ReadResult", "WorkbookMeta", "read_workbook"]

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods"}


def read_workbook(
    path: str | Path, template_id: str | None = None, *, year: int | None = None, table: str | None = None
) -> ReadResult:
    """Read ``path`` as ``template_id`` (detected from the file when ``None``).

    ``year`` selects the year's quality columns (default: the workbook's year, else last year);
    ``table`` picks the table a CSV holds when its headers do not tell.
    """
    path = Path(path)
    if template_id is not None:
        try:
            CATALOGUE.template(template_id)
        except KeyError:
            known = ", ".join(t.id for t in CATALOGUE.templates)
            raise ReadError(f"Mallen {template_id!r} finns inte. Kända mallar: {known}.") from None
    if not path.is_file():
        raise ReadError(f"Filen {path} finns inte.")
    suffix = path.suffix.lower()
    if suffix in (".csv", ".txt"):
        from kkik_xl.excel.csv_reader import read_csv

        return read_csv(path, template_id, year=year or default_year(), table=table)
    if suffix in SPREADSHEET_SUFFIXES:
        from kkik_xl.excel.safety import parsing
        from kkik_xl.excel.xlsx_reader import read_spreadsheet

        with parsing(path):
            return read_spreadsheet(path, template_id, year=year, table=table)
    raise ReadError(
        f"Filen {path.name} har filändelsen {suffix or '(ingen)'}; "
        "kkik-xl läser .xlsx, .xlsm, .xls, .ods och .csv."
    )


def default_year() -> int:
    """The reporting year when nothing says otherwise: last calendar year."""
    return date.today().year - 1
