"""Generate the workbooks of the "findings scale" and "submit refuses nothing validate missed" tests.

* ``forskola_helt_ar_inklistrat.xlsx``: a full year of applications pasted into the förskola template
  (one every third day, 122 rows), so 61 rows lie after the measurement period (KKIK-DA-001 each):
  summarised as five findings plus one summary.
* ``forskola_text_i_alla_datumceller.xlsx``: 30 rows whose "Önskat placeringsdatum" is text (the
  reader's KKIK-LS-001, a path other than the rules' vectorised one): summarised too.
* ``forskola_utan_kommun.xlsx``, ``forskola_okand_kommun.xlsx``: twelve good rows, no municipality
  chosen on Uppgifter / a name that is not a Swedish municipality ("Atlantis").

Deterministic. Run: ``.venv/bin/python tests/data/make_fixtures_scale.py``
"""

from __future__ import annotations

import sys
from datetime import date, timedelta
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus_rows import forskola  # noqa: E402
from corpus_tools import filled  # noqa: E402

FULL_YEAR = HERE / "forskola_helt_ar_inklistrat.xlsx"
TEXT_DATES = HERE / "forskola_text_i_alla_datumceller.xlsx"
NO_MUNICIPALITY = HERE / "forskola_utan_kommun.xlsx"
UNKNOWN_MUNICIPALITY = HERE / "forskola_okand_kommun.xlsx"


def full_year() -> dict[str, list[dict[str, object]]]:
    """An application every third day of 2025 (122 rows; 61 of them after 30 June)."""
    rows: list[dict[str, object]] = []
    for i in range(122):
        wanted = date(2025, 1, 1) + timedelta(days=3 * i)
        rows.append({
            "Enhet": ("Solen", "Månen")[i % 2],
            "Önskat placeringsdatum": wanted,
            "Erbjudet placeringsdatum": wanted + timedelta(days=10 + i % 7),
        })  # fmt: skip
    return {"Placeringar": rows}


def text_dates() -> dict[str, list[dict[str, object]]]:
    """30 applications whose wanted date is typed as Swedish text ("3 mars")."""
    months = ("januari", "februari", "mars", "april", "maj", "juni")
    rows: list[dict[str, object]] = [
        {"Enhet": "Solen", "Önskat placeringsdatum": f"{1 + i % 28} {months[i % 6]}",
         "Erbjudet placeringsdatum": date(2025, 1 + i % 6, 1 + i % 28)}
        for i in range(30)
    ]  # fmt: skip
    return {"Placeringar": rows}


def without_municipality(path: Path, name: str | None) -> None:
    """Clear the municipality on Uppgifter, or write ``name`` (and no code) there."""
    wb = openpyxl.load_workbook(path)
    wb["Uppgifter"]["B4"] = name  # openpyxl drops the cached value of the code formula in B5
    wb.save(path)


def main() -> None:
    """Write the four workbooks next to this script."""
    filled(FULL_YEAR, "forskola", full_year())
    filled(TEXT_DATES, "forskola", text_dates())
    filled(NO_MUNICIPALITY, "forskola", forskola())
    without_municipality(NO_MUNICIPALITY, None)
    filled(UNKNOWN_MUNICIPALITY, "forskola", forskola())
    without_municipality(UNKNOWN_MUNICIPALITY, "Atlantis")


if __name__ == "__main__":
    main()
