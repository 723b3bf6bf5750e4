"""Generate the reader's .ods and .xls fixtures (needs LibreOffice).

Run: python tests/data/make_fixtures_reader.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from xlsx_builders import template_workbook  # noqa: E402


def main() -> None:
    """forskola_placeringar.{ods,xls}: two valid rows and text in a date cell (B4)."""
    rows = [
        ["Solen", date(2025, 1, 7), date(2025, 1, 10), None],
        ["Månen", date(2025, 2, 3), date(2025, 2, 3), "ok"],
        ["Stjärnan", "igår", date(2025, 2, 3), None],
    ]
    with tempfile.TemporaryDirectory() as tmp:
        src = template_workbook(
            Path(tmp) / "forskola_placeringar.xlsx", "forskola", {"Placeringar": rows}, meta=False
        )
        for fmt in ("ods", "xls"):
            subprocess.run(
                ["soffice", "--headless", "--convert-to", fmt, "--outdir", str(HERE), str(src)],
                check=True,
                capture_output=True,
            )


if __name__ == "__main__":
    main()
