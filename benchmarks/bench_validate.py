"""``kkik-xl validate`` against a bare fastexcel typed read of the same 1M-row hemtjänst log.

Usage: ``python benchmarks/bench_validate.py [--rows 1048575] [--runs 3] [--compare-rows 100000]
[--compare-runs 1] [--no-compare] [--case standard|utanfor|inline]``  (``make bench`` runs it with
the defaults). ``--case utanfor``: every visit after the period, so every row breaks a rule (the
findings are summarised); ``--case inline``: the texts as inline strings (``t="inlineStr"``).

The log is made by :mod:`hemtjanst_log` (seeded; cached under ``/tmp`` by seed, size and generator
source, not timed). Every measurement runs in a fresh child process, back to back within one run,
so both sides see the same machine load:

* ``bare``: ``fastexcel.read_excel(f).load_sheet("Besök", dtypes=…).to_polars()``;
* ``validate``: :func:`kkik_xl.rules.validate_workbook` (every rule, every measure) and the JSON
  report written to a file — the code ``kkik-xl validate --report json`` runs;
* ``cli``: the real ``kkik-xl validate FILE --report json --out …`` (interpreter start and imports
  included, so it is not part of the ratio).

Times are wall clock of the measured call, plus its CPU time (all threads); peak RSS is the child's
``ru_maxrss`` (``os.wait4``). On a shared, loaded machine the two processes can see very different
load, so validation is also compared with its *own* fastexcel call (timed inside the same process):
that ratio is the overhead of everything validation adds, measured at the same moment.
Each run checks that validation found exactly the injected mistakes.
On a smaller log the same validation is compared with ``frictionless validate`` (types only; needs
the ``bench`` extra) and with pandas + openpyxl reading the sheet.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import hemtjanst_log as log  # noqa: E402

SHEET = log.TABLE.sheet
BARE_DTYPES = {
    "Brukare": "string",
    "Födelseår": "float",
    "Datum": "date",
    "Starttid": "duration",
    "Sluttid": "duration",
    "Personal": "string",
    "Personalkategori": "string",
    "Besökstyp": "string",
    "Hemtjänstgrupp": "string",
}
FRICTIONLESS_TYPES = ["string", "integer", "date", "time", "time", "string", "string", "string", "string"]
TARGET_RATIO, TARGET_RSS_MB = 1.25, 1536


# ---------------------------------------------------------------- parts (run in a child process)


def part_bare(path: Path) -> dict[str, Any]:
    """The baseline: fastexcel with explicit dtypes, to polars."""
    import fastexcel

    frame = fastexcel.read_excel(path).load_sheet(SHEET, dtypes=BARE_DTYPES).to_polars()  # type: ignore[arg-type]
    return {"rows": frame.height}


def part_validate(path: Path) -> dict[str, Any]:
    """What ``kkik-xl validate --report json --out`` does, in this process."""
    from kkik_xl.excel import xlsx_reader
    from kkik_xl.rules import validate_workbook
    from kkik_xl.rules.report import to_json

    inner = {"read_wall": 0.0, "read_cpu": 0.0}
    load = xlsx_reader.load

    def timed_load(*args: Any, **kwargs: Any) -> Any:  # the fastexcel call inside validation
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return load(*args, **kwargs)
        finally:
            inner["read_wall"] += time.perf_counter() - wall
            inner["read_cpu"] += time.process_time() - cpu

    xlsx_reader.load = timed_load  # type: ignore[assignment]
    report = validate_workbook(path)
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rapport.json"
        out.write_text(json.dumps(to_json(report), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return {"findings": [[f.sheet, f.cell, f.code] for f in report.findings], **inner}


def part_frictionless(path: Path) -> dict[str, Any]:
    """``frictionless validate`` with a schema of types only (no constraints)."""
    from frictionless import Resource, Schema, formats

    fields = [{"name": n, "type": t} for n, t in zip(log.HEADERS, FRICTIONLESS_TYPES, strict=True)]
    resource = Resource(
        path.name,
        basepath=str(path.parent),
        format="xlsx",
        control=formats.ExcelControl(sheet=SHEET),
        schema=Schema.from_descriptor({"fields": fields}),
    )
    report = resource.validate(limit_errors=1_000_000)
    return {"errors": report.flatten(["rowNumber", "fieldNumber", "type"])}


def part_pandas(path: Path) -> dict[str, Any]:
    """pandas + openpyxl reading the sheet (types inferred by pandas)."""
    import pandas as pd

    frame = pd.read_excel(path, sheet_name=SHEET, engine="openpyxl")
    return {"rows": len(frame)}


PARTS = {
    "bare": part_bare,
    "validate": part_validate,
    "frictionless": part_frictionless,
    "pandas": part_pandas,
}
IMPORTS = {
    "bare": "fastexcel, polars",
    "validate": "kkik_xl.rules, kkik_xl.rules.report",
    "frictionless": "frictionless",
    "pandas": "pandas, openpyxl",
}


def run_part(name: str, path: Path) -> None:
    """Child process: import first (not timed), then time the part and print one JSON line."""
    for module in IMPORTS[name].split(", "):
        __import__(module)
    wall, cpu = time.perf_counter(), time.process_time()
    result = PARTS[name](path)
    result |= {"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu}
    print(json.dumps(result))


# ---------------------------------------------------------------- orchestration


def child(args: list[str]) -> tuple[dict[str, Any], float, float]:
    """Run a child process; its JSON line (if any), wall seconds, and peak RSS in MB."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    out = proc.stdout.read() if proc.stdout else ""
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - t0
    lines = [line for line in out.splitlines() if line.startswith("{")]
    return (json.loads(lines[-1]) if lines else {"exit": proc.returncode}), wall, usage.ru_maxrss / 1024


