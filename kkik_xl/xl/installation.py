"""Steps of ``install/windows/install.ps1`` and ``uninstall.ps1`` that are easier to test in Python.

Run as ``python -m kkik_xl.xl.installation STEG …`` (Swedish messages, exit 1 with a sentence on error):

- ``konfigurera --interpreter P``: set ``INTERPRETER_WIN`` and add ``kkik_xl.xl.udfs`` to ``UDF MODULES``
  in the xlwings user configuration, keeping every other setting;
- ``avkonfigurera --interpreter P``: undo exactly that (a value someone changed since is left alone);
- ``tillagg --ut MAPP --interpreter P --pythonpath MAPP``: build the KKiK add-in (:mod:`kkik_xl.xl.addin`).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from kkik_xl.atomic import WriteError
from kkik_xl.xl.addin import AddinSettings, build_addin
from kkik_xl.xl.xlwings_config import (
    INTERPRETER_KEY,
    UDF_MODULE,
    UDF_MODULES_KEY,
    read_config,
    remove_values,
    set_values,
    udf_modules,
    user_config_path,
)


def configure(path: Path, interpreter: str) -> list[str]:
    """Point xlwings at ``interpreter`` and list our UDF module; returns Swedish lines for the console."""
    current = read_config(path)
    lines = []
    old = current.get(INTERPRETER_KEY)
    if old and old != interpreter:
        lines.append(f"Tidigare Python för xlwings ({old}) ersätts.")
    modules = udf_modules(current.get(UDF_MODULES_KEY, ""))
    if UDF_MODULE not in modules:
        modules.append(UDF_MODULE)
    set_values(path, {INTERPRETER_KEY: interpreter, UDF_MODULES_KEY: ";".join(modules)})
    lines.append(f"xlwings inställningar skrivna i {path}.")
    return lines


def unconfigure(path: Path, interpreter: str) -> list[str]:
    """Remove our interpreter and UDF module from the configuration, keeping everything else."""
    current = read_config(path)
    modules = udf_modules(current.get(UDF_MODULES_KEY, ""))
    if UDF_MODULE in modules:
        rest = [m for m in modules if m != UDF_MODULE]
        if rest:
            set_values(path, {UDF_MODULES_KEY: ";".join(rest)})
        else:
            remove_values(path, {UDF_MODULES_KEY: current[UDF_MODULES_KEY]})
    removed = remove_values(path, {INTERPRETER_KEY: interpreter})
    if INTERPRETER_KEY in read_config(path) and not removed:
        return [f"{INTERPRETER_KEY} i {path} pekar på en annan Python och lämnas kvar."]
    return [f"kkik-xl:s inställningar är borttagna ur {path}."]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kkik_xl.xl.installation")
    steps = parser.add_subparsers(dest="steg", required=True)
    for name in ("konfigurera", "avkonfigurera"):
        step = steps.add_parser(name)
        step.add_argument("--interpreter", required=True)
        step.add_argument("--konfigfil", type=Path, default=None)
    addin = steps.add_parser("tillagg")
    addin.add_argument("--ut", type=Path, required=True)
    addin.add_argument("--interpreter", required=True)
    addin.add_argument("--pythonpath", required=True)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one installer step; Swedish output, exit 0 or 1."""
    args = _parser().parse_args(argv)
    try:
        if args.steg == "tillagg":
            target = build_addin(AddinSettings(args.interpreter, args.pythonpath), args.ut)
            lines = [f"KKiK-tillägget är byggt: {target}"]
        else:
            step = configure if args.steg == "konfigurera" else unconfigure
            lines = step(args.konfigfil or user_config_path(), args.interpreter)
    except (OSError, ValueError, KeyError, WriteError) as err:
        print(f"Fel: {err}", file=sys.stderr)
        return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
