"""Generate the workbooks of issue 17 §3 (injection through names and text).

- ``forskola_markup_och_styrtecken.xlsx``: cells holding rich console markup (``[/]``, a
  ``[link=…]`` that a terminal would make clickable) in date cells, so they appear in the findings and
  in ``submit``'s refusal list; ``_meta!B1`` = ``[/]okänd``; a Kontroll motivation holding Excel's
  ``_x001B_`` escapes (clear screen, an OSC 8 link, a window title, a bell) that readers decode to
  real control characters.
- ``forskola_styrtecken_i_forvaltning.xlsx``: a clean, submittable workbook whose Förvaltning holds a
  right-to-left override (U+202E) and a NUL (stored as ``_x0000_``), and whose only warning is
  justified with a motivation holding a bidirectional isolate and an escape.

Deterministic. Run: ``.venv/bin/python tests/data/make_fixture_injection.py``
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

import openpyxl

from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template

HERE = Path(__file__).resolve().parent
MARKUP = HERE / "forskola_markup_och_styrtecken.xlsx"
DEPARTMENT = HERE / "forskola_styrtecken_i_forvaltning.xlsx"
D = date(2025, 2, 3)
LINK = "[link=https://example.invalid/x]Klicka här[/link]"
ESCAPES = (
    "_x001B_[2J_x001B_]8;;https://example.invalid/_x001B_\\länk_x001B_]8;;_x001B_\\_x001B_]0;titel_x0007_"
)
FORVALTNING = "Barn\u202eoch_x0000_utbildning"


def _row(wanted: object, offered: object = D) -> dict[str, object]:
    return {"Enhet": "Solen", "Önskat placeringsdatum": wanted, "Erbjudet placeringsdatum": offered}


def _kontroll(wb: openpyxl.Workbook, code: str, cell: str, motivation: str) -> None:
    ws = wb["Kontroll"]
    headers = [c.value for c in ws[1]]
    values = {"Kod": code, "Blad": "Placeringar", "Cell": cell, "Motivering": motivation}
    for header, value in values.items():
        ws.cell(2, headers.index(header) + 1, value)


def markup(template: Path) -> None:
    """Markup in cells and in ``_meta``, escapes in a motivation."""
    rows = [_row(D), _row(date(2024, 12, 20)), _row(LINK), _row("[/]"), _row("[bold red]x[/]")]
    fill_template(template, MARKUP, {"Placeringar": rows}, kommun="Ale")
    wb = openpyxl.load_workbook(MARKUP)
    wb["_meta"]["B1"] = "[/]okänd"
    _kontroll(wb, "KKIK-DA-001", "B3", f"Kontrollerat {ESCAPES} mot ansökan.")
    wb.save(MARKUP)


def department(template: Path) -> None:
    """A submittable workbook with a right-to-left override and a NUL in Förvaltning."""
    rows = [_row(D), _row(D), _row(date(2024, 12, 20))]
    fill_template(template, DEPARTMENT, {"Placeringar": rows}, kommun="Ale")
    wb = openpyxl.load_workbook(DEPARTMENT)
    wb["Uppgifter"]["B6"] = FORVALTNING
    _kontroll(wb, "KKIK-DA-001", "B4", "Ansökan\u2067 kom _x001B_[31mi december.")
    wb.save(DEPARTMENT)


def main() -> None:
    """Write both fixtures next to this script."""
    with tempfile.TemporaryDirectory() as tmp:
        template = write_template("forskola", 2025, Path(tmp))
        markup(template)
        department(template)


if __name__ == "__main__":
    main()
