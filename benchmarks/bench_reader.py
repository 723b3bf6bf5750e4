"""Reader speed: ``read_workbook`` against a bare fastexcel typed read of the same hemtjänst sheet.

Usage: ``python benchmarks/bench_reader.py [--rows 1048575] [--runs 3] [--file PATH]``.
Generates (seeded, cached) a workbook shaped like the template: the ``Besök`` sheet with headers in
row 1 (xlsxwriter cannot add a Table in constant-memory mode; the reader then reads the sheet, which
is the same fastexcel call), a ``_meta`` sheet, three injected bad cells, and optionally trailing
formatted-but-empty rows.
Prints the best-of-N times and the ratio (reader / bare read).
"""

from __future__ import annotations

import argparse
import random
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import fastexcel
import xlsxwriter

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.reader import read_workbook

TABLE = CATALOGUE.template("hemtjanst").table("Besok")
BARE_DTYPES = {
    "Brukare": "string",
    "Födelseår": "int",
    "Datum": "date",
    "Starttid": "duration",
    "Sluttid": "duration",
    "Personal": "string",
    "Personalkategori": "string",
    "Besökstyp": "string",
    "Hemtjänstgrupp": "string",
}


def generate(path: Path, rows: int, trailing: int = 0) -> Path:
    """A seeded hemtjänst workbook with ``rows`` visits and ``trailing`` formatted empty rows."""
    rng = random.Random(20250101)
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = book.add_worksheet(TABLE.sheet)
    dfmt = book.add_format({"num_format": "yyyy-mm-dd"})
    tfmt = book.add_format({"num_format": "hh:mm"})
    headers = [c.name for c in TABLE.columns]
    ws.write_row(0, 0, headers)
    start = date(2025, 10, 1)
    for r in range(1, rows + 1):
        minute = 7 * 60 + rng.randrange(0, 14 * 60)
        ws.write_string(r, 0, f"B{rng.randrange(20000):05d}")
        ws.write_number(r, 1, rng.randrange(1920, 1960))
        ws.write_datetime(r, 2, datetime.combine(start + timedelta(days=r % 14), datetime.min.time()), dfmt)
        ws.write_number(r, 3, minute / 1440, tfmt)
        ws.write_number(r, 4, (minute + 30) / 1440, tfmt)
        ws.write_string(r, 5, f"P{rng.randrange(600):03d}")
        ws.write_string(r, 6, "Omsorgspersonal" if rng.random() > 0.05 else "Hemsjukvård")
        ws.write_string(r, 7, "Omsorg" if rng.random() > 0.05 else "Trygghetslarm")
        ws.write_string(r, 8, f"Grupp {r % 9}")
        if r in (rows // 3, rows // 2):  # constant_memory: rows must be written in order
            ws.write_string(r, 2, "igår")
        if r == rows // 4:
            ws.write_string(r, 1, "1,5")
    blank = book.add_format({"bg_color": "#FFF2CC"})
    for r in range(rows + 1, rows + 1 + trailing):  # formatted but empty, as Excel leaves them
        ws.write_blank(r, 0, None, blank)
        ws.write_blank(r, 8, None, blank)
    meta = book.add_worksheet("_meta")
    for i, (k, v) in enumerate([("template_id", "hemtjanst"), ("template_version", "1.0"), ("year", 2025)]):
        meta.write_row(i, 0, [k, v])
    book.close()
    return path


def bare(path: Path) -> None:
    """The baseline: fastexcel with explicit dtypes, to polars."""
    fastexcel.read_excel(path).load_sheet(TABLE.sheet, dtypes=BARE_DTYPES).to_polars()  # type: ignore[arg-type]


def reader(path: Path) -> None:
    """The full reader: safety checks, metadata, typed frame, every bad cell as a finding."""
    result = read_workbook(path, "hemtjanst", year=2025)
    assert len(result.findings) == 3, result.findings


def main() -> None:
    """Time both and print the ratio."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_048_575)
    parser.add_argument("--trailing", type=int, default=0)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--file", type=Path, default=None)
    args = parser.parse_args()
    path = args.file or Path(f"/tmp/kkik-bench-hemtjanst-{args.rows}-{args.trailing}.xlsx")
    if not path.exists():
        t0 = time.perf_counter()
        generate(path, args.rows - 1 - args.trailing if args.trailing else args.rows - 1, args.trailing)
        print(f"genererade {path} på {time.perf_counter() - t0:.1f} s")
    times: dict[str, list[float]] = {"bare": [], "reader": []}
    for _ in range(args.runs):
        for name, fn in (("bare", bare), ("reader", reader)):
            t0 = time.perf_counter()
            fn(path)
            times[name].append(time.perf_counter() - t0)
    best = {k: min(v) for k, v in times.items()}
    print(f"fastexcel typad läsning: {best['bare']:.2f} s  (alla: {[round(x, 2) for x in times['bare']]})")
    print(
        f"read_workbook:           {best['reader']:.2f} s  (alla: {[round(x, 2) for x in times['reader']]})"
    )
    print(f"kvot: {best['reader'] / best['bare']:.3f}")


if __name__ == "__main__":
    main()
