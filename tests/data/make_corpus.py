"""Generate the bad-input corpus: one real file per way a filled-in template goes wrong.

Every workbook starts from the real template (``template_builder``), filled with the valid rows of
``corpus_rows.py`` (``template_fill``), and is then broken in exactly one way (a cell, an openpyxl
edit or a rewritten XML part); see ``corpus_cells.py`` and ``corpus_files.py``.
``tests/test_corpus.py`` asserts each file's exact findings. Deterministic: zip timestamps and
document dates are fixed, so regenerating gives the same bytes (except the encrypted file, whose salt
is random, and LibreOffice's ``.ods``, whose internal ids change: same content, other bytes).

Run: ``.venv/bin/python tests/data/make_corpus.py [NAME ...]`` (all cases when no name is given).
The ``.xls``/``.ods`` cases need LibreOffice (``soffice``); the encrypted case needs ``msoffcrypto-tool``.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus_cells  # noqa: E402, F401  (registers its cases)
import corpus_files  # noqa: E402, F401  (registers its cases)
from corpus_tools import CASES  # noqa: E402


def main(names: list[str]) -> None:
    """Write the named cases (all when empty) next to this script."""
    unknown = set(names) - set(CASES)
    if unknown:
        raise SystemExit(f"unknown cases: {sorted(unknown)}")
    for name, build in CASES.items():
        if not names or name in names:
            build(HERE / name)
            print(name)


if __name__ == "__main__":
    main(sys.argv[1:])
