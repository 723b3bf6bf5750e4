"""The checks behind ``kkik-xl doctor``: is this installation complete? Each check is data.

Excel parts (xlwings configuration, add-ins in XLSTART) only exist on Windows; elsewhere they are
reported as not applicable rather than failing. See ``install/README.md``.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from importlib import metadata
from pathlib import Path
from xml.etree import ElementTree

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.xl.addin import ADDIN_NAME, read_settings
from kkik_xl.xl.xlwings_config import (
    INTERPRETER_KEY,
    UDF_MODULE,
    UDF_MODULES_KEY,
    expand,
    read_config,
    udf_modules,
    user_config_path,
)

MIN_PYTHON = (3, 11)
REINSTALL = r"Kör install\windows\install.ps1 igen (se install/README.md)."
_REQUIREMENT = re.compile(r"^([A-Za-z0-9_.\-]+)\s*>=\s*([0-9][0-9.]*)\s*$")
_CALL = re.compile(r"\b(KKIK_\w+)\s*\(")


class Status(Enum):
    """Outcome of one check."""

    OK = "ok"
    FAIL = "fel"
    NOT_APPLICABLE = "ej tillämpligt"
    OPTIONAL_MISSING = "saknas (valfritt)"


@dataclass(frozen=True)
class Check:
    """One line of the checklist: what was checked, the outcome, details and what to do."""

    title: str
    status: Status
    detail: str = ""
    fix: str = ""


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in re.findall(r"\d+", text)[:3])


def python_version(info: tuple[int, ...] = tuple(sys.version_info[:3])) -> Check:
    """Python is new enough."""
    shown = ".".join(str(p) for p in info)
    if info[:2] >= MIN_PYTHON:
        return Check(f"Python {shown}", Status.OK)
    return Check(f"Python {shown}", Status.FAIL, "kkik-xl kräver Python 3.11 eller senare.", REINSTALL)


def dependencies(distribution: str = "kkik-xl") -> Check:
    """Every runtime dependency is installed in at least the version pyproject.toml asks for."""
    try:
        requirements = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return Check("Paket", Status.FAIL, f"{distribution} är inte installerat som paket.", REINSTALL)
    runtime = [m for r in requirements if ";" not in r and (m := _REQUIREMENT.match(r))]
    problems = []
    for match in runtime:
        name, minimum = match[1], match[2]
        try:
            installed = metadata.version(name)
        except metadata.PackageNotFoundError:
            problems.append(f"{name} saknas")
            continue
        if _version_tuple(installed) < _version_tuple(minimum):
            problems.append(f"{name} {installed} (kräver minst {minimum})")
    if problems:
        return Check("Paket", Status.FAIL, "; ".join(problems), REINSTALL)
    return Check(f"Paket: {len(runtime)} beroenden i rätt version", Status.OK)


def _called_by_templates() -> set[str]:
    from kkik_xl.excel.preview_formulas import is_native, preview_for

    names = set()
    for m in CATALOGUE.measures:
        if m.self_collected and not is_native(m.kpi):
            names |= set(_CALL.findall(preview_for(m.kpi).value))
    return names


def worksheet_functions() -> Check:
    """``kkik_xl.xl.udfs`` imports, has every function the templates call, and answers."""
    try:
        from kkik_xl.xl import udfs
    except Exception as err:  # any import failure is what doctor must report
        return Check(f"Funktioner ({UDF_MODULE})", Status.FAIL, f"kan inte importeras: {err}", REINSTALL)
    wanted = {f"KKIK_{m.kpi}" for m in CATALOGUE.measures if m.self_collected} | _called_by_templates()
    missing = sorted(wanted - set(udfs.ALL_FUNCTIONS))
    if missing:
        return Check("Funktioner", Status.FAIL, f"saknas: {', '.join(missing)}", REINSTALL)
    if udfs.ALL_FUNCTIONS["KKIK_NASTA_VARDAG"]("2025-12-24") != date(2025, 12, 29):
        return Check("Funktioner", Status.FAIL, "KKIK_NASTA_VARDAG svarar fel.", REINSTALL)
    return Check(f"Funktioner: {len(udfs.ALL_FUNCTIONS)} KKIK_-funktioner i {UDF_MODULE}", Status.OK)


def _local_path(text: str) -> Path:
    """A Windows path from the configuration; backslashes become separators where they are not."""
    return Path(text.replace("\\", os.sep)) if os.sep != "\\" else Path(text)


def _xlwings_dll(executable: Path) -> bool:
    """The DLL Excel loads: beside the interpreter, or one level up in a virtual environment."""
    version = metadata.version("xlwings")
    names = [f"xlwings{bits}-{version}.dll" for bits in (64, 32)]
    return any(
        (folder / n).is_file() for folder in (executable.parent, executable.parent.parent) for n in names
    )


def xlwings_config(home: Path, environ: Mapping[str, str], windows: bool) -> Check:
    """The xlwings user configuration names an existing interpreter and lists our UDF module."""
    path = user_config_path(home)
    title = "xlwings inställningar"
    if not windows:
        return Check(title, Status.NOT_APPLICABLE, "Excel och xlwings-tillägget används bara på Windows.")
    if not path.is_file():
        return Check(title, Status.FAIL, f"{path} saknas.", REINSTALL)
    config = read_config(path)
    interpreter = config.get(INTERPRETER_KEY, "")
    if not interpreter:
        return Check(title, Status.FAIL, f"{INTERPRETER_KEY} saknas i {path}.", REINSTALL)
    executable = _local_path(expand(interpreter, environ))
    if not executable.is_file():
        return Check(
            title, Status.FAIL, f"{INTERPRETER_KEY} pekar på {interpreter}, som inte finns.", REINSTALL
        )
    if not _xlwings_dll(executable):
        detail = f"xlwings DLL (xlwings64-{metadata.version('xlwings')}.dll) saknas bredvid {interpreter}."
        return Check(title, Status.FAIL, detail, REINSTALL)
    if UDF_MODULE not in udf_modules(config.get(UDF_MODULES_KEY, "")):
        detail = f"{UDF_MODULES_KEY} i {path} saknar {UDF_MODULE}."
        return Check(title, Status.FAIL, detail, REINSTALL)
    return Check(f"{title}: {path}", Status.OK)


def _addin_parts(addin: Path, environ: Mapping[str, str]) -> str:
    """What the KKiK add-in's own settings point at that is missing (empty when all is there)."""
    try:
        settings = read_settings(addin)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, ElementTree.ParseError) as err:
        return f"{addin.name} kan inte läsas: {err}"
    interpreter = settings.get("Interpreter_Win", "")
    if not _local_path(expand(interpreter, environ)).is_file():
        return f"Python-tolken i {addin.name} ({interpreter or 'tom'}) finns inte."
    folder = settings.get("PYTHONPATH", "")
    if not (_local_path(expand(folder, environ)) / f"{ADDIN_NAME}.py").is_file():
        return f"{ADDIN_NAME}.py saknas i {folder or '(tom PYTHONPATH)'}."
    return ""


