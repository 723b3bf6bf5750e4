"""The rule registry: unique codes, every code documented in docs/regler.md, rules cover the issue."""

from __future__ import annotations

import re
from pathlib import Path

from kkik_xl.codes import CODE_PATTERN, CODES
from kkik_xl.rules import RULES

DOC = Path(__file__).resolve().parents[1] / "docs" / "regler.md"


def test_every_registered_code_has_exactly_one_section() -> None:
    text = DOC.read_text(encoding="utf-8")
    sections = re.findall(r"^## (KKIK-[A-Z]{2}-\d{3}) ", text, re.MULTILINE)
    assert len(sections) == len(set(sections)), "a code is documented twice"
    missing = sorted(c for c in CODES if c not in sections and not c.startswith("KKIK-ZZ-"))
    assert not missing, f"codes without a section in docs/regler.md: {missing}"
    unknown = sorted(set(sections) - set(CODES))
    assert not unknown, f"sections for codes that are not registered: {unknown}"


def test_rule_codes_are_unique_and_registered() -> None:
    codes = [spec.code for rule in RULES for spec in rule.codes]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert CODE_PATTERN.match(code)
        assert CODES[code].template, code
    assert len({rule.name for rule in RULES}) == len(RULES)


def test_section_titles_match_the_registry() -> None:
    text = DOC.read_text(encoding="utf-8")
    for code, spec in CODES.items():
        if code.startswith("KKIK-ZZ-"):
            continue
        assert f"## {code} {spec.title}\n" in text, code
