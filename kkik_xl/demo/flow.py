"""``make demo``: one municipality's whole KKiK year, through the real command line, into ``demo-output/``.

Templates → department workbooks (with a few deliberate mistakes) → validation with marked copies →
corrections and justified warnings → submissions (marked synthetic: the rows are invented) signed by all
three roles → the coordinator's merge and Kolada export (synthetic data allowed explicitly) → comparison
against the synthetic national dataset (HTML report and comparison workbook). The demo stops with an
error unless the merge counts every measure of every template as present and fully signed.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from kkik_xl import terminal
from kkik_xl.atomic import write_text
from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.completeness import PRESENT
from kkik_xl.coordinator.merge_output import COMPLETENESS
from kkik_xl.demo import motivations, workbooks
from kkik_xl.demo.runner import CliRunner, DemoError
from kkik_xl.demo.summary import Outcome, print_summary
from kkik_xl.excel.marking import marked_path
from kkik_xl.findings import Finding, Severity
from kkik_xl.terminal import line, styled

YEAR = 2025
KOMMUN, KOMMUNKOD = "Ale", "1440"
MARKER = ".kkik-demo"
JUSTIFICATION = "Kontrollerat mot verksamhetssystemet: uppgiften stämmer."
LOOP_TEMPLATE = "forskola"
"""The template whose marked copy goes through the whole correction loop (second --mark, deleted row)."""
SIGNERS = (
    ("registrerad", "Registrator {department}"),
    ("kontrollerad", "Controller kommunledningskontoret"),
    ("godkänd", "Förvaltningschef {department}"),
)
DIRS = {
    "mallar": "mallar",
    "first": "1_forsta_versionen",
    "fixed": "2_rattad",
    "sub": "3_inlamningar",
    "merged": "4_sammanstallning",
    "nation": "5_nationellt_syntetiskt",
    "report": "6_rapport",
}


@dataclass
class Demo:
    """The demo's state: output folder, the CLI runner, what happened (for the summary)."""

    out: Path
    cli: CliRunner = field(init=False)
    outcome: Outcome = field(default_factory=Outcome)

    def __post_init__(self) -> None:
        self.cli = CliRunner(cwd=self.out, logs=self.out / "logg")

    def path(self, key: str, name: str = "") -> Path:
        """A path under one of the demo's folders (relative to the output folder)."""
        return Path(DIRS[key]) / name if name else Path(DIRS[key])

    def abs(self, rel: Path) -> Path:
        """The absolute path of a path relative to the output folder."""
        return self.out / rel


def prepare_output(out: Path) -> None:
    """Empty an earlier demo's folder; refuse to touch a non-empty folder the demo did not create."""
    if out.exists() and any(out.iterdir()):
        if not (out / MARKER).is_file():
            raise DemoError(f"Mappen {out} finns redan och är inte skapad av demon. Välj en annan mapp.")
        shutil.rmtree(out)
    write_text(out / MARKER, "Skapad av make demo; töms när demon körs igen.\n")


def workbook_name(template_id: str) -> str:
    """``forskola_2025_Ale.xlsx``."""
    return f"{template_id}_{YEAR}_{KOMMUN}.xlsx"


def findings_of(report: Path) -> list[Finding]:
    """The findings of a ``validate --report json`` file."""
    doc = json.loads(report.read_text(encoding="utf-8"))
    return [Finding.model_validate(f) for f in doc["findings"]]


def validate(demo: Demo, workbook: Path, name: str) -> list[Finding]:
    """``kkik-xl validate --mark --report json``; exit 0 or 1 are both results, 2 is a failure."""
    report = workbook.with_name(workbook.stem.removesuffix("_kontrollerad") + "_kontroll.json")
    demo.cli.run(
        name, "validate", str(workbook), "--mark", "--report", "json", "--out", str(report), ok=(0, 1)
    )
    return findings_of(demo.abs(report))


def first_version(demo: Demo, template_id: str, blank: Path, rows: workbooks.Rows) -> list[Finding]:
    """Fill the department's first version (with its mistakes) and validate it with a marked copy."""
    target = demo.path("first", workbook_name(template_id))
    workbooks.fill(blank, demo.abs(target), rows, KOMMUN)
    findings = validate(demo, target, f"validera_{template_id}")
    demo.outcome.first[template_id] = findings
    return findings


def corrected_version(demo: Demo, template_id: str, blank: Path, rows: workbooks.Rows) -> Path:
    """Fill the corrected rows, validate again (no error may remain) and justify the warnings.

    The Motiveringar are written beside the warnings in the marked copy, the working file that is then
    submitted; for :data:`LOOP_TEMPLATE` the whole correction loop runs on it (:mod:`motivations`).
    """
    target = demo.path("fixed", workbook_name(template_id))
    workbooks.fill(blank, demo.abs(target), rows, KOMMUN)
    findings = validate(demo, target, f"validera_igen_{template_id}")
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors:
        raise DemoError(
            f"{target}: {len(errors)} fel finns kvar efter rättningen, till exempel {errors[0].message}"
        )
    marked = marked_path(target)
    reason = motivations.numbered(JUSTIFICATION)
    demo.outcome.justified[template_id] = workbooks.justify(demo.abs(marked), findings, reason)
    if template_id == LOOP_TEMPLATE:
        check = partial(_validate_abs, demo)
        demo.outcome.loop = motivations.loop(check, demo.abs(target), demo.abs(marked), JUSTIFICATION)
    return marked


