"""Real renderers for report tests: headless Chromium (HTML) and LibreOffice (XLSX), read back as PDF.

A test that needs a renderer skips when it is missing, unless the matching ``KKIK_REQUIRE_*``
variable is ``1`` (``.ci/run`` sets them), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from kkik_xl.excel.libreoffice import convert, soffice_path


def chromium_path() -> str | None:
    """The Chromium (or Chrome) executable, or ``None``."""
    names = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
    return next((p for p in map(shutil.which, names) if p), None)


def require(found: object, what: str, variable: str) -> None:
    """Skip (or fail, when ``variable`` is ``1``) when ``found`` is falsy."""
    if found:
        return
    if os.environ.get(variable) == "1":
        pytest.fail(f"{what} saknas ({variable}=1 kräver det).")
    pytest.skip(f"{what} saknas")


def require_pdf_tools() -> None:
    """pdftotext and pdftoppm (poppler-utils) come with the LibreOffice requirement."""
    found = shutil.which("pdftoppm") and shutil.which("pdftotext")
    require(found, "poppler-utils (pdftoppm, pdftotext)", "KKIK_REQUIRE_LIBREOFFICE")


def require_chromium() -> str:
    """The Chromium executable; skips or fails as described in the module docstring."""
    path = chromium_path()
    require(path, "Chromium", "KKIK_REQUIRE_CHROMIUM")
    require_pdf_tools()
    assert path is not None
    return path


def require_libreoffice() -> None:
    """Skip or fail when LibreOffice is missing."""
    require(soffice_path(), "LibreOffice (soffice)", "KKIK_REQUIRE_LIBREOFFICE")
    require_pdf_tools()


def chromium_pdf(html: Path, pdf: Path) -> Path:
    """Print ``html`` to ``pdf`` with headless Chromium, every network request refused."""
    with tempfile.TemporaryDirectory(prefix="kkik-chromium-") as profile:
        cmd = [
            require_chromium(), "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={profile}",
            "--no-pdf-header-footer", f"--print-to-pdf={pdf}", html.resolve().as_uri(),
        ]  # fmt: skip
        subprocess.run(cmd, capture_output=True, timeout=120, check=False)
    assert pdf.is_file() and pdf.stat().st_size > 0, "Chromium skrev ingen PDF"
    return pdf


def libreoffice_pdf(xlsx: Path, out_dir: Path) -> Path:
    """Convert ``xlsx`` to PDF with headless LibreOffice."""
    require_libreoffice()
    [pdf] = convert([xlsx], "pdf", out_dir)
    return pdf


def pdf_pages(pdf: Path) -> int:
    """Number of pages (pdfinfo)."""
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def pdf_text(pdf: Path, page: int | None = None) -> str:
    """The text of one page (or all pages) of ``pdf``."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    cmd = ["pdftotext", "-layout", *pages, str(pdf), "-"]
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


def pdf_pixels(pdf: Path, page: int = 1, dpi: int = 50) -> list[tuple[int, int, int]]:
    """The RGB pixels of one page rendered with pdftoppm (binary PPM, parsed here)."""
    cmd = ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), str(pdf)]
    data = subprocess.run(cmd, capture_output=True, check=True).stdout
    fields = data.split(maxsplit=4)  # P6, width, height, maxval, pixels
    assert fields[0] == b"P6" and fields[3] == b"255"
    body = fields[4]
    return [(body[i], body[i + 1], body[i + 2]) for i in range(0, len(body) - 2, 3)]


def count_near(pixels: list[tuple[int, int, int]], hex_colour: str, tolerance: int = 12) -> int:
    """How many pixels are within ``tolerance`` (per channel) of ``hex_colour``."""
    target = tuple(int(hex_colour[i : i + 2], 16) for i in (1, 3, 5))
    return sum(all(abs(a - b) <= tolerance for a, b in zip(p, target, strict=True)) for p in pixels)
