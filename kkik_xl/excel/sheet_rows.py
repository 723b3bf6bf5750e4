"""A sheet's cells as Python values (calamine), safe against the reader's panics.

calamine panics (a Rust ``PanicException``, not an ``Exception``) on a number formatted as a date far
outside every calendar, wherever it stands: on Instruktioner, Uppgifter or Kontroll as much as in a
table. The Kontroll motivations, the ``_meta`` values and the personal-data scan read such sheets
through :func:`sheet_rows`: the panic's English text is kept from the user and the sheet is read again
with openpyxl, which gives such a cell as an error value. A format openpyxl cannot read (.xls, .ods)
gives a Swedish :class:`~kkik_xl.excel.result.ReadError`.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from kkik_xl.excel.result import ReadError
from kkik_xl.excel.sheet_load import is_panic, rust_panics_silenced, unreadable_value


def sheet_rows(book: Any, path: Path, sheet: str, nrows: int | None = None) -> list[list[Any]]:
    """Every row of ``sheet`` from A1 (at most ``nrows``), empty cells as ``""`` or ``None``."""
    try:
        with rust_panics_silenced():
            rows: list[list[Any]] = book.get_sheet_by_name(sheet).to_python(
                skip_empty_area=False, nrows=nrows
            )
            return rows
    except BaseException as err:
        if not is_panic(err):
            raise
    return _openpyxl_rows(path, sheet, nrows)


def _openpyxl_rows(path: Path, sheet: str, nrows: int | None) -> list[list[Any]]:
    if path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise ReadError(unreadable_value(sheet))
    import openpyxl

    from kkik_xl.excel.safety import parsing  # safety reads sheet names through meta, which reads rows here

    with parsing(path, loader=True), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl's English warning about the date it cannot show
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in book[sheet].iter_rows(max_row=nrows, values_only=True)]
        finally:
            book.close()
