"""The KKiK controller add-in: built reproducibly from xlwings' template, only its XML parts changed."""

from __future__ import annotations

import importlib
import re
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from fake_xlwings import FakeBook
from oletools.olevba import VBA_Parser

from kkik_xl.xl import buttons, macros
from kkik_xl.xl.addin import (
    ADDIN_NAME,
    CONF_SHEET,
    AddinSettings,
    build_addin,
    read_settings,
    template_path,
)

SETTINGS = AddinSettings(
    r"%LOCALAPPDATA%\kkik-xl\venv\Scripts\pythonw.exe", r"%LOCALAPPDATA%\kkik-xl\knappar"
)
CUSTOM_UI = "{http://schemas.microsoft.com/office/2006/01/customui}"
MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def vba_modules(path: Path) -> dict[str, str]:
    parser = VBA_Parser(str(path))
    try:
        return {name: code for _, _, name, code in parser.extract_macros()}
    finally:
        parser.close()


def on_actions(xml: bytes) -> set[str]:
    root = ElementTree.fromstring(xml)
    return {e.attrib["onAction"] for e in root.iter() if "onAction" in e.attrib}


@pytest.fixture(scope="module")
def addin(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_addin(SETTINGS, tmp_path_factory.mktemp("knappar"))


def test_build_is_reproducible_and_keeps_the_vba_untouched(addin: Path, tmp_path: Path) -> None:
    again = build_addin(SETTINGS, tmp_path)
    assert again.read_bytes() == addin.read_bytes()
    with zipfile.ZipFile(addin) as ours, zipfile.ZipFile(template_path()) as theirs:
        assert ours.read("xl/vbaProject.bin") == theirs.read("xl/vbaProject.bin")
        assert sorted(ours.namelist()) == sorted(theirs.namelist())


def test_ribbon_only_calls_the_callback_the_template_vba_has(addin: Path) -> None:
    with zipfile.ZipFile(addin) as ours, zipfile.ZipFile(template_path()) as theirs:
        ribbon = ours.read("customUI/customUI.xml")
        assert on_actions(ribbon) <= on_actions(theirs.read("customUI/customUI.xml"))
    labels = [e.attrib.get("label") for e in ElementTree.fromstring(ribbon).iter(f"{CUSTOM_UI}tab")]
    assert labels == ["KKiK"]
    module, _, procedure = next(iter(on_actions(ribbon))).partition(".")
    code = vba_modules(addin)[f"{module}.bas"]
    body = re.search(rf"Sub {procedure}\(control As IRibbonControl\)(.*?)End Sub", code, re.S)
    assert body, "the ribbon callback exists in the add-in's VBA"
    # It imports the module named like the add-in file and runs its main() ...
    assert "ThisWorkbook.Name" in body[1] and 'mymodule & ".main()"' in body[1]


def test_runpython_passes_the_active_workbook_as_caller(addin: Path) -> None:
    """… and xlwings' Book.caller() is the *active* workbook, so the department's file needs no macros."""
    xlwings_vba = vba_modules(addin)["xlwings.bas"]
    assert '" --wb=" & """" & ActiveWorkbook.Name' in xlwings_vba
    assert re.search(r'PROJECT_NAME As String = "myaddin"', xlwings_vba)
    assert f"{CONF_SHEET.removesuffix('.conf')}" == "myaddin"


def sheet_rows(addin: Path) -> tuple[list[str], list[tuple[str, str | bool]]]:
    """Sheet names and the A/B rows of the only sheet, read from the package XML."""
    with zipfile.ZipFile(addin) as z:
        names = [
            s.attrib["name"] for s in ElementTree.fromstring(z.read("xl/workbook.xml")).iter(f"{MAIN}sheet")
        ]
        strings = [
            t.text or "" for t in ElementTree.fromstring(z.read("xl/sharedStrings.xml")).iter(f"{MAIN}t")
        ]
        rows = []
        for row in ElementTree.fromstring(z.read("xl/worksheets/sheet1.xml")).iter(f"{MAIN}row"):
            values: list[str | bool] = []
            for c in row.iter(f"{MAIN}c"):
                v = c.findtext(f"{MAIN}v") or ""
                values.append(strings[int(v)] if c.attrib.get("t") == "s" else v == "1")
            rows.append((str(values[0]), values[1]))
    return names, rows


def test_config_sheet_is_active_and_complete(addin: Path) -> None:
    names, rows = sheet_rows(addin)
    assert names == [CONF_SHEET]
    assert rows == SETTINGS.rows()
    assert read_settings(addin) == {k: v for k, v in rows if isinstance(v, str)}  # what doctor reads
    xlwings_vba = vba_modules(addin)["xlwings.bas"]
    for key, _ in rows:  # every key is one xlwings' VBA asks for (it upper-cases the sheet's keys)
        assert f'GetConfig("{key.upper()}"' in xlwings_vba, key


def test_button_module_is_importable_beside_the_addin(addin: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert ADDIN_NAME.isidentifier() and addin.stem == ADDIN_NAME
    monkeypatch.syspath_prepend(str(addin.parent))
    sys.modules.pop(ADDIN_NAME, None)
    module = importlib.import_module(ADDIN_NAME)
    assert module.main is buttons.main


@pytest.mark.parametrize(
    ("answers", "chosen"),
    [
        (["yes"], macros.validera),
        (["no", "yes"], macros.skapa_inlamning),
        (["no", "no"], macros.signera),
        (["cancel"], None),
        (["no", "cancel"], None),
    ],
)
def test_choice_of_action(tmp_path: Path, answers: list[str], chosen: object) -> None:
    path = tmp_path / "bok.xlsx"
    openpyxl.Workbook().save(path)
    book = FakeBook(path)
    book.app.answers = list(answers)
    assert buttons.choose(book) is chosen
    assert len(book.app.alerts) == len(answers)
    assert "bok.xlsx" in book.app.alerts[0]["prompt"]


def test_button_runs_validera_on_the_workbook(tmp_path: Path) -> None:
    """The whole path from the button: choice, then the Validera macro on the same (active) book."""
    path = tmp_path / "inte-en-mall.xlsx"
    openpyxl.Workbook().save(path)
    book = FakeBook(path)
    book.app.answers = ["yes"]
    buttons.main(book)
    assert book.saves == 1
    _question, answer = book.app.alerts
    assert answer["title"] == "KKiK – Validera" and answer["mode"] == "info"
