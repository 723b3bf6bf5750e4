"""Marking speed: ``mark_workbook`` with many findings (default 50,000) on a sheet of as many rows.

Usage: ``python benchmarks/bench_marking.py [--findings 50000] [--engine xml|openpyxl|both]``.
Builds (not timed) a forskola-shaped workbook with one row per finding and findings on consecutive
cells of column C in three severity blocks, then times the steps of marking with each writer:
planning the ranges, opening the workbook, filling + notes + the Kontroll sheet, and the atomic save
(for the XML writer the save is where the sheet is streamed and patched).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

import xlsxwriter

from kkik_xl.excel.marking import apply, atomic_save, marked_path, plan
from kkik_xl.excel.marking_openpyxl import OpenpyxlMarkWriter
from kkik_xl.excel.xmlmark.writer import XmlMarkWriter
from kkik_xl.findings import Finding, Severity

HEADERS = ["Enhet", "Önskat placeringsdatum", "Erbjudet placeringsdatum", "Kommentar"]


def workbook(path: Path, rows: int) -> Path:
    """A Placeringar sheet with ``rows`` rows whose offered date is empty."""
    book = xlsxwriter.Workbook(path, {"constant_memory": True})
    ws = book.add_worksheet("Placeringar")
    ws.write_row(0, 0, HEADERS)
    fmt = book.add_format({"num_format": "yyyy-mm-dd"})
    for r in range(1, rows + 1):
        ws.write_string(r, 0, "Solen")
        ws.write_datetime(r, 1, date(2025, 2, 3), fmt)
    book.close()
    return path


def findings(n: int) -> list[Finding]:
    """``n`` findings on C2, C3, … in three blocks of error, warning and information."""
    severities = (Severity.ERROR, Severity.WARNING, Severity.INFO)
    return [
        Finding(
            code="KKIK-VA-001",
            severity=severities[min(3 * i // n, 2)],
            message=f"Cell C{i + 2} i kolumnen Erbjudet placeringsdatum är tom men måste fyllas i.",
            sheet="Placeringar",
            cell=f"C{i + 2}",
            row=i + 2,
            column="Erbjudet placeringsdatum",
        )
        for i in range(n)
    ]


def run(path: Path, found: list[Finding], writer_class: type[Any]) -> dict[str, float]:
    """Times of the steps of marking ``path`` with ``writer_class``."""
    times: dict[str, float] = {}
    start = time.perf_counter()
    plan(found)
    times["plan"] = time.perf_counter() - start
    t = time.perf_counter()
    writer = writer_class(path)
    times["open"] = time.perf_counter() - t
    t = time.perf_counter()
    if hasattr(writer, "clear_previous"):
        writer.clear_previous()
    apply(writer, found)
    times["fill + notes + Kontroll"] = time.perf_counter() - t
    t = time.perf_counter()
    atomic_save(writer.save, marked_path(path))
    times["save"] = time.perf_counter() - t
    times["total"] = time.perf_counter() - start
    return times


def main() -> None:
    """Print the time of each step and the total, per writer, and their ratio."""
    parser = argparse.ArgumentParser(description="Marking benchmark (see module docstring).")
    parser.add_argument("--findings", type=int, default=50_000)
    parser.add_argument("--engine", choices=("xml", "openpyxl", "both"), default="both")
    args = parser.parse_args()
    engines = {"xml": XmlMarkWriter, "openpyxl": OpenpyxlMarkWriter}
    chosen = list(engines) if args.engine == "both" else [args.engine]
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = workbook(Path(tmp) / "placeringar.xlsx", args.findings)
        found = findings(args.findings)
        for name in chosen:
            results[name] = run(path, found, engines[name])
    fills, _ = plan(found)
    print(f"{args.findings} findings → {sum(len(r) for r in fills.values())} fill ranges")
    for name, times in results.items():
        print(name)
        for step, seconds in times.items():
            print(f"  {step:<26} {seconds:7.2f} s")
    if len(results) == 2:
        print(f"openpyxl / xml: {results['openpyxl']['total'] / results['xml']['total']:.1f} ×")


if __name__ == "__main__":
    main()
