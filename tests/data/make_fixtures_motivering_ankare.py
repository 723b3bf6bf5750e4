"""Generate the anchored-Motivering workbooks (issue 14, points 1–3).

- ``forskola_motiverad.xlsx``: a corrected förskola workbook (the original) with three warnings (waits over a
  year) on rows 3, 4 and 6, each for a different wait.
- ``forskola_motiverad_kontrollerad.xlsx``: its marked copy (XML writer) with a Motivering typed beside
  every warning, each naming its own row's wait, saved as a user's spreadsheet program saves it.
- ``forskola_motiverad_rad_borttagen_kontrollerad.xlsx``: the same marked copy after the user deleted
  worksheet row 3 on Placeringar (the rows below move up; Kontroll is unchanged).
- ``forskola_kontroll_utan_ankare_kontrollerad.xlsx``: the motivated marked copy as an older kkik-xl
  wrote it, without the ``Ankare`` column (matched by Kod + Blad + Cell).
- ``forskola_motivering_utan_kod_och_blad.xlsx``: the original with Kontroll rows typed by hand: Cell
  only, Blad + Cell, a cell without findings, and a Motivering alone.

Deterministic. Run: ``.venv/bin/python tests/data/make_fixtures_motivering_ankare.py``
"""

from __future__ import annotations

import shutil
import tempfile
from datetime import date
from pathlib import Path

import openpyxl

from kkik_xl.excel.marking import KONTROLL_HEADERS, KONTROLL_SHEET, mark_workbook
from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template
from kkik_xl.rules import validate_workbook

HERE = Path(__file__).resolve().parent
ORIGINAL = HERE / "forskola_motiverad.xlsx"
MARKED = HERE / "forskola_motiverad_kontrollerad.xlsx"
ROW_DELETED = HERE / "forskola_motiverad_rad_borttagen_kontrollerad.xlsx"
WITHOUT_ANCHOR = HERE / "forskola_kontroll_utan_ankare_kontrollerad.xlsx"
WITHOUT_CODE = HERE / "forskola_motivering_utan_kod_och_blad.xlsx"
D = date(2025, 2, 3)
ROWS: list[dict[str, object]] = [
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D},  # row 2: fine
    {
        "Enhet": "Solen",
        "Önskat placeringsdatum": date(2025, 1, 13),
        "Erbjudet placeringsdatum": date(2026, 2, 2),
    },
    {
        "Enhet": "Månen",
        "Önskat placeringsdatum": date(2025, 3, 3),
        "Erbjudet placeringsdatum": date(2026, 3, 20),
    },
    {"Enhet": "Månen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D},  # row 5: fine
    {"Enhet": "Stjärnan", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": date(2026, 5, 4)},
]
"""Waits over a year (KKIK-DA-004, a warning at the offered date) on rows 3, 4 and 6."""
MOTIVERINGAR = {
    "C3": "Väntan 385 dagar: familjen tackade nej till två erbjudanden.",
    "C4": "Väntan 382 dagar: önskad förskola byggdes om.",
    "C6": "Väntan 455 dagar: placering i annan kommun under tiden.",
}
BY_HAND = [
    {"Cell": "C3", "Motivering": "Bara cellen: gäller alla fynd i C3."},
    {"Blad": "Placeringar", "Cell": "C4", "Motivering": "Blad och cell utan kod."},
    {"Cell": "Z99", "Motivering": "En cell utan fynd."},
    {"Motivering": "En motivering utan Kod, Blad och Cell."},
]


def write_motivations(path: Path) -> None:
    """Type each warning's Motivering beside it on Kontroll, as a user does."""
    wb = openpyxl.load_workbook(path)
    ws = wb[KONTROLL_SHEET]
    headers = [c.value for c in ws[1]]
    cell, motivering = headers.index("Cell") + 1, headers.index("Motivering") + 1
    for r in range(2, ws.max_row + 1):
        text = MOTIVERINGAR.get(str(ws.cell(r, cell).value))
        if text:
            ws.cell(r, motivering, text)
    wb.save(path)


def delete_row(source: Path, target: Path, sheet: str, row: int) -> None:
    """``source`` with one worksheet row deleted (the rows below move up), saved as ``target``."""
    wb = openpyxl.load_workbook(source)
    wb[sheet].delete_rows(row)
    wb.save(target)


def without_anchor(source: Path, target: Path) -> None:
    """``source`` with Kontroll's ``Ankare`` column removed (a Kontroll sheet from before anchors)."""
    wb = openpyxl.load_workbook(source)
    wb[KONTROLL_SHEET].delete_cols(KONTROLL_HEADERS.index("Ankare") + 1)
    wb.save(target)


def by_hand(source: Path, target: Path) -> None:
    """``source`` with :data:`BY_HAND` rows typed on its Kontroll sheet."""
    wb = openpyxl.load_workbook(source)
    ws = wb[KONTROLL_SHEET]
    col = {h: i + 1 for i, h in enumerate(KONTROLL_HEADERS)}
    for r, row in enumerate(BY_HAND, start=2):
        for header, value in row.items():
            ws.cell(r, col[header], value)
    wb.save(target)


def main() -> None:
    """Write the fixtures next to this script."""
    with tempfile.TemporaryDirectory() as tmp:
        template = write_template("forskola", 2025, Path(tmp))
        fill_template(template, ORIGINAL, {"Placeringar": ROWS}, kommun="Ale")
        marked = mark_workbook(ORIGINAL, validate_workbook(ORIGINAL).findings, engine="xml")
        shutil.move(marked, MARKED)
    write_motivations(MARKED)
    delete_row(MARKED, ROW_DELETED, "Placeringar", 3)
    without_anchor(MARKED, WITHOUT_ANCHOR)
    by_hand(ORIGINAL, WITHOUT_CODE)


if __name__ == "__main__":
    main()
