"""Generate the workbooks of cell values pasted from business systems (issue 14 points 4–5, issue 17 §2).

Each file is a copy of the real template in ``workbook_templates/`` filled like a user would, with the
cells that once crashed the program or were counted wrongly. Tests: ``tests/test_cells_cli.py``.

Run: python tests/data/make_fixtures_cells.py
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, time
from pathlib import Path

from kkik_xl.excel.template_fill import fill_template

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE.parent.parent / "workbook_templates"
D = date(2025, 2, 3)

# Every kind of "nothing visible": spaces, tab, no-break and thin spaces, ideographic space,
# zero-width space and joiner, word joiner, byte order mark, and empty text.
BLANKS = ["", " ", "   ", "\t", "\u00a0", "\u2009 \u202f", "\u3000", "\u200b", "\u200d\u2060", "\ufeff"]
BLANKS.append(" \u00a0\u200b ")


def _place(enhet: str, wished: object = D, offered: object = D) -> dict[str, object]:
    return {"Enhet": enhet, "Önskat placeringsdatum": wished, "Erbjudet placeringsdatum": offered}


def _visit(n: int, day: int, start: object = time(8, 0)) -> dict[str, object]:
    return {
        "Brukare": f"B{n:03d}",
        "Födelseår": 1940,
        "Datum": date(2025, 10, day),
        "Starttid": start,
        "Sluttid": time(8, 30),
        "Personal": f"P{n % 3}",
        "Personalkategori": "Omsorgspersonal",
        "Besökstyp": "Omsorg",
    }


def _fill(template: str, name: str, rows: Mapping[str, Sequence[Mapping[str, object]]]) -> Path:
    return fill_template(TEMPLATES / f"{template}.xlsx", HERE / name, rows, kommun="Ale")


def forskola_aaaammdd() -> Path:
    """B6: the number 20250305 in a date cell (as exported); C7: the text 20250305."""
    rows = [_place("Solen") for _ in range(4)]
    rows += [_place("Månen", wished=20250305), _place("Stjärnan", offered="20250305")]
    return _fill("forskola", "forskola_datum_som_aaaammdd.xlsx", {"Placeringar": rows})


def forskola_outside_excel() -> Path:
    """B3: serial 3,000,000 (after 9999-12-31); C4: serial -1e308 (made the reader panic); B5: -5."""
    rows = [_place("Solen"), _place("Solen", wished=3_000_000), _place("Solen", offered=-1e308)]
    rows += [_place("Solen", wished=-5), _place("Solen")]
    return _fill("forskola", "forskola_datum_utanfor_excel.xlsx", {"Placeringar": rows})


def sarskilt_boende_aaaammdd() -> Path:
    """D3: Beslutsdatum 20250305 (crashed the date-order rule); E4: inflyttning 2958466 (year 10000)."""
    base = {"Ålder vid ansökan": 84, "Ansökningsdatum": date(2025, 1, 2)}
    rows = [
        {**base, "Ärende": "Ä1", "Beslutsdatum": date(2025, 1, 9), "Erbjudet inflyttningsdatum": D},
        {**base, "Ärende": "Ä2", "Beslutsdatum": 20250305, "Erbjudet inflyttningsdatum": D},
        {**base, "Ärende": "Ä3", "Beslutsdatum": date(2025, 1, 9), "Erbjudet inflyttningsdatum": 2958466},
    ]
    return _fill("sarskilt-boende", "sarskilt_boende_beslutsdatum_som_aaaammdd.xlsx", {"Ansokningar": rows})


def service_datetime_outside_excel() -> Path:
    """B2: Skickad 20250305 (ÅÅÅÅMMDD); C3: Besvarad serial 10,000,000."""
    sent = datetime(2025, 3, 5, 9, 0)
    rows = [
        {"Fråga": "F1", "Skickad": 20250305, "Besvarad": sent},
        {"Fråga": "F2", "Skickad": sent, "Besvarad": 10_000_000},
        {"Fråga": "F3", "Skickad": sent, "Besvarad": datetime(2025, 3, 5, 10, 0)},
    ]
    return _fill("service", "service_datum_och_tid_utanfor_excel.xlsx", {"Epost": rows})


def hemtjanst_blank_rows() -> Path:
    """Rows 2–11: ten visits. Rows 12–22: every cell holds one of :data:`BLANKS` (the same kind
    across the row). Row 23: a visit whose optional Hemtjänstgrupp is a no-break space."""
    rows: list[dict[str, object]] = [_visit(n, 1 + n % 14) for n in range(10)]
    columns = [*_visit(0, 1), "Hemtjänstgrupp"]
    rows += [dict.fromkeys(columns, blank) for blank in BLANKS]
    rows.append({**_visit(10, 2), "Hemtjänstgrupp": "\u00a0"})
    return _fill("hemtjanst", "hemtjanst_rader_med_bara_mellanslag.xlsx", {"Besok": rows})


def forskola_extra_column_outside_excel() -> Path:
    """An extra column E "Egen anteckning" (not in the template): E2 holds serial -1e308 formatted as a
    date (made the reader panic in the personal-data check), E3 the test personnummer 19121212-1212."""
    import openpyxl

    path = _fill(
        "forskola", "forskola_extra_kolumn_datum_utanfor_excel.xlsx", {"Placeringar": [_place("Solen")] * 3}
    )
    wb = openpyxl.load_workbook(path)
    ws = wb["Placeringar"]
    ws["E1"] = "Egen anteckning"
    ws["E2"] = -1e308
    ws["E2"].number_format = "yyyy-mm-dd"
    ws["E3"] = "19121212-1212"
    wb.save(path)
    return path


FIXTURES = (
    forskola_aaaammdd,
    forskola_outside_excel,
    sarskilt_boende_aaaammdd,
    service_datetime_outside_excel,
    hemtjanst_blank_rows,
    forskola_extra_column_outside_excel,
)


def main() -> None:
    """Write every fixture of this module next to it."""
    for make in FIXTURES:
        print(make().name)


if __name__ == "__main__":
    main()
