"""Benchmark: merge one submission per template for each of the 290 municipalities, then colour and trend.

Run: ``.venv/bin/python benchmarks/bench_merge.py`` (add ``--scale 10`` for 10× more files).
Target: the 1× run (290 municipalities × every template, all self-collected KPIs, plus three years of
national values for every KPI) takes ≤ 3 s. The files are written first (not timed); the timed part
is reading + checking every file, resolving conflicts, completeness, colours and trends.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import polars as pl

from kkik_xl.coordinator.compare import national
from kkik_xl.coordinator.merge import Reader, merge
from kkik_xl.coordinator.synthetic import synthetic_values

Writer = Callable[[Path, pl.DataFrame, int], int]


def timed_merge(files_dir: Path, reader: Reader, year: int) -> tuple[float, float, int]:
    """(seconds for merge, seconds for colours + trends + all comparisons, merged value count)."""
    start = time.perf_counter()
    result = merge([files_dir], reader)
    merged = time.perf_counter()
    values = result.resolution.merged.select("kpi", "kommunkod", "år", "kön", "värde")
    history = synthetic_values(year - 1, seed=1, years=2)
    nat = national(pl.concat([values, history]), year)
    for code in nat.municipalities():
        nat.compare(code)
    done = time.perf_counter()
    if result.rejected:
        raise SystemExit(f"unexpected rejects: {result.rejected[:3]}")
    return merged - start, done - merged, values.height


def run(scale: int, writer: Writer, reader: Reader, year: int = 2025) -> None:
    """Write ``scale`` rounds of submissions (later rounds supersede earlier ones) and time the merge."""
    values = synthetic_values(year, seed=11, years=1)
    with tempfile.TemporaryDirectory() as tmp:
        n_files = writer(Path(tmp), values, scale)
        t_merge, t_compare, n_values = timed_merge(Path(tmp), reader, year)
    total = t_merge + t_compare
    print(
        f"scale={scale} files={n_files} values={n_values} merge={t_merge:.2f}s "
        f"colours+trends+comparisons={t_compare:.2f}s total={total:.2f}s"
    )


def main() -> None:
    """Parse ``--scale`` and run with the real submission writer and reader."""
    from benchmarks.submission_files import read, write_submissions

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=int, default=1)
    args = parser.parse_args()
    run(args.scale, write_submissions, read)


if __name__ == "__main__":
    main()
