"""Run the real ``kkik-xl`` command line as a user would, with a log file per call and Swedish errors."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kkik_xl.atomic import write_text


class DemoError(Exception):
    """A demo step failed; ``reason`` is Swedish and says where the log is."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass
class CliRunner:
    """Runs ``python -m kkik_xl ARGS`` in ``cwd`` and keeps each call's output in ``logs``."""

    cwd: Path
    logs: Path
    calls: list[list[str]] = field(default_factory=list)
    on_call: Callable[[str], None] | None = None

    def run(self, name: str, *args: str, ok: tuple[int, ...] = (0,)) -> int:
        """Run one command; raise :class:`DemoError` unless its exit code is in ``ok``."""
        self.logs.mkdir(parents=True, exist_ok=True)
        self.calls.append(["kkik-xl", *args])
        log = self.logs / f"{len(self.calls):02d}_{name}.log"
        if self.on_call is not None:
            self.on_call(f"kkik-xl {args[0]}")
        cmd = [sys.executable, "-m", "kkik_xl", *args]
        done = subprocess.run(cmd, cwd=self.cwd, capture_output=True, text=True, encoding="utf-8")
        write_text(
            log, f"$ kkik-xl {' '.join(args)}\n# slutkod {done.returncode}\n\n{done.stdout}\n{done.stderr}"
        )
        if done.returncode not in ok:
            raise DemoError(
                f"Steget ”kkik-xl {' '.join(args)}” slutade med kod {done.returncode}. Se loggen {log}."
            )
        return done.returncode
