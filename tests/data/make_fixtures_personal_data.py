"""Generate the ``forskola_personnummer_*.xlsx`` workbooks of issue 17 (personal data that leaked).

Each file is a clean filled forskola template (``personal_data_parts.base``) with Tolvan Tolvansson's
test number (19121212-1212 / 121212-1212) written where it once got through: in a sheet name; with an
en dash, a no-break space, a non-breaking hyphen, a space or a zero-width space as separator in
Förvaltning, a ``Motivering:`` note or an Enhet value; in a Kontroll motivation; in an extra column's
header; in a date cell; in a column without a header; in a threaded comment without a legacy note; and
as the number 505051235 shown as ``050505-1235`` by its number format. Deterministic.
Run: ``.venv/bin/python tests/data/make_fixtures_personal_data.py``
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.worksheet.worksheet import Worksheet

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from personal_data_parts import ROWS, D, base, read_parts, threaded_comment, write_parts  # noqa: E402

LATE = {
    "Enhet": "Solen",
    "Önskat placeringsdatum": date(2024, 12, 20),
    "Erbjudet placeringsdatum": D,
}  # B4: warning
Edit = Callable[[openpyxl.Workbook], None]


def _cell(sheet: str, cell: str, value: object, number_format: str | None = None) -> Edit:
    def edit(wb: openpyxl.Workbook) -> None:
        ws: Worksheet = wb[sheet]
        ws[cell] = value
        if number_format:
            ws[cell].number_format = number_format

    return edit


def _sheet_name(wb: openpyxl.Workbook) -> None:
    wb.create_sheet("Tolvan 121212-1212")["A1"] = "Anteckningar"


def _note(wb: openpyxl.Workbook) -> None:
    wb["Placeringar"]["B4"].comment = Comment("Motivering: gäller Tolvan 121212\u00a01212.", "Bo Ek")


def _kontroll(wb: openpyxl.Workbook) -> None:
    ws = wb["Kontroll"]
    headers = [c.value for c in ws[1]]
    row = {
        "Kod": "KKIK-DA-001",
        "Blad": "Placeringar",
        "Cell": "B4",
        "Motivering": "Tolvan 19121212-1212 ansökte sent.",
    }
    for header, value in row.items():
        ws.cell(2, headers.index(header) + 1, value)


def _extra_header(wb: openpyxl.Workbook) -> None:
    ws = wb["Placeringar"]
    ws["F1"], ws["F2"] = "Tolvan 19121212-1212", "ja"


FIXTURES: dict[str, tuple[list[dict[str, object]], Edit | None]] = {
    "forskola_personnummer_i_bladnamn.xlsx": (ROWS, _sheet_name),
    "forskola_personnummer_med_tankstreck_i_forvaltning.xlsx": (
        ROWS,
        _cell("Uppgifter", "B6", "Tolvan 19121212\u20131212"),
    ),
    "forskola_personnummer_med_hart_mellanslag_i_motiveringsanteckning.xlsx": ([*ROWS, LATE], _note),
    "forskola_personnummer_med_hart_bindestreck_i_enhet.xlsx": (
        [*ROWS, {**ROWS[0], "Enhet": "Solen 121212\u20111212"}],
        None,
    ),
    "forskola_personnummer_med_mellanslag_i_enhet.xlsx": (
        [*ROWS, {**ROWS[0], "Enhet": "Solen 19121212 1212"}],
        None,
    ),
    "forskola_personnummer_med_nollbreddsmellanslag_i_enhet.xlsx": (
        [*ROWS, {**ROWS[0], "Enhet": "Solen 1912\u200b1212-1212"}],
        None,
    ),
    "forskola_personnummer_i_kontrollmotivering.xlsx": ([*ROWS, LATE], _kontroll),
    "forskola_personnummer_i_extra_kolumnrubrik.xlsx": (ROWS, _extra_header),
    "forskola_personnummer_i_datumcell.xlsx": (ROWS, _cell("Placeringar", "B3", "19121212-1212")),
    "forskola_personnummer_i_kolumn_utan_rubrik.xlsx": (
        ROWS,
        _cell("Placeringar", "G3", "Tolvan 19121212-1212"),
    ),
    "forskola_personnummer_som_talformat.xlsx": (ROWS, _cell("Placeringar", "D2", 505051235, "000000-0000")),
    "forskola_personnummer_i_tradad_kommentar.xlsx": (ROWS, None),
}


def main() -> None:
    """Write every fixture next to this script."""
    for name, (rows, edit) in FIXTURES.items():
        with tempfile.TemporaryDirectory() as tmp:
            path = base(Path(tmp), rows)
            if edit is not None:
                wb = openpyxl.load_workbook(path)
                edit(wb)
                wb.save(path)
            if name == "forskola_personnummer_i_tradad_kommentar.xlsx":
                write_parts(threaded_comment(read_parts(path)), path)
            shutil.copyfile(path, HERE / name)


if __name__ == "__main__":
    main()
