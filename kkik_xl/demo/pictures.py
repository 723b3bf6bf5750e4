"""Pictures of the demo's marked copy for the controller's guide (``make images``).

The forskola workbook with the demo's deliberate mistakes is validated and marked exactly as
``kkik-xl validate --mark`` does, then rendered with headless LibreOffice: the input sheet with its
coloured cells and the Kontroll sheet with every finding.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from kkik_xl.demo import workbooks
from kkik_xl.excel.libreoffice import convert, pdf_to_png
from kkik_xl.excel.marking import mark_workbook
from kkik_xl.excel.render_images import ROOT, page_with
from kkik_xl.excel.template_builder import write_template
from kkik_xl.rules import validate_workbook

YEAR = 2025


def render_marked(out_dir: Path, dpi: int = 90) -> list[Path]:
    """Write ``markerad-kopia-inmatning.png`` and ``markerad-kopia-kontroll.png`` into ``out_dir``."""
    with tempfile.TemporaryDirectory(prefix="kkik-markerad-") as tmp:
        base = Path(tmp)
        rows = workbooks.with_mistakes("forskola", workbooks.clean_rows("forskola", YEAR))
        blank = write_template("forskola", YEAR, base / "mall")
        filled = workbooks.fill(blank, base / f"forskola_{YEAR}_Ale.xlsx", rows, "Ale")
        marked = mark_workbook(filled, validate_workbook(filled).findings)
        (pdf,) = convert([marked], "pdf", base / "pdf")
        pages = (("inmatning", "Myrstacken"), ("kontroll", "Allvarlighet"))
        return [
            pdf_to_png(pdf, out_dir / f"markerad-kopia-{name}", page=page_with(pdf, marker), dpi=dpi)
            for name, marker in pages
        ]


def main() -> None:
    """``python -m kkik_xl.demo.pictures [OUT_DIR]``."""
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "images"
    for png in render_marked(out):
        print(f"Skrev {png}")


if __name__ == "__main__":
    main()
