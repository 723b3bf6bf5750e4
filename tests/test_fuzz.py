"""A bounded, seeded mutation fuzz run: no mutant of a real filled-in template crashes the CLI.

Three real templates (förskola, hemtjänst, särskilt boende) are filled with valid rows
(``tests/data/corpus_rows.py``) and mutated (``tests/fuzz_mutations.py``: zip entries, XML bytes,
attributes, a damaged compressed stream). Each mutant runs one of ``validate``, ``validate --mark``,
``compute`` and ``submit`` in its own process with a 3 GB address-space limit and a timeout
(``tests/cli_sandbox.py``). It must end with exit code 0, 1 or 2 and Swedish text, without a
traceback, an abort or a peak over 1.5 GB. Two sandboxes run side by side (CI has two cores).

``KKIK_FUZZ_MUTANTS`` sets the number of mutants (default 300, a few minutes) and ``KKIK_FUZZ_SEED``
the first seed, for a longer run by hand: ``KKIK_FUZZ_MUTANTS=3000 .venv/bin/pytest tests/test_fuzz.py``.
A failure names the seed, the mutations and the command; ``fuzz_mutations.mutant(source, out, seed)``
writes that file again.
"""

from __future__ import annotations

import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from cli_sandbox import Outcome, Sandbox
from fuzz_mutations import mutant

sys.path.insert(0, str(Path(__file__).parent / "data"))

import corpus_rows as cr
from corpus_tools import filled

MUTANTS = int(os.environ.get("KKIK_FUZZ_MUTANTS", "300"))
FIRST_SEED = int(os.environ.get("KKIK_FUZZ_SEED", "0"))
SOURCES = {
    "forskola": cr.forskola,
    "hemtjanst": cr.hemtjanst,
    "sarskilt-boende": cr.sarskilt_boende,
}
WORKERS = 2


def _argv(seed: int, template: str, file: Path, out: Path) -> tuple[str, ...]:
    commands = (
        ("validate", str(file)),
        ("validate", "--mark", str(file)),
        ("compute", template, str(file), "--year", "2025"),
        ("submit", str(file), "--out", str(out)),
    )
    return commands[seed % len(commands)]


def _run_share(box: Sandbox, seeds: list[int], sources: dict[str, Path], out: Path) -> list[str]:
    failures = []
    templates = list(sources)
    for seed in seeds:
        template = templates[seed % len(templates)]
        file, how = mutant(sources[template], out / f"mutant_{seed}.xlsx", seed)
        outcome = box.run(*_argv(seed, template, file, out))
        if outcome.problem is not None:
            failures.append(f"seed {seed} ({template}, {how}): {outcome}")
        file.unlink(missing_ok=True)
    return failures


def test_mutants_never_crash(tmp_path: Path) -> None:
    sources = {t: filled(tmp_path / f"{t}.xlsx", t, rows()) for t, rows in SOURCES.items()}
    seeds = list(range(FIRST_SEED, FIRST_SEED + MUTANTS))
    shares = [seeds[i::WORKERS] for i in range(WORKERS)]
    outs = [tmp_path / f"w{i}" for i in range(WORKERS)]
    for out in outs:
        out.mkdir()
    with Sandbox() as a, Sandbox() as b, ThreadPoolExecutor(WORKERS) as pool:
        runs = pool.map(_run_share, (a, b), shares, (sources, sources), outs)
        failures = [f for share in runs for f in share]
    assert not failures, f"{len(failures)} of {MUTANTS} mutants failed:\n\n" + "\n\n".join(failures[:10])


@pytest.mark.parametrize(
    ("code", "text", "rss", "problem"),
    [
        (0, "Inga anmärkningar.", 200, None),
        (2, "Fel: Filen f.xlsx är skadad.", 200, None),
        (-6, "", 200, "killed by signal 6"),
        (70, "Traceback (most recent call last):", 200, "Python traceback"),
        (1, 'Traceback (most recent call last):\n  File "x"', 200, "Python traceback"),
        (3, "Fel", 200, "exit code 3"),
        (0, "Inga anmärkningar.", 2000, "peak memory"),
        (2, "Error: no such file", 200, "no Swedish text"),
    ],
)
def test_the_sandbox_tells_a_crash(code: int, text: str, rss: float, problem: str | None) -> None:
    outcome = Outcome(("validate", "f.xlsx"), code, text, "", rss)
    assert (outcome.problem or "").startswith(problem or "") and (outcome.problem is None) == (
        problem is None
    )
