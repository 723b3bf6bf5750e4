"""Merge submissions: read and check every file, resolve conflicts, build completeness, list rejects.

Reading a submission is delegated to a *reader* (:mod:`kkik_xl.coordinator.submissions` adapts the
submission model); a reader returns a :class:`Loaded` or raises :class:`Rejected` with a Swedish reason.
Every file given ends up either merged or in the rejected list.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import polars as pl

from kkik_xl.coordinator.completeness import FILE_SCHEMA, completeness
from kkik_xl.coordinator.conflicts import ENTRY_SCHEMA, Resolution, resolve

SUFFIX = ".kkik.json"
NAME_PATTERN = re.compile(r"^(?P<kod>\d{4})_(?P<mall>[a-z-]+)_(?P<ar>\d{4})\.kkik\.json$")


class Rejected(Exception):
    """A file that cannot be merged; ``reason`` is a Swedish sentence, ``loaded`` what could be read."""

    def __init__(self, reason: str, loaded: Loaded | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.loaded = loaded


@dataclass(frozen=True)
class Loaded:
    """What the merge needs from one valid submission."""

    path: Path
    kommunkod: str
    year: int
    template: str
    fully_signed: bool
    time: datetime | None
    values: tuple[tuple[str, str, float | None], ...]  # (kpi, kön, värde)
    synthetic: bool = False  # invented demo/test figures
    undefined: tuple[tuple[str, str], ...] = ()  # (kpi, Swedish reason) of measures without a value


Reader = Callable[[Path], Loaded]


@dataclass
class MergeResult:
    """Everything ``kkik-xl merge`` writes."""

    resolution: Resolution
    completeness: pl.DataFrame
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    accepted: list[str] = field(default_factory=list)
    null_values: int = 0
    ignored: list[str] = field(default_factory=list)  # other files in the directories given
    synthetic: list[str] = field(default_factory=list)  # accepted files with invented figures
    missing: list[str] = field(default_factory=list)  # "U11402 för 0114 år 2025: inga rader (fil)"
    unreadable: list[str] = field(default_factory=list)  # rejected files that could not be read at all


def expand(paths: list[Path]) -> tuple[list[Path], list[tuple[str, str]], list[str]]:
    """Files given plus ``*.kkik.json`` under directories; missing paths are rejected, not skipped.

    Returns (files, rejected, ignored): ignored are other files found in the directories.
    """
    files: list[Path] = []
    rejected: list[tuple[str, str]] = []
    ignored: list[str] = []
    for path in paths:
        if path.is_dir():
            everything = sorted(p for p in path.rglob("*") if p.is_file())
            found = [p for p in everything if p.name.endswith(SUFFIX)]
            ignored += [p.relative_to(path).as_posix() for p in everything if not p.name.endswith(SUFFIX)]
            if not found:
                rejected.append((shown(path), f"Katalogen innehåller inga {SUFFIX}-filer."))
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            rejected.append((shown(path), "Filen finns inte."))
    unique = list({p.resolve(): p for p in files}.values())  # a file named twice is read once
    return unique, rejected, ignored


def _scope_from_name(path: Path) -> tuple[str | None, int | None, str | None]:
    """(kommunkod, år, mall) from ``<kommunkod>_<mall>_<år>.kkik.json``, else Nones."""
    match = NAME_PATTERN.match(path.name)
    if not match:
        return None, None, None
    return match["kod"], int(match["ar"]), match["mall"]


def shown(path: Path) -> str:
    """A path as the outputs show it: as given when relative, else its name (no coordinator's folders)."""
    return path.as_posix() if not path.is_absolute() else path.name


def _labels(files: list[Path]) -> list[str]:
    """File name; when files share a name, the path from the folder they have in common (never absolute)."""
    names = Counter(p.name for p in files)
    clashing = [p.resolve() for p in files if names[p.name] > 1]
    common = Path(os.path.commonpath([p.parent for p in clashing])) if clashing else None
    return [
        p.name if names[p.name] == 1 or common is None else p.resolve().relative_to(common).as_posix()
        for p in files
    ]


def _read(reader: Reader, path: Path) -> Loaded:
    """``reader(path)``; an unexpected error in one file rejects that file, never the whole merge."""
    try:
        return reader(path)
    except (ValueError, ArithmeticError, RecursionError, TypeError, MemoryError) as exc:
        raise Rejected(f"Filen kunde inte läsas ({exc.__class__.__name__}); be om en ny fil.") from exc


def _entries(label: str, loaded: Loaded, missing: list[str]) -> list[tuple[object, ...]]:
    """One ``ENTRY_SCHEMA`` row per value of ``loaded``; measures without a value go to ``missing``."""
    reasons = dict(loaded.undefined)
    rows: list[tuple[object, ...]] = []
    for kpi, gender, value in loaded.values:
        if value is None:
            why = reasons.get(kpi) or "inget värde"
            missing.append(f"{kpi} för {loaded.kommunkod} år {loaded.year}: {why} ({label})")
        else:
            rows.append(
                (label, loaded.kommunkod, kpi, loaded.year, gender, value, loaded.time, loaded.fully_signed)
            )
    return rows


def merge(paths: list[Path], reader: Reader) -> MergeResult:
    """Read, check and merge ``paths`` (files and directories)."""
    files, rejected, ignored = expand(paths)
    file_rows: list[tuple[object, ...]] = []
    entry_rows: list[tuple[object, ...]] = []
    accepted: list[str] = []
    synthetic: list[str] = []
    missing: list[str] = []
    unreadable = [name for name, _ in rejected]  # missing paths and empty directories
    for path, label in zip(files, _labels(files), strict=True):
        try:
            loaded = _read(reader, path)
        except Rejected as exc:
            rejected.append((label, exc.reason))
            if exc.loaded is None:
                unreadable.append(label)
            kod, year, mall = _scope_from_name(path)
            if exc.loaded is not None:
                kod, year, mall = exc.loaded.kommunkod, exc.loaded.year, exc.loaded.template
            file_rows.append((label, kod, year, mall, False, False))
            continue
        accepted.append(label)
        if loaded.synthetic:
            synthetic.append(label)
        file_rows.append((label, loaded.kommunkod, loaded.year, loaded.template, True, loaded.fully_signed))
        entry_rows += _entries(label, loaded, missing)
    files_frame = pl.DataFrame(file_rows, schema=FILE_SCHEMA, orient="row")
    entries = pl.DataFrame(entry_rows, schema=ENTRY_SCHEMA, orient="row")
    return MergeResult(
        resolution=resolve(entries),
        completeness=completeness(files_frame, entries.select("fil", "kpi")),
        rejected=rejected,
        accepted=accepted,
        null_values=len(missing),
        ignored=ignored,
        synthetic=synthetic,
        missing=missing,
        unreadable=unreadable,
    )