def _validate_abs(demo: Demo, workbook: Path, name: str) -> list[Finding]:
    return validate(demo, workbook.relative_to(demo.out), name)


def submit_and_sign(demo: Demo, template_id: str, workbook: Path) -> None:
    """``kkik-xl submit --syntetisk`` and the three signatures, each by a different person."""
    out = str(demo.path("sub"))
    demo.cli.run(f"lamna_in_{template_id}", "submit", str(workbook), "--out", out, "--syntetisk")
    sub = demo.path("sub", f"{KOMMUNKOD}_{template_id}_{YEAR}.kkik.json")
    department = CATALOGUE.template(template_id).department.lower()
    for role, who in SIGNERS:
        demo.cli.run(
            f"signera_{role.replace('ä', 'a')}_{template_id}",
            "sign",
            str(sub),
            "--role",
            role,
            "--by",
            who.format(department=department),
        )
    demo.outcome.submissions.append(sub)


def coordinator(demo: Demo) -> None:
    """Merge, Kolada export, the synthetic nation and the comparison in three formats."""
    merged, nation, report = demo.path("merged"), demo.path("nation"), demo.path("report")
    demo.cli.run("sammanstall", "merge", str(demo.path("sub")), "--out", str(merged))
    demo.outcome.completeness = completeness_counts(demo.abs(merged / COMPLETENESS))
    subs = [str(s) for s in demo.outcome.submissions]
    kolada = ("--out", str(merged / "kolada.csv"), "--tillat-syntetiska")
    demo.cli.run("exportera_kolada", "export-kolada", *subs, *kolada)
    demo.cli.run("syntetiskt_nationellt", "synthetic", "--out", str(nation), "--year", str(YEAR))
    values = [str(merged / "varden.json"), str(nation / f"syntetisk_nationell_{YEAR - 2}-{YEAR}.csv")]
    for fmt in ("json", "html", "xlsx"):
        out = report / f"jamforelse_{KOMMUNKOD}_{YEAR}.{fmt}"
        args = ("compare", *values, "--year", str(YEAR), "--municipality", KOMMUNKOD, "--format", fmt)
        demo.cli.run(f"jamfor_{fmt}", *args, "--out", str(out))
        demo.outcome.reports[fmt] = out


def completeness_counts(path: Path) -> dict[str, int]:
    """Status → count from the merge's ``fullstandighet.csv``; every measure must be ``finns``."""
    with path.open(encoding="utf-8") as handle:
        counts = Counter(row["status"] for row in csv.DictReader(handle, delimiter=";"))
    if set(counts) != {PRESENT}:
        raise DemoError(f"Sammanställningen räknar inte allt som inlämnat och signerat: {dict(counts)}.")
    return dict(counts)


def steps(demo: Demo) -> list[tuple[str, Callable[[], object]]]:
    """The demo as ``(Swedish description, callable)`` steps, in order."""
    templates = ("template", "--all", "--year", str(YEAR), "--out", DIRS["mallar"])
    out: list[tuple[str, Callable[[], object]]] = [
        ("Skapar mallarna", lambda: demo.cli.run("mallar", *templates))
    ]
    for t in CATALOGUE.templates:
        out.append((f"{t.name}: fyller i och validerar", partial(_department, demo, t.id)))
    out.append(("Samordnaren: sammanställer, exporterar och jämför", lambda: coordinator(demo)))
    return out


def _department(demo: Demo, template_id: str) -> None:
    blank = demo.abs(demo.path("mallar", f"{template_id}.xlsx"))
    clean = workbooks.clean_rows(template_id, YEAR)
    broken = workbooks.with_mistakes(template_id, clean)
    found = first_version(demo, template_id, blank, broken)
    fixed = workbooks.corrected(template_id, broken, clean, found)
    submit_and_sign(demo, template_id, corrected_version(demo, template_id, blank, fixed))


def run(out: Path, console: Console) -> Demo:
    """Run every step with a progress bar; return the demo state for the summary."""
    prepare_output(out)
    demo = Demo(out=out.resolve())
    plan = steps(demo)
    columns = (
        TextColumn("{task.description}", markup=False),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("Demo", total=len(plan))
        for description, step in plan:
            demo.cli.on_call = lambda cmd, d=description: progress.update(task, description=f"{d} ({cmd})")
            step()
            console.print(line(styled("✓", "green"), " ", description))
            progress.advance(task)
    return demo


def main(argv: list[str] | None = None) -> int:
    """``python -m kkik_xl.demo [MAPP]``: the whole flow into MAPP (default ``demo-output``)."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0] if args else "demo-output")
    console = terminal.console()
    console.rule(f"kkik-xl demo: {KOMMUN} kommun ({KOMMUNKOD}), mätår {YEAR}")
    try:
        demo = run(out, console)
    except DemoError as err:
        console.print(line(styled("Demon stoppade:", "red"), " ", err.reason))
        return 1
    print_summary(demo.outcome, demo.out, console)
    return 0
