"""Fill a copy of a template with rows (for pictures and real-client tests); the template is not touched."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from copy import copy
from datetime import date, datetime, time
from pathlib import Path

import openpyxl
from openpyxl.styles.cell_style import StyleArray
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kkik_xl.atomic import save_with
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.template_formats import DATE_FORMAT, DATETIME_FORMAT, TIME_FORMAT

_FORMATS: tuple[tuple[type, str], ...] = (
    (datetime, DATETIME_FORMAT),
    (date, DATE_FORMAT),
    (time, TIME_FORMAT),
)


def fill_template(
    template_path: Path,
    out_path: Path,
    rows: Mapping[str, Sequence[Mapping[str, object]]],
    kommun: str | None = None,
) -> Path:
    """Write ``rows`` (keyed by ListObject name, then header) under each Table and grow the Table.

    ``kommun`` (a municipality name) is chosen on the Uppgifter sheet when given.
    """
    wb = openpyxl.load_workbook(template_path)
    template_id = str(wb["_meta"]["B1"].value)
    template = CATALOGUE.template(template_id)
    for table in template.tables:
        ws = wb[table.sheet]
        headers = [c.value for c in ws[1] if c.value is not None]
        data = rows.get(table.name, [])
        styles = [_column_style(ws, c) for c in range(1, len(headers) + 1)]
        for r, row in enumerate(data, start=2):
            for c, header in enumerate(headers, start=1):
                value = row.get(str(header))
                cell = ws.cell(row=r, column=c, value=value)
                if styles[c - 1] is not None:
                    cell._style = copy(styles[c - 1])  # as Excel does when a user types in the column
                for kind, number_format in _FORMATS:
                    if isinstance(value, kind):
                        cell.number_format = number_format
                        break
        last = f"{get_column_letter(len(headers))}{max(len(data), 1) + 1}"
        list_object = ws.tables[table.name]
        list_object.ref = f"A1:{last}"
        if list_object.autoFilter is not None:
            list_object.autoFilter.ref = f"A1:{last}"
    if kommun is not None:
        wb["Uppgifter"]["B4"] = kommun
    return save_with(out_path, wb.save)


def _column_style(ws: Worksheet, column: int) -> StyleArray | None:
    """The style array of the column's format (openpyxl does not apply it to new cells), if any."""
    for dim in ws.column_dimensions.values():
        if dim.min is not None and dim.max is not None and dim.min <= column <= dim.max:
            return dim._style
    return None
