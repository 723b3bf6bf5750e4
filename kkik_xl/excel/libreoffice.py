"""Headless LibreOffice conversions (developer tooling: real-client tests and rendered pictures).

Every run uses a fresh user profile that forces recalculation on load, so converted files carry values
computed by LibreOffice itself, never the cached values written by the generator.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

_RECALC_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse">
<value>0</value></prop></item>
{locale}</oor:items>
"""
_LOCALE_ITEM = """<item oor:path="/org.openoffice.Setup/L10N">
<prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{}</value></prop></item>
"""


def soffice_path() -> str | None:
    """The ``soffice`` executable, or ``None`` when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(
    files: Sequence[Path], target: str, out_dir: Path, timeout: float = 300, locale: str | None = None
) -> list[Path]:
    """Convert ``files`` in one LibreOffice run (e.g. ``target="xlsx"`` or ``"pdf"``) into ``out_dir``.

    ``locale`` (e.g. ``"sv-SE"``) sets the number and date display of PDFs, as a user's Excel would.
    Returns the converted paths in the order of ``files``; raises ``RuntimeError`` when one is missing.
    """
    soffice = soffice_path()
    if soffice is None:
        raise RuntimeError("LibreOffice (soffice) saknas.")
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kkik-lo-profile-") as profile:
        user = Path(profile) / "user"
        user.mkdir()
        profile_xml = _RECALC_PROFILE.format(locale=_LOCALE_ITEM.format(locale) if locale else "")
        (user / "registrymodifications.xcu").write_text(profile_xml, encoding="utf-8")
        cmd = [
            soffice,
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *map(str, files),
        ]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    suffix = "." + target.split(":")[0]
    results = [out_dir / (f.stem + suffix) for f in files]
    missing = [str(p) for p in results if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice converted nothing for {missing}: {proc.stdout} {proc.stderr}")
    return results


def pdf_to_png(
    pdf: Path, png_stem: Path, page: int = 1, dpi: int = 80, height_pt: float | None = None
) -> Path:
    """Render one page of ``pdf`` to ``<png_stem>.png`` with pdftoppm (its top ``height_pt`` points only)."""
    png_stem.parent.mkdir(parents=True, exist_ok=True)
    crop = ["-x", "0", "-y", "0", "-W", "100000", "-H", str(round(height_pt * dpi / 72))] if height_pt else []
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), *crop, "-singlefile",
         str(pdf), str(png_stem)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return png_stem.with_suffix(".png")
