"""Every reader code is registered once and documented in docs/regler.md."""

from __future__ import annotations

import re
from pathlib import Path

from kkik_xl.codes import CODES
from kkik_xl.excel import read_codes  # noqa: F401  (registers the codes)

DOC = Path(__file__).resolve().parents[1] / "docs" / "regler.md"


def test_reader_codes_are_documented() -> None:
    text = DOC.read_text(encoding="utf-8")
    reader_codes = [c for c in CODES if c.startswith("KKIK-LS-")]
    assert len(reader_codes) >= 11
    for code in reader_codes:
        assert re.search(rf"^## {code} ", text, re.MULTILINE), code