def measure(name: str, path: Path) -> dict[str, Any]:
    """One part in a fresh process, with its peak RSS."""
    result, _, rss = child([sys.executable, __file__, "--part", name, str(path)])
    if "wall" not in result:
        raise SystemExit(f"delen {name} misslyckades: {result}")
    return result | {"rss": rss}


def measure_cli(path: Path) -> dict[str, Any]:
    """The real command line, end to end."""
    exe = Path(sys.executable).with_name("kkik-xl")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "rapport.json"
        result, wall, rss = child([str(exe), "validate", str(path), "--report", "json", "--out", str(out)])
        codes = sorted(f["code"] for f in json.loads(out.read_text(encoding="utf-8"))["findings"])
    return {"wall": wall, "rss": rss, "exit": result.get("exit"), "codes": codes}


CASES: dict[str, dict[str, Any]] = {
    "standard": {},
    "utanfor": {"shift_days": log.DAYS},  # every row breaks a rule: all visits after the period
    "inline": {"inline": True},  # texts as inline strings, all rows inside the period
}
"""The logs measured: generator options by case name (``--case``)."""


def log_file(rows: int, case: str = "standard") -> tuple[Path, set[tuple[str, str | None, str]]]:
    """The cached generated log of ``case`` and the findings validation must give for it."""
    from kkik_xl.excel.template_builder import build_template

    made_from = Path(log.__file__).read_bytes() + build_template("hemtjanst", log.YEAR)
    source = hashlib.sha256(made_from).hexdigest()[:10]  # a changed generator or template: a new file
    suffix = "" if case == "standard" else f"-{case}"
    path = Path(tempfile.gettempdir()) / f"kkik-bench-hemtjanst-{rows}-{log.SEED}-{source}{suffix}.xlsx"
    if not path.exists():
        t0 = time.perf_counter()
        log.generate(path.with_suffix(".tmp"), rows, **CASES[case])
        path.with_suffix(".tmp").rename(path)
        print(
            f"genererade {path.name} ({path.stat().st_size / 1e6:.1f} MB) på {time.perf_counter() - t0:.0f} s"
        )
    expected: set[tuple[str, str | None, str]] = set(log.expected_findings(rows))
    if case == "utanfor":
        expected = outside_findings(rows, expected)
    return path, expected | log.size_notes(path)


def outside_findings(
    rows: int, injected: set[tuple[str, str | None, str]]
) -> set[tuple[str, str | None, str]]:
    """Every row after the period: the first five date cells one by one and one summary for all."""
    from kkik_xl.measures.settings import DEFAULT_SUMMARY_SHOWN

    date = log.LETTERS[log.HEADERS.index("Datum")]
    first = {(SHEET, f"{date}{r}", "KKIK-DA-001") for r in range(2, 2 + DEFAULT_SUMMARY_SHOWN)}
    summary = (SHEET, f"{date}2:{date}{rows + 1}", "KKIK-DA-001")
    return {f for f in injected if f[2] != "KKIK-DA-001"} | first | {summary}


