"""Generate ``forskola_motivering_i_anteckning.xlsx``: warnings justified by the user's cell notes.

A filled forskola template whose flagged cells carry Excel notes (comments): a user's note starting
with ``Motivering:`` (Excel puts the author's name on the first line, as here), one starting with
``motivering -``, a note authored ``kkik-xl`` (a marking note: never a justification), a note without
the prefix, a note on an error cell, a note starting with ``Motiveringen`` (no separator), and a cell
justified both by a note and on the Kontroll sheet (Kontroll wins). Deterministic: same rows, notes
and Kontroll row every run. Run: ``.venv/bin/python tests/data/make_fixture_motivering_notes.py``
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "forskola_motivering_i_anteckning.xlsx"
D = date(2025, 2, 3)
ROWS: list[dict[str, object]] = [
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D},  # row 2: fine
    {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 12, 20), "Erbjudet placeringsdatum": D},  # B3
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": date(2026, 3, 1)},  # C4
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": None},  # C5: an error
    {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 11, 3), "Erbjudet placeringsdatum": D},  # B6
    {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 10, 1), "Erbjudet placeringsdatum": D},  # B7
    {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 9, 2), "Erbjudet placeringsdatum": D},  # B8
    {"Enhet": "Solen", "Önskat placeringsdatum": date(2024, 8, 5), "Erbjudet placeringsdatum": D},  # B9
]
# cell → (author, note text) on the Placeringar sheet
NOTES: dict[str, tuple[str, str]] = {
    "B3": ("Anna Svensson", "Anna Svensson:\nMotivering: Ansökan kom i december."),
    "C4": ("Bo Ek", "motivering - Platsen fanns först efter ombyggnaden."),
    "C5": ("Bo Ek", "Motivering: ett fel kan inte motiveras."),
    "B6": ("kkik-xl", "Motivering: en anteckning från markeringen räknas aldrig."),
    "B7": ("Bo Ek", "Kolla med rektor."),
    "B8": ("Bo Ek", "Motivering: anteckningen."),
    "B9": ("Bo Ek", "Motiveringen kommer senare."),
}
KONTROLL = {"Kod": "KKIK-DA-001", "Blad": "Placeringar", "Cell": "B8", "Motivering": "Kontrollbladet gäller."}


def main() -> None:
    """Write the fixture next to this script."""
    with tempfile.TemporaryDirectory() as tmp:
        template = write_template("forskola", 2025, Path(tmp))
        fill_template(template, FIXTURE, {"Placeringar": ROWS}, kommun="Ale")
    wb = openpyxl.load_workbook(FIXTURE)
    for cell, (author, text) in NOTES.items():
        wb["Placeringar"][cell].comment = Comment(text, author)
    ws = wb["Kontroll"]
    headers = [c.value for c in ws[1]]
    for header, value in KONTROLL.items():
        ws.cell(2, headers.index(header) + 1, value)
    wb.save(FIXTURE)


if __name__ == "__main__":
    main()
