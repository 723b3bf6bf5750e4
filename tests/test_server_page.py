"""The web page of ``kkik-xl serve`` in headless Chromium (Playwright, the system browser).

Upload a workbook, see the findings grouped by severity, download the marked copy and the
submission; the coordinator page lists stored submissions with completeness and conflicts.
``KKIK_WRITE_SCREENSHOTS=1`` (``make screenshots``) also writes the pictures in docs/images/.
"""

from __future__ import annotations

import json
import os
import shutil
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import live_server
from renderers import chromium_path, require
from submission_workbooks import filled_workbook

from kkik_xl.submission.io import load_submission

DATA = Path(__file__).parent / "data"
IMAGES = Path(__file__).parent.parent / "docs" / "images"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from kkik_xl.coordinator.synthetic import write_synthetic

    reference = write_synthetic(tmp_path_factory.mktemp("nationellt"), 2025, 2026)
    with live_server(tmp_path_factory.mktemp("sida"), "--exempel", "--reference", str(reference)) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    path = chromium_path()
    require(path, "Chromium", "KKIK_REQUIRE_CHROMIUM")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=path, args=ARGS)
        yield chromium
        chromium.close()


def _unexpected(message: str) -> bool:
    """HTTP statuses the page handles itself (a refused submission is 422) are not problems."""
    return not message.startswith("Failed to load resource")


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    context = browser.new_context(accept_downloads=True, viewport={"width": 1100, "height": 800})  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []  # a CSP violation or a script error shows up here
    page.on(
        "console", lambda m: problems.append(m.text) if m.type == "error" and _unexpected(m.text) else None
    )
    page.on("pageerror", lambda e: problems.append(str(e)))
    yield page
    context.close()
    assert problems == []


def screenshot(page: object, tmp_path: Path, name: str) -> Path:
    target = tmp_path / name
    page.screenshot(path=str(target), full_page=True)  # type: ignore[attr-defined]
    if os.environ.get("KKIK_WRITE_SCREENSHOTS") == "1":
        shutil.copy(target, IMAGES / name)
    return target


def upload(page: object, url: str, path: Path) -> None:
    page.goto(url)  # type: ignore[attr-defined]
    page.set_input_files("#file", str(path))  # type: ignore[attr-defined]
    page.focus("#file")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]  # the keyboard reaches the form's button
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    page.keyboard.press("Tab")  # type: ignore[attr-defined]
    assert page.evaluate("document.activeElement.textContent") == "Kontrollera"  # type: ignore[attr-defined]
    page.keyboard.press("Enter")  # type: ignore[attr-defined]
    page.wait_for_selector("#summary:not(:empty)", timeout=60_000)  # type: ignore[attr-defined]


def test_upload_shows_findings_and_downloads_the_marked_copy(page: object, url: str, tmp_path: Path) -> None:
    upload(page, url, DATA / "forskola_text_i_datumcell.xlsx")
    summary = page.inner_text("#summary")  # type: ignore[attr-defined]
    assert "2 fel, 0 varningar, 0 upplysningar" in summary
    assert page.inner_text("h3.error") == "Fel (2)"  # type: ignore[attr-defined]
    cells = page.locator("#findings td:nth-child(2)").all_inner_texts()  # type: ignore[attr-defined]
    assert len(cells) == 2 and all(c[0].isalpha() and c[1:].isdigit() for c in cells), cells
    screenshot(page, tmp_path, "tjanst-kontroll.png")
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("#mark")  # type: ignore[attr-defined]
    marked = tmp_path / info.value.suggested_filename
    info.value.save_as(marked)
    assert marked.name == "forskola_text_i_datumcell_kontrollerad.xlsx"
    assert "xl/worksheets/sheet1.xml" in zipfile.ZipFile(marked).namelist()
    page.click("#submit")  # type: ignore[attr-defined]
    page.wait_for_selector("#submit-status li")  # type: ignore[attr-defined]
    assert "Inlämningen skapades inte" in page.inner_text("#submit-status")  # type: ignore[attr-defined]


def test_submission_download_and_coordinator_page(page: object, url: str, tmp_path: Path) -> None:
    workbook = filled_workbook(tmp_path, "lss")
    upload(page, url, workbook)
    page.check("#store")  # type: ignore[attr-defined]
    with page.expect_download() as info:  # type: ignore[attr-defined]
        page.click("#submit")  # type: ignore[attr-defined]
    saved = tmp_path / info.value.suggested_filename
    info.value.save_as(saved)
    sub = load_submission(saved)
    assert saved.name == sub.file_name() and json.loads(saved.read_text())["template"]["id"] == "lss"
    page.goto(f"{url}/samordnare?year=2025")  # type: ignore[attr-defined]
    text = page.inner_text("main")  # type: ignore[attr-defined]
    assert sub.file_name() in text and "1440_forskola_2025.kkik.json" in text
    assert "Olöst" in text  # the example's later förskola submission is signed by one person only
    assert "kkik-merge-" not in text  # no temporary folder names
    screenshot(page, tmp_path, "tjanst-samordnare.png")
    page.click('a[href*="kommun=1440"]')  # type: ignore[attr-defined]  # comparison report, Ale
    page.wait_for_load_state()  # type: ignore[attr-defined]
    report = page.inner_text("body")  # type: ignore[attr-defined]
    assert "Ale" in report and "U11401" in report, report[:500]
