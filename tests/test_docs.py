"""Docs derived from the catalogue are current, and the README's commands are the Makefile's."""

from __future__ import annotations

import re
from pathlib import Path

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.docgen import render_measures_page

ROOT = Path(__file__).resolve().parents[1]


def test_measures_page_is_current() -> None:
    committed = (ROOT / "docs" / "matt.md").read_text(encoding="utf-8")
    assert committed == render_measures_page(), "docs/matt.md is stale: run `make docs`"


def test_every_kpi_has_a_section() -> None:
    page = render_measures_page()
    for m in CATALOGUE.measures:
        assert re.search(rf"^## {m.kpi} ", page, re.MULTILINE), m.kpi
    for t in CATALOGUE.templates:
        assert f"### Mall `{t.id}`" in page


def _make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE))


def test_readme_starts_with_the_two_make_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.DOTALL)
    assert first_block is not None
    commands = [line.split("#")[0].strip() for line in first_block.group(1).splitlines() if line.strip()]
    assert commands == ["make demo", "make test"]
    assert {"demo", "test"} <= _make_targets()
    assert readme.index("make demo") < 1500, "the commands must be on the README's first screen"


def test_every_linked_picture_and_page_exists() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        for target in re.findall(r"\]\(([^)#\s]+)\)", text):
            if target.startswith(("http://", "https://", "mailto:")):
                continue
            assert (page.parent / target).exists(), f"{page.name}: {target} is missing"


def test_readme_names_a_guide_for_every_role() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for guide in ("inmatare", "kontrollant", "samordnare", "it-installation"):
        assert f"docs/{guide}.md" in readme
        assert (ROOT / "docs" / f"{guide}.md").is_file()
