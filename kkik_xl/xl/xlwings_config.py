"""The xlwings user configuration file (``%USERPROFILE%\\.xlwings\\xlwings.conf``): read, set, remove keys.

The format is what xlwings' VBA writes with ``Write #`` and reads with ``Input #``: one line per key,
``"KEY","value"``, keys in capitals (xlwings compares them case-insensitively). VBA reads the file in
the Windows ANSI code page, so it is written in that code page on Windows; values may use
``%VARIABLE%`` (xlwings expands environment variables), which keeps user names with å/ä/ö out of it.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping
from pathlib import Path

from kkik_xl.atomic import write_text

INTERPRETER_KEY = "INTERPRETER_WIN"
UDF_MODULES_KEY = "UDF MODULES"
UDF_MODULE = "kkik_xl.xl.udfs"
_LINE = re.compile(r'^\s*"((?:[^"]|"")*)"\s*,\s*"((?:[^"]|"")*)"\s*$')
_VARIABLE = re.compile(r"%([^%]+)%")


def user_config_path(home: Path | None = None) -> Path:
    """Where xlwings looks for the user configuration (``~/.xlwings/xlwings.conf``)."""
    return (home or Path.home()) / ".xlwings" / "xlwings.conf"


def _encoding() -> str:
    return "mbcs" if sys.platform == "win32" else "utf-8"


def read_config(path: Path) -> dict[str, str]:
    """Keys (upper case) and values of a config file; lines that are not ``"KEY","value"`` are skipped."""
    if not path.is_file():
        return {}
    values: dict[str, str] = {}
    for line in path.read_text(encoding=_encoding(), errors="replace").splitlines():
        match = _LINE.match(line)
        if match:
            values.setdefault(match[1].replace('""', '"').upper(), match[2].replace('""', '"'))
    return values


def _line(key: str, value: str) -> str:
    if '"' in key or '"' in value:
        raise ValueError(f"Citattecken kan inte stå i xlwings inställningar: {key}={value}")
    return f'"{key}","{value}"\n'


def _keep(lines: Iterable[str], keys: set[str]) -> list[str]:
    kept = []
    for line in lines:
        match = _LINE.match(line)
        if line.strip() and not (match and match[1].upper() in keys):
            kept.append(line if line.endswith("\n") else line + "\n")
    return kept


def set_values(path: Path, values: Mapping[str, str]) -> None:
    """Set ``values`` (replacing those keys, keeping every other line); creates the file and folder."""
    lines = path.read_text(encoding=_encoding()).splitlines() if path.is_file() else []
    kept = _keep(lines, {k.upper() for k in values})
    text = "".join(kept) + "".join(_line(k.upper(), v) for k, v in values.items())
    write_text(path, text, encoding=_encoding())


def remove_values(path: Path, values: Mapping[str, str]) -> list[str]:
    """Remove the keys whose value is exactly the given one; returns the removed keys.

    A key someone changed since is left alone. The file (and an empty ``.xlwings`` folder) is
    deleted when nothing is left in it.
    """
    current = read_config(path)
    ours = {k.upper() for k, v in values.items() if current.get(k.upper()) == v}
    if not ours:
        return []
    kept = _keep(path.read_text(encoding=_encoding()).splitlines(), ours)
    if kept:
        write_text(path, "".join(kept), encoding=_encoding())
    else:
        path.unlink()
        if not any(path.parent.iterdir()):
            path.parent.rmdir()
    return sorted(ours)


def expand(value: str, environ: Mapping[str, str] | None = None) -> str:
    """``%VARIABLE%`` replaced as Windows does (unknown variables are left as they are)."""
    env = {k.upper(): v for k, v in (environ if environ is not None else os.environ).items()}
    return _VARIABLE.sub(lambda m: env.get(m[1].upper(), m[0]), value)


def udf_modules(value: str) -> list[str]:
    """The module names of an ``UDF MODULES`` value (separated by ``;``)."""
    return [m.strip() for m in value.split(";") if m.strip()]