def addins(environ: Mapping[str, str], windows: bool) -> Check:
    """Both add-ins are in the user's XLSTART, and what the KKiK add-in's settings name exists."""
    title = "Excel-tillägg"
    if not windows:
        return Check(title, Status.NOT_APPLICABLE, "Excel och xlwings-tillägget används bara på Windows.")
    xlstart = Path(environ.get("APPDATA", "")) / "Microsoft" / "Excel" / "XLSTART"
    wanted = [xlstart / "xlwings.xlam", xlstart / f"{ADDIN_NAME}.xlam"]
    missing = [str(p) for p in wanted if not p.is_file()]
    if missing:
        return Check(title, Status.FAIL, "saknas: " + "; ".join(missing), REINSTALL)
    problem = _addin_parts(wanted[1], environ)
    if problem:
        return Check(title, Status.FAIL, problem, REINSTALL)
    return Check(f"{title}: xlwings.xlam och {ADDIN_NAME}.xlam i {xlstart}", Status.OK)


def libreoffice() -> Check:
    """LibreOffice (optional: only for rendering images and the template tests)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return Check(f"LibreOffice: {found}", Status.OK)
    return Check("LibreOffice", Status.OPTIONAL_MISSING, "Behövs bara för bilder och malltester.")


def templates(folder: Path | None) -> Check:
    """The shipped templates (a checkout's ``workbook_templates/``) are all there."""
    if folder is None or not folder.is_dir():
        detail = "Ingen mallmapp bredvid paketet; skapa mallar med kkik-xl template --all --out MAPP."
        return Check("Mallar", Status.NOT_APPLICABLE, detail)
    from kkik_xl.excel.template_builder import template_filename

    missing = [t.id for t in CATALOGUE.templates if not (folder / template_filename(t.id)).is_file()]
    if missing:
        fix = f"kkik-xl template --all --out {folder}"
        return Check("Mallar", Status.FAIL, f"saknas i {folder}: {', '.join(missing)}", fix)
    return Check(f"Mallar: {len(CATALOGUE.templates)} i {folder}", Status.OK)