def machine() -> str:
    """CPU model, cores, memory and load, for the record."""
    model = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in ln
        ),
        platform.processor(),
    )
    mem = next(
        ln.split()[1] for ln in Path("/proc/meminfo").read_text().splitlines() if ln.startswith("MemTotal")
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return f"{model}, {os.cpu_count()} kärnor, {int(mem) / 2**20:.0f} GiB, belastning {load}"


def span(values: list[float], fmt: str = "{:.2f}") -> str:
    """``min–max`` of the values."""
    return f"{fmt.format(min(values))}–{fmt.format(max(values))}"


def _timing(part: dict[str, Any]) -> str:
    return f"{part['wall']:.2f} s (cpu {part['cpu']:.2f} s, {part['rss']:.0f} MB)"


def main_runs(rows: int, runs: int, case: str = "standard") -> None:
    """The 1M comparison: bare read vs validate vs CLI, ``runs`` times."""
    path, expected = log_file(rows, case)
    print(f"{time.strftime('%Y-%m-%d %H:%M')} · {machine()} · Python {platform.python_version()}")
    print(f"fil: {path.name} ({case}), {rows:,} rader, {path.stat().st_size / 1e6:.1f} MB")
    ratios, cpu_ratios, rss, cli_ratios, inner, inner_cpu = [], [], [], [], [], []
    for i in range(1, runs + 1):
        load = os.getloadavg()[0]
        bare, val, cli = measure("bare", path), measure("validate", path), measure_cli(path)
        found = {(s, c, code) for s, c, code in val["findings"]}
        ok = "exakt de inlagda felen" if found == expected else f"AVVIKER: {sorted(found ^ expected)}"
        ratios.append(val["wall"] / bare["wall"])
        cpu_ratios.append(val["cpu"] / bare["cpu"])
        cli_ratios.append(cli["wall"] / bare["wall"])
        rss.append(val["rss"])
        inner.append(val["wall"] / val["read_wall"])
        inner_cpu.append(val["cpu"] / val["read_cpu"])
        print(
            f"körning {i} (belastning {load:.1f}): fastexcel {_timing(bare)} · validate {_timing(val)} · "
            f"kvot {ratios[-1]:.3f} (cpu {cpu_ratios[-1]:.3f}; mot egen läsning {inner[-1]:.3f}, "
            f"cpu {inner_cpu[-1]:.3f}) · CLI {cli['wall']:.2f} s, "
            f"{cli['rss']:.0f} MB, slutkod {cli['exit']} · {ok}"
        )
    print(
        f"kvot validate/fastexcel: {span(ratios, '{:.3f}')} (mål ≤ {TARGET_RATIO}); cpu-kvot "
        f"{span(cpu_ratios, '{:.3f}')}; validate mot sin egen fastexcel-läsning {span(inner, '{:.3f}')} "
        f"(cpu {span(inner_cpu, '{:.3f}')}); CLI/fastexcel {span(cli_ratios)}; "
        f"högsta RSS validate {max(rss):.0f} MB (mål ≤ {TARGET_RSS_MB} MB)"
    )


def compare(rows: int, runs: int) -> None:
    """Validate vs frictionless (types only) and pandas + openpyxl on a smaller log."""
    path, _ = log_file(rows)
    print(f"jämförelse på {rows:,} rader ({path.stat().st_size / 1e6:.1f} MB):")
    try:
        __import__("frictionless")
        names = ["bare", "validate", "frictionless", "pandas"]
    except ImportError:
        print("  frictionless saknas: pip install -e '.[bench]'")
        names = ["bare", "validate", "pandas"]
    times: dict[str, list[float]] = {n: [] for n in names}
    for _ in range(runs):
        for name in names:
            times[name].append(measure(name, path)["wall"])
    val = times["validate"]
    for name in names:
        ratio = [t / v for t, v in zip(times[name], val, strict=True)]
        print(f"  {name:<12} {span(times[name])} s  · gånger kkik-xl validate: {span(ratio)}")


def main() -> None:
    """Parse arguments; run a part (child) or the whole benchmark."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=sorted(PARTS))
    parser.add_argument("file", nargs="?", type=Path)
    parser.add_argument("--rows", type=int, default=log.MAX_ROWS)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--compare-rows", type=int, default=100_000)
    parser.add_argument("--compare-runs", type=int, default=1)
    parser.add_argument("--no-compare", action="store_true")
    parser.add_argument("--case", choices=sorted(CASES), default="standard")
    args = parser.parse_args()
    if args.part:
        run_part(args.part, args.file)
        return
    main_runs(args.rows, args.runs, args.case)
    if not args.no_compare and args.case == "standard":
        compare(args.compare_rows, args.compare_runs)


if __name__ == "__main__":
    main()
