"""Render every template's first page and its Resultat sheet (filled with example rows) to PNG.

Run ``make images`` (``python -m kkik_xl.excel.render_images docs/images``). Uses headless LibreOffice
(PDF) and ``pdftoppm``; the pictures are what a municipal user sees first. They are rendered with the
Swedish locale (decimal comma, as in a Swedish Excel) and, when installed, the Carlito font
(Debian ``fonts-crosextra-carlito``), which has Calibri's metrics, so text wraps as it does in Excel.
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.libreoffice import convert, pdf_to_png
from kkik_xl.excel.template_builder import DEFAULT_YEAR, write_template
from kkik_xl.excel.template_examples import template_rows
from kkik_xl.excel.template_fill import fill_template

ROOT = Path(__file__).resolve().parents[2]
LOCALE = "sv-SE"


def has_calibri_metrics() -> bool:
    """True when fontconfig knows Calibri or its metric twin Carlito."""
    try:
        fonts = _run("fc-list", ":", "family")
    except (OSError, subprocess.CalledProcessError):
        return False
    return any(name in fonts for name in ("Calibri", "Carlito"))


def page_with(pdf: Path, marker: str) -> int:
    """The first page of ``pdf`` whose text contains ``marker`` (pdftotext), else 1."""
    pages = int(re.search(r"Pages:\s+(\d+)", _run("pdfinfo", str(pdf))).group(1))  # type: ignore[union-attr]
    for page in range(1, pages + 1):
        text = _run("pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-")
        if marker in unicodedata.normalize("NFC", text):
            return page
    return 1


def text_bottom(pdf: Path, page: int, margin_pt: float = 40.0) -> float:
    """Points from the top of ``page`` to below its last line of text (to crop empty paper away)."""
    layout = _run("pdftotext", "-f", str(page), "-l", str(page), "-bbox", str(pdf), "-")
    bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', layout)]
    return max(bottoms, default=0.0) + margin_pt


def _run(*cmd: str) -> str:
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def render_all(out_dir: Path, year: int = DEFAULT_YEAR, dpi: int = 80) -> list[Path]:
    """Write ``<id>-forsta-sidan.png`` and ``<id>-resultat.png`` for every template into ``out_dir``,
    and ``<id>-kvalitet.png`` (the Kvalitet sheet filled in) for the templates with quality indicators."""
    pngs: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="kkik-render-") as tmp:
        base = Path(tmp)
        empty, results, quality_units = [], [], {}
        for t in CATALOGUE.templates:
            empty.append(write_template(t.id, year, base / "tom"))
            rows = template_rows(t, year, ROOT / "examples")
            results.append(fill_template(empty[-1], base / "ifylld" / f"{t.id}.xlsx", rows, kommun="Gotland"))
            if rows.get("Kvalitet"):
                quality_units[t.id] = str(rows["Kvalitet"][0]["Enhet"])
        first_pdfs = convert(empty, "pdf", base / "pdf-tom", locale=LOCALE)
        result_pdfs = convert(results, "pdf", base / "pdf-resultat", locale=LOCALE)
        for t, first, result in zip(CATALOGUE.templates, first_pdfs, result_pdfs, strict=True):
            pngs.append(pdf_to_png(first, out_dir / f"{t.id}-forsta-sidan", dpi=dpi))
            page = page_with(result, f"Resultat {year} – preliminär")
            height = text_bottom(result, page)
            pngs.append(
                pdf_to_png(result, out_dir / f"{t.id}-resultat", page=page, dpi=dpi, height_pt=height)
            )
            if t.id in quality_units:  # the Kvalitet sheet: one ja/nej column per indicator of the year
                page = page_with(result, quality_units[t.id])
                height = text_bottom(result, page)
                wide = 2 * dpi  # the sheet is fitted to the page width: render larger so the text is legible
                pngs.append(
                    pdf_to_png(result, out_dir / f"{t.id}-kvalitet", page=page, dpi=wide, height_pt=height)
                )
    return pngs


def main() -> None:
    """Command-line entry: ``python -m kkik_xl.excel.render_images [OUT_DIR]``."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    if not has_calibri_metrics():
        print(
            "Varning: typsnittet Carlito saknas (fonts-crosextra-carlito); texten radbryts inte som i Excel."
        )
    for png in render_all(out):
        print(f"Skrev {png}")


if __name__ == "__main__":
    main()
