"""The demo's closing words: what was found and fixed, the colours, and the files to open."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.coordinator.compare import Comparison
from kkik_xl.findings import Finding, Severity
from kkik_xl.submission import is_fully_signed, load_submission
from kkik_xl.submission.model import ROLE_ORDER
from kkik_xl.terminal import plain


@dataclass
class Outcome:
    """What the demo did, per template and in total."""

    first: dict[str, list[Finding]] = field(default_factory=dict)
    justified: dict[str, int] = field(default_factory=dict)
    submissions: list[Path] = field(default_factory=list)
    reports: dict[str, Path] = field(default_factory=dict)
    loop: list[str] = field(default_factory=list)
    """What the correction loop showed (second --mark, deleted row), in Swedish."""
    completeness: dict[str, int] = field(default_factory=dict)  # merge status → measures

    def errors(self) -> list[tuple[str, Finding]]:
        """Every error of the first versions, with its template id."""
        return [(t, f) for t, fs in self.first.items() for f in fs if f.severity is Severity.ERROR]


def signed_roles(path: Path) -> str:
    """``ja (3 roller)`` when the submission holds and is fully signed, else what it has."""
    sub = load_submission(path)
    n = len(sub.signatures)
    return f"ja ({n} roller)" if is_fully_signed(sub) else f"nej ({n} av {len(ROLE_ORDER)} roller)"


def department_table(outcome: Outcome, out: Path) -> Table:
    """One row per template: errors found, warnings justified, submitted."""
    table = Table(title="Förvaltningarnas arbetsböcker")
    for heading in ("Mall", "Fel först", "Motiverade varningar", "Inlämnad och signerad"):
        table.add_column(heading)
    submitted = {p.name.split("_")[1]: p for p in outcome.submissions}
    for t in CATALOGUE.templates:
        errors = sum(f.severity is Severity.ERROR for f in outcome.first.get(t.id, []))
        done = signed_roles(out / submitted[t.id]) if t.id in submitted else "nej"
        table.add_row(t.id, str(errors), str(outcome.justified.get(t.id, 0)), done)
    return table


def comparison_sentence(path: Path) -> str:
    """``Ale 2025: 55 % gröna, …`` from the comparison JSON."""
    comparison = Comparison.model_validate(json.loads(path.read_text(encoding="utf-8")))
    return f"{comparison.sentence()} (bland {len(comparison.measures)} mått)"


def to_open(outcome: Outcome, out: Path) -> list[tuple[str, Path]]:
    """The files a new user should open first."""
    marked = sorted(out.glob("1_forsta_versionen/forskola_*_kontrollerad.xlsx"))
    files = [("Markerad arbetsbok med felen", p) for p in marked[:1]]
    labels = {"html": "Jämförelserapport (HTML)", "xlsx": "Jämförelsearbetsbok (Excel)"}
    files += [(label, out / outcome.reports[fmt]) for fmt, label in labels.items() if fmt in outcome.reports]
    return [*files, ("Koladafilen", out / "4_sammanstallning" / "kolada.csv"), ("Loggar", out / "logg")]


def print_summary(outcome: Outcome, out: Path, console: Console) -> None:
    """Print the Swedish summary and the paths to open."""
    console.rule("Sammanfattning")
    console.print(department_table(outcome, out))
    if outcome.loop:
        console.print("Motiveringarna följer sina rader:")
        for line in outcome.loop:
            console.print(f"  • {line}", highlight=False)
    if outcome.completeness:
        total = ", ".join(f"{n} {status}" for status, n in outcome.completeness.items())
        console.print(f"Sammanställningen: {total} (mått); inlämningarna är märkta SYNTETISKA DATA.")
    console.print("Avsiktliga fel som valideringen hittade (rättade före inlämningen):")
    for template_id, f in outcome.errors():
        console.print(plain(f"  • {template_id}: {f.sheet}!{f.cell} {f.code}: {f.message}"))
    if "json" in outcome.reports:
        sentence = comparison_sentence(out / outcome.reports["json"])
        console.print(plain(f"Jämförelse mot SYNTETISKA nationella värden: {sentence}."))
    console.print("Öppna:")
    for label, path in to_open(outcome, out):
        console.print(plain(f"  {label}: {path}"), soft_wrap=True)
