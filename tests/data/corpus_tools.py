"""Building blocks of the corpus generator: real templates, filling, editing, deterministic zips."""

from __future__ import annotations

import atexit
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import openpyxl

from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template

FIXED_ZIP_TIME = (2025, 1, 1, 0, 0, 0)
FIXED_W3CDTF = "2025-01-01T00:00:00Z"
_W3CDTF = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_TMP = Path(tempfile.mkdtemp(prefix="kkik-corpus-"))
atexit.register(shutil.rmtree, _TMP, True)

Rows = dict[str, list[dict[str, object]]]
Build = Callable[[Path], Path]
CASES: dict[str, Build] = {}
"""Every corpus file name → the function that writes it (filled by :func:`case`)."""
Edit = Callable[[Any], None]
XmlEdit = Callable[[bytes], bytes]


def case(name: str) -> Callable[[Build], Build]:
    """Register a builder under the file name it writes."""

    def register(build: Build) -> Build:
        assert name not in CASES, name
        CASES[name] = build
        return build

    return register


@cache
def template(template_id: str, year: int = 2025) -> Path:
    """The real template for ``year`` (built once per run)."""
    return write_template(template_id, year, _TMP / str(year))


def normalise(path: Path) -> None:
    """Fixed zip timestamps and document dates: the same bytes on every run."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _W3CDTF.sub(rb"\g<1>" + FIXED_W3CDTF.encode() + rb"\g<2>", data)
            dst.writestr(zipfile.ZipInfo(info.filename, FIXED_ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    shutil.move(tmp, path)


def sheet_member(path: Path, sheet: str) -> str:
    """The zip member holding ``sheet`` (openpyxl writes sheets in workbook order)."""
    names = openpyxl.load_workbook(path, read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def rewrite(path: Path, member: str, transform: XmlEdit) -> None:
    """Rewrite one zip member of ``path`` in place."""
    tmp = path.with_name(path.name + ".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            dst.writestr(info, transform(data) if info.filename == member else data)
    shutil.move(tmp, path)


def filled(
    out: Path,
    template_id: str,
    rows: Rows,
    *,
    edit: Edit | None = None,
    xml: dict[str, XmlEdit] | None = None,
    year: int = 2025,
) -> Path:
    """The template filled with ``rows``, then edited with openpyxl and/or rewritten XML parts.

    ``xml`` maps a sheet name (or a zip member) to a function rewriting that part's bytes.
    """
    fill_template(template(template_id, year), out, rows, kommun="Ale")
    if edit is not None:
        wb = openpyxl.load_workbook(out)
        edit(wb)
        wb.save(out)
    for part, transform in (xml or {}).items():
        member = part if "/" in part else sheet_member(out, part)
        rewrite(out, member, transform)
    normalise(out)
    return out


def set_cell(ref: str, inner: str, kind: str | None = None) -> XmlEdit:
    """Replace cell ``ref`` of a sheet's XML with ``inner`` (``<f>``/``<v>``), keeping its style."""
    pattern = re.compile(rf'<c r="{ref}"(?P<style> s="\d+")?[^>]*?(?:/>|>.*?</c>)'.encode(), re.DOTALL)
    kind_attr = f' t="{kind}"' if kind else ""

    def transform(data: bytes) -> bytes:
        new, count = pattern.subn(
            lambda m: f'<c r="{ref}"'.encode() + (m["style"] or b"") + f"{kind_attr}>{inner}</c>".encode(),
            data,
        )
        assert count == 1, f"cell {ref} not found"
        return new

    return transform


def chain(*transforms: XmlEdit) -> XmlEdit:
    """Several XML rewrites of the same part, in order."""

    def run(data: bytes) -> bytes:
        for t in transforms:
            data = t(data)
        return data

    return run


def convert(src: Path, out: Path) -> Path:
    """``src`` saved by LibreOffice in ``out``'s format (``.xls``/``.ods``)."""
    with tempfile.TemporaryDirectory() as profile, tempfile.TemporaryDirectory() as outdir:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                out.suffix.lstrip("."),
                "--outdir",
                outdir,
                str(src),
            ],
            check=True,
            capture_output=True,
        )
        shutil.move(Path(outdir) / (src.stem + out.suffix), out)
    return out
