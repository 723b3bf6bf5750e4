"""Generate ``hemtjanst_bad_cells_after_row_1000.xlsx``: the shipped template with 1,500 visit rows.

fastexcel infers a column's type from the first 1,000 rows and then silently turns a cell that does not
fit into null. This fixture puts every kind of bad cell *after* that sample (sheet rows 1002–1501), so a
reader that does not pass explicit dtypes (and collect the errors) loses them. Deterministic: same rows
every run. Run: ``.venv/bin/python tests/data/make_fixture_bad_cells_after_row_1000.py``
"""

from __future__ import annotations

import tempfile
from datetime import date, time, timedelta
from pathlib import Path

from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template

HERE = Path(__file__).resolve().parent
FIXTURE = HERE / "hemtjanst_bad_cells_after_row_1000.xlsx"
ROWS = 1_500
# sheet row → (header, bad value); the header is row 1, so data row n is sheet row n + 1
BAD_CELLS: dict[int, tuple[str, object]] = {
    1002: ("Datum", "igår"),  # text in a date column, the first row after fastexcel's sample
    1250: ("Födelseår", "fyrtiotal"),  # text in a whole-number column
    1300: ("Födelseår", 1940.5),  # not a whole number
    1350: ("Starttid", "sent"),  # text in a time column
    1400: ("Personalkategori", "HSL"),  # not one of the allowed choices
    1450: ("Sluttid", "#DIV/0!"),  # an Excel error value
    1501: ("Datum", "2025-10-40"),  # an impossible date, in the very last row
}
RESCUED = {1499: ("Datum", "2025-10-03")}  # ISO date typed as text: read, with an info finding


def visit(i: int) -> dict[str, object]:
    """The ``i``-th valid visit row (0-based): 40 recipients, two visits a day, 14 days, then repeats."""
    recipient, day = (i // 2) % 40, (i // 80) % 14
    start = time(8, 0) if i % 2 == 0 else time(13, 0)
    return {
        "Brukare": f"B{recipient:03d}",
        "Födelseår": 1930 + recipient,
        "Datum": date(2025, 10, 1) + timedelta(days=day),
        "Starttid": start,
        "Sluttid": start.replace(minute=30),
        "Personal": f"P{i % 17:02d}",
        "Personalkategori": "Omsorgspersonal",
        "Besökstyp": "Omsorg",
        "Hemtjänstgrupp": ("Norr", "Söder")[recipient % 2],
    }


def rows() -> list[dict[str, object]]:
    """All 1,500 rows with the bad and rescued cells in place."""
    out = [visit(i) for i in range(ROWS)]
    for sheet_row, (header, value) in {**BAD_CELLS, **RESCUED}.items():
        out[sheet_row - 2][header] = value
    return out


def main() -> None:
    """Write the fixture next to this script."""
    with tempfile.TemporaryDirectory() as tmp:
        template = write_template("hemtjanst", 2025, Path(tmp))
        fill_template(template, FIXTURE, {"Besok": rows()}, kommun="Gotland")


if __name__ == "__main__":
    main()
