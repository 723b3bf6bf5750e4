"""Write the merge results: values (CSV, JSON), completeness, conflicts and rejected files."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import polars as pl

from kkik_xl.atomic import batch
from kkik_xl.coordinator.completeness import counts
from kkik_xl.coordinator.completeness_xlsx import write_completeness_xlsx
from kkik_xl.coordinator.merge import MergeResult
from kkik_xl.coordinator.values import write_values
from kkik_xl.sv_text import counted
from kkik_xl.textsafe import frame_csv

VALUES_STEM = "varden"
COMPLETENESS = "fullstandighet.csv"
COMPLETENESS_XLSX = "fullstandighet.xlsx"
CONFLICTS = "konflikter.csv"
REJECTED = "avvisade.csv"


def _yes_no(col: str) -> pl.Expr:
    return pl.when(pl.col(col)).then(pl.lit("ja")).otherwise(pl.lit("nej")).alias(col)


def write_merge(result: MergeResult, out_dir: Path) -> list[Path]:
    """Write every output file into ``out_dir``; returns the paths written."""
    merged = result.resolution.merged.with_columns(_yes_no("fullt_signerad"))
    synthetic = bool(result.synthetic)
    rejected = pl.DataFrame(result.rejected, schema=["fil", "orsak"], orient="row")
    with batch() as files:  # every file in place, or none
        extra = ("fil", "fullt_signerad")
        written = write_values(merged, out_dir, VALUES_STEM, synthetic=synthetic, extra=extra, files=files)
        written.append(files.text(out_dir / COMPLETENESS, frame_csv(result.completeness)))
        xlsx = partial(write_completeness_xlsx, result.completeness, synthetic=synthetic)
        written.append(files.save(out_dir / COMPLETENESS_XLSX, xlsx))
        written.append(files.text(out_dir / CONFLICTS, frame_csv(result.resolution.conflicts)))
        written.append(files.text(out_dir / REJECTED, frame_csv(rejected)))
    return written


def summary_lines(result: MergeResult) -> list[str]:
    """Swedish summary for the terminal: files, rejects with reasons, conflicts, completeness."""
    conflicts = result.resolution.conflicts
    unresolved = conflicts.filter(pl.col("utfall") == "olöst").height
    total = counts(result.completeness)
    accepted, rejected = counted(len(result.accepted), "inlämning"), counted(len(result.rejected), "fil")
    lines = [
        f"{accepted} godtogs, {rejected} avvisades.",
        f"{counted(result.resolution.merged.height, 'värde')} sammanställdes.",
    ]
    if result.synthetic:
        lines.append(
            f"SYNTETISKA DATA: {counted(len(result.synthetic), 'inlämning')} har påhittade siffror; "
            f"{VALUES_STEM}.csv "
            f"och {VALUES_STEM}.json är märkta syntetisk. Använd dem aldrig som riktiga värden."
        )
    lines += [f"Avvisad: {name}: {reason}" for name, reason in result.rejected]
    if result.ignored:
        shown = ", ".join(result.ignored[:5]) + (" …" if len(result.ignored) > 5 else "")
        n = len(result.ignored)
        lines.append(f"{counted(n, 'fil')} till i katalogerna är inte inlämningar och lästes inte: {shown}")
    if result.null_values:
        lines.append(
            f"{counted(result.null_values, 'mått')} saknade värde i inlämningarna och räknas som saknade."
        )
    solved = conflicts.height - unresolved
    lines.append(f"Konflikter: {conflicts.height} ({solved} lösta, {unresolved} olösta).")
    lines += [
        f"Konflikt {r['kpi']} för {r['kommunkod']} år {r['år']}: {r['förklaring']}"
        for r in conflicts.iter_rows(named=True)
    ]
    lines.append(
        "Fullständighet: "
        + ", ".join(f"{n} {status}" for status, n in total.items())
        + " (mall/förvaltning × mått)."
    )
    return lines
