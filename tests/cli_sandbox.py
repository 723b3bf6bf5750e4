"""Run the real ``kkik-xl`` CLI on hostile files, each run in its own process with a memory limit.

Starting a Python process that imports polars, fastexcel and openpyxl takes about a second, too slow
for hundreds of fuzz mutants. So one long-lived worker (``python tests/cli_sandbox.py``) imports the
CLI once and then, for every request, forks a child that sets ``RLIMIT_AS`` and an alarm, sends its
output to files and calls the console-script entry point. The worker never computes anything itself
(no polars thread pool exists before a fork). An abort of the Rust reader, a kill by the alarm or an
allocation over the limit ends only the child, and the worker reports it as a signal; an uncaught
Python exception is caught at the top of the child and reported as ``Traceback``. Each request is one
JSON line on stdin; each answer one JSON line on stdout.
"""

from __future__ import annotations

import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

MEMORY_LIMIT = 3 << 30
TIMEOUT_S = 60
TRACEBACK_EXIT = 70
SWEDISH = ("å", "ä", "ö", "Å", "Ä", "Ö", "Filen", "fel", "Kontroll", "mall", "kan inte")


@dataclass(frozen=True)
class Outcome:
    """How one CLI run ended: exit code (negative: killed by that signal), output and peak memory."""

    argv: tuple[str, ...]
    code: int
    stdout: str
    stderr: str
    max_rss_mb: float

    @property
    def problem(self) -> str | None:
        """What is wrong with this run (``None`` when it ended as the CLI promises)."""
        text = self.stdout + self.stderr
        if self.code < 0:
            return f"killed by signal {-self.code} (abort, timeout or out of memory)"
        if "Traceback" in text or self.code == TRACEBACK_EXIT:
            return "Python traceback"
        if self.code not in (0, 1, 2):
            return f"exit code {self.code}"
        if self.max_rss_mb > 1536:
            return f"peak memory {self.max_rss_mb:.0f} MB"
        if not any(w in text for w in SWEDISH):
            return "no Swedish text"
        return None

    def __str__(self) -> str:
        tail = (self.stdout + self.stderr)[-1500:]
        return f"{' '.join(self.argv)} -> {self.code}, {self.max_rss_mb:.0f} MB: {self.problem}\n{tail}"


class Sandbox:
    """A worker process that runs CLI commands in forked, limited children (a context manager)."""

    def __init__(self) -> None:
        self._proc: subprocess.Popen[str] | None = None
        self._dir = Path(tempfile.mkdtemp(prefix="kkik-sandbox-"))

    def __enter__(self) -> Sandbox:
        return self

    def __exit__(self, *_: object) -> None:
        if self._proc is not None:
            self._proc.stdin.close()  # type: ignore[union-attr]
            self._proc.wait(timeout=30)
        shutil.rmtree(self._dir, ignore_errors=True)

    def _worker(self) -> subprocess.Popen[str]:
        if self._proc is None or self._proc.poll() is not None:
            self._proc = subprocess.Popen(
                [sys.executable, __file__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                cwd=self._dir,
            )
        return self._proc

    def run(self, *argv: str) -> Outcome:
        """Run ``kkik-xl argv`` in a limited child and say how it ended."""
        proc = self._worker()
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write(json.dumps(list(argv)) + "\n")
        proc.stdin.flush()
        answer = json.loads(proc.stdout.readline())
        out = Path(answer["out"])
        return Outcome(
            argv=tuple(argv),
            code=answer["code"],
            stdout=out.with_suffix(".out").read_text("utf-8", "replace"),
            stderr=out.with_suffix(".err").read_text("utf-8", "replace"),
            max_rss_mb=answer["max_rss_kb"] / 1024,
        )


def _child(argv: list[str], out: Path) -> None:
    """In the forked child: limits, output to files, the CLI; never returns."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    os.environ["COLUMNS"] = "200"
    for fd, suffix in ((1, ".out"), (2, ".err")):
        target = os.open(out.with_suffix(suffix), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(target, fd)
        os.close(target)
    import signal

    signal.alarm(TIMEOUT_S)
    code = 0
    try:
        from kkik_xl.cli import main

        sys.argv = ["kkik-xl", *argv]
        main()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
    except BaseException:
        traceback.print_exc()
        code = TRACEBACK_EXIT
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _serve(stdin: IO[str], stdout: IO[str]) -> None:
    """Worker loop: one forked child per request line."""
    import kkik_xl.cli  # noqa: F401  (import once, before any fork)

    for n, line in enumerate(stdin):
        argv: list[str] = json.loads(line)
        out = Path.cwd() / f"run{n}"
        pid = os.fork()
        if pid == 0:
            _child(argv, out)
        _, status, usage = os.wait4(pid, 0)
        code = os.waitstatus_to_exitcode(status)
        answer: dict[str, Any] = {"code": code, "out": str(out), "max_rss_kb": usage.ru_maxrss}
        stdout.write(json.dumps(answer) + "\n")
        stdout.flush()


if __name__ == "__main__":
    _serve(sys.stdin, sys.stdout)
