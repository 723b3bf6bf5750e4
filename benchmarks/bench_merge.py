"""Benchmark: merge synthetic signed submissions for all 290 municipalities, then colours and trends.

Run: ``.venv/bin/python benchmarks/bench_merge.py [--all-templates] [--scale N]``.

* default: 290 submission files, one per municipality (templates taken in turn, so every
  self-collected KPI occurs); ``--all-templates``: every municipality submits every template.
* ``--scale N``: N rounds of the same submissions, each later and fully signed (N× files; the
  later rounds supersede the earlier ones, so every key goes through conflict resolution).

Writing the files is not timed. Timed: ``merge`` (load + JSON-schema validation + checksum and
signature verification of every file, conflicts, completeness) and then colours, trends and a
comparison document for every municipality over all catalogue KPIs (the merged values plus two
earlier synthetic years for the other KPIs and the trend). Target: default run ≤ 3 s.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import polars as pl

from kkik_xl.coordinator.compare import national
from kkik_xl.coordinator.merge import merge
from kkik_xl.coordinator.submissions import read_submission
from kkik_xl.coordinator.synthetic import synthetic_values
from kkik_xl.coordinator.synthetic_submissions import write_synthetic_submissions

YEAR = 2025


def run(scale: int, all_templates: bool) -> str:
    """Write the files, time merge and comparison, return one result line."""
    national_values = synthetic_values(YEAR, seed=11)
    with tempfile.TemporaryDirectory() as tmp:
        files = write_synthetic_submissions(
            Path(tmp), national_values, YEAR, rounds=scale, one_template_each=not all_templates
        )
        start = time.perf_counter()
        result = merge([Path(tmp)], read_submission)
        merged = time.perf_counter()
        own = result.resolution.merged.select("kpi", "kommunkod", "år", "kön", "värde")
        rest = national_values.join(own, on=["kpi", "kommunkod", "år"], how="anti")
        nat = national(pl.concat([own, rest]), YEAR)
        coloured = time.perf_counter()
        comparisons = [nat.compare(code) for code in nat.municipalities()]
        done = time.perf_counter()
    if result.rejected:
        raise SystemExit(f"unexpected rejects: {result.rejected[:3]}")
    return (
        f"files={len(files)} merged_values={own.height} conflicts={result.resolution.conflicts.height} "
        f"merge={merged - start:.2f}s colours+trends={coloured - merged:.2f}s "
        f"target_part(merge+colours+trends)={coloured - start:.2f}s "
        f"comparison_documents({len(comparisons)})={done - coloured:.2f}s"
    )


def main() -> None:
    """Parse the options and print the timing line."""
    parser = argparse.ArgumentParser(description="Merge benchmark (see module docstring).")
    parser.add_argument("--scale", type=int, default=1)
    parser.add_argument("--all-templates", action="store_true")
    args = parser.parse_args()
    print(run(args.scale, args.all_templates))


if __name__ == "__main__":
    main()
