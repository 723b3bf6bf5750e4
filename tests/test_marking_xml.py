"""The XML marking writer: same marks as the openpyxl writer, everything else kept byte for byte.

The corpus test marks every readable corpus workbook with both writers and compares cell values,
fills, notes and the Kontroll sheet; the other tests cover what only the XML writer does (user notes
and unknown parts kept, formats of inserted cells) and that LibreOffice reads its copies.
"""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import xlsxwriter
from renderers import require_libreoffice

from kkik_xl.excel.libreoffice import convert
from kkik_xl.excel.marking import COLOURS, mark_workbook
from kkik_xl.excel.meta import sheet_members
from kkik_xl.excel.result import ReadError
from kkik_xl.excel.xmlmark.kontroll import split_sheet
from kkik_xl.excel.xmlmark.notes import NOTE_AUTHOR, Comments
from kkik_xl.excel.xmlmark.package import Unsupported, rels_part
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules import validate_workbook

DATA = Path(__file__).parent / "data"
CORPUS = sorted(p for p in DATA.glob("*.xlsx") if p.stat().st_size < 1 << 20)


def _finding(cell: str, severity: Severity = Severity.ERROR, sheet: str = "Placeringar") -> Finding:
    return Finding(code="KKIK-VA-001", severity=severity, message=f"m {cell}", sheet=sheet, cell=cell)


def _fill(cell: Any) -> str | None:
    return str(cell.fill.fgColor.rgb)[-6:] if cell.fill.fill_type == "solid" else None


def _value(value: Any) -> Any:
    """Array formulas compare by their range and text."""
    return (value.ref, value.text) if hasattr(value, "ref") and hasattr(value, "text") else value


def _cells(ws: Any) -> Iterator[Any]:
    for row in ws.iter_rows():
        yield from row


def _marks(path: Path) -> dict[str, Any]:
    """Everything marking may change or must keep, per sheet: values, fills, notes, links."""
    wb = openpyxl.load_workbook(path)
    out: dict[str, Any] = {}
    for ws in wb.worksheets:
        cells = {
            c.coordinate: (_value(c.value), _fill(c)) for c in _cells(ws) if c.value is not None or _fill(c)
        }
        notes = {c.coordinate: (c.comment.author, c.comment.text) for c in _cells(ws) if c.comment}
        links = {c.coordinate: c.hyperlink.location for c in _cells(ws) if c.hyperlink}
        unlocked = sorted(c.coordinate for c in _cells(ws) if c.has_style and not c.protection.locked)
        out[ws.title] = (cells, notes, links, unlocked if ws.title == "Kontroll" else None)
    return out


def _copy(path: Path, folder: Path) -> Path:
    folder.mkdir()
    return Path(shutil.copy(path, folder / path.name))


def assert_writers_agree(path: Path, findings: list[Finding], tmp_path: Path) -> None:
    """Both writers give ``path`` the same values, fills, notes, links and open Motivering cells."""
    xml = mark_workbook(_copy(path, tmp_path / "xml"), findings, engine="xml")
    reference = mark_workbook(_copy(path, tmp_path / "openpyxl"), findings, engine="openpyxl")
    got, want = _marks(xml), _marks(reference)
    # Notes authored kkik-xl in the original are an earlier marking's: replaced, not kept.
    user_notes = {
        s: {ref: n for ref, n in notes.items() if n[0] != NOTE_AUTHOR}
        for s, (_, notes, _, _) in _marks(path).items()
    }
    for sheet, (cells, notes, links, unlocked) in want.items():
        assert got[sheet][0] == cells, sheet
        kept = {ref: note for ref, note in got[sheet][1].items() if ref in user_notes.get(sheet, {})}
        assert kept == user_notes.get(sheet, {}), "user notes are kept"
        assert {r: n for r, n in got[sheet][1].items() if r not in kept} == {
            r: n for r, n in notes.items() if r not in kept
        }, sheet
        assert (got[sheet][2], got[sheet][3]) == (links, unlocked), sheet


@pytest.mark.parametrize("path", CORPUS, ids=[p.stem for p in CORPUS])
def test_both_writers_mark_every_corpus_workbook_alike(path: Path, tmp_path: Path) -> None:
    try:
        findings = validate_workbook(path).findings
    except ReadError:
        pytest.skip("the file cannot be read, so it is never marked")
    assert_writers_agree(path, findings, tmp_path)


def test_parts_marking_does_not_touch_are_copied_byte_for_byte(tmp_path: Path) -> None:
    original = tmp_path / "forskola.xlsm"
    with (
        zipfile.ZipFile(DATA / "forskola_text_i_datumcell.xlsx") as src,
        zipfile.ZipFile(original, "w") as dst,
    ):
        for info in src.infolist():
            dst.writestr(info, src.read(info))
        dst.writestr("xl/vbaProject.bin", b"\x00macro bytes\x01" * 100)
        dst.writestr("customXml/item1.xml", "<kommun>Ale</kommun>")
    marked = mark_workbook(original, validate_workbook(original).findings, engine="xml")
    assert marked.name == "forskola_kontrollerad.xlsm"
    with zipfile.ZipFile(original) as before, zipfile.ZipFile(marked) as after:
        sheets = sheet_members(before)
        changed = {n for n in before.namelist() if after.read(n) != before.read(n)}
        added = set(after.namelist()) - set(before.namelist())
    marked_sheet, kontroll = sheets["Placeringar"], sheets["Kontroll"]
    allowed = {"xl/styles.xml", "[Content_Types].xml", marked_sheet, kontroll, rels_part(marked_sheet)}
    assert changed <= allowed and {marked_sheet, kontroll, "xl/styles.xml"} <= changed
    assert {n.rsplit("/", 1)[0] for n in added} <= {"xl/comments", "xl/drawings", "xl/worksheets/_rels"}


def test_a_users_note_is_kept_and_remarking_does_not_pile_up_notes(tmp_path: Path) -> None:
    original = _copy(DATA / "forskola_personnummer_i_anteckning_och_uppgifter.xlsx", tmp_path / "a")
    findings = validate_workbook(original).findings
    assert any(f.cell == "B7" and f.sheet == "Placeringar" for f in findings)
    first = mark_workbook(original, findings, engine="xml")
    second = mark_workbook(first, [*findings, _finding("C2", Severity.WARNING)], engine="xml")
    wb = openpyxl.load_workbook(second)
    ws = wb["Placeringar"]
    assert ws["B7"].comment.author == "Handläggare"
    assert ws["B7"].comment.text == "Gäller barnet 121212-1212, ring vårdnadshavare"
    assert _fill(ws["B7"]) == COLOURS[Severity.ERROR]
    assert ws["C2"].comment.author == "kkik-xl" and _fill(ws["C2"]) == COLOURS[Severity.WARNING]
    with zipfile.ZipFile(second) as zf:
        parts = {n: zf.read(n).decode() for n in zf.namelist() if n.endswith((".vml", ".xml"))}
    shapes = sum(text.count('ObjectType="Note"') for n, text in parts.items() if n.endswith(".vml"))
    comments = sum(text.count("<comment ") for text in parts.values())
    notes = sum(1 for sheet in wb.worksheets for c in _cells(sheet) if c.comment)
    assert shapes == comments == notes >= 2


def test_an_empty_marked_cell_keeps_its_columns_format(tmp_path: Path) -> None:
    original = _copy(DATA / "forskola_text_i_datumcell.xlsx", tmp_path / "a")
    ws = openpyxl.load_workbook(original)["Placeringar"]
    empty = next(f"C{r}" for r in range(2, 50) if ws[f"C{r}"].value is None)
    wb = openpyxl.load_workbook(mark_workbook(original, [_finding(empty)], engine="xml"))
    cell = wb["Placeringar"][empty]
    assert cell.value is None and _fill(cell) == COLOURS[Severity.ERROR]
    assert cell.number_format == "yyyy-mm-dd" and cell.protection.locked is False


def _workbook_without_styles(path: Path) -> Path:
    plain = path.with_name("plain.xlsx")
    book = xlsxwriter.Workbook(plain)
    book.add_worksheet("Placeringar").write_row(0, 0, ["Enhet", "Önskat", "Erbjudet"])
    book.close()
    with zipfile.ZipFile(plain) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/styles.xml":
                continue
            if info.filename in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
                data = re.sub(rb"<[^<>]*styles[^<>]*/>", b"", data)
            dst.writestr(info, data)
    return path


def test_a_file_the_xml_writer_does_not_patch_is_marked_with_openpyxl(tmp_path: Path) -> None:
    original = _workbook_without_styles(tmp_path / "utan_format.xlsx")
    with pytest.raises(Unsupported):
        mark_workbook(original, [_finding("C3")], engine="xml")
    ws = openpyxl.load_workbook(mark_workbook(original, [_finding("C3")]))["Placeringar"]
    assert _fill(ws["C3"]) == COLOURS[Severity.ERROR] and ws["C3"].comment.author == "kkik-xl"


def test_libreoffice_reads_the_marks_of_an_xml_marked_copy(tmp_path: Path) -> None:
    require_libreoffice()
    template = _copy(DATA / "forskola_text_i_datumcell.xlsx", tmp_path / "a")
    plain = tmp_path / "b" / "ny.xlsx"
    plain.parent.mkdir()
    book = xlsxwriter.Workbook(plain)
    book.add_worksheet("Placeringar").write_row(0, 0, ["Enhet", "Önskat", "Erbjudet"])
    book.close()
    marked = [
        mark_workbook(template, [_finding("C4"), _finding("B3", Severity.WARNING)], engine="xml"),
        mark_workbook(plain, [_finding("C4"), _finding("B3", Severity.WARNING)], engine="xml"),
    ]
    for converted in convert(marked, "xlsx", tmp_path / "lo"):
        wb = openpyxl.load_workbook(converted)
        ws = wb["Placeringar"]
        assert _fill(ws["C4"]) == COLOURS[Severity.ERROR] and _fill(ws["B3"]) == COLOURS[Severity.WARNING]
        assert ws["C4"].comment is not None and "KKIK-VA-001" in ws["C4"].comment.text
        kontroll = wb["Kontroll"]
        links = {c.value: c.hyperlink for c in kontroll["D"][1:]}
        assert set(links) == {"C4", "B3"}
        assert all(link is not None and "Placeringar" in str(link.location) for link in links.values())


EXCEL_COMMENTS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<comments xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="xr" \
xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"><authors><author>Anna</author>\
<author>kkik-xl</author></authors><commentList><comment ref="B2" authorId="0" shapeId="0" xr:uid="{A1}">\
<text><r><rPr><b/></rPr><t>Anna:</t></r><r><t xml:space="preserve">hej</t></r></text></comment>\
<comment ref="D9" authorId="1"><text><t>KKIK-VA-001 (Fel): gammal</t></text></comment></commentList>\
<extLst><ext uri="{X}"/></extLst></comments>"""


def test_an_excel_comments_part_keeps_its_namespaces_and_the_users_notes() -> None:
    comments = Comments.parse(EXCEL_COMMENTS)
    removed, added = comments.replace_ours({"C3": "KKIK-DA-001 (Varning): <ny> & så"})
    root = ET.fromstring(comments.render().encode())
    assert (removed, added) == (["D9"], ["C3"])
    main = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    refs = [c.get("ref") for c in root.iter(f"{main}comment")]
    assert refs == ["B2", "C3"]
    uid = "{http://schemas.microsoft.com/office/spreadsheetml/2014/revision}uid"
    assert next(root.iter(f"{main}comment")).get(uid) == "{A1}"
    assert "".join(root.itertext()).endswith("KKIK-DA-001 (Varning): <ny> & så")
    assert root.find(f"{main}extLst") is not None


def test_a_workbook_saved_by_libreoffice_is_marked_like_openpyxl_marks_it(tmp_path: Path) -> None:
    require_libreoffice()
    source = DATA / "forskola_personnummer_i_anteckning_och_uppgifter.xlsx"
    (saved,) = convert([source], "xlsx", tmp_path / "lo")
    assert b"LibreOffice" in zipfile.ZipFile(saved).read("docProps/app.xml")
    findings = [*validate_workbook(saved).findings, _finding("C3"), _finding("A2", Severity.INFO)]
    assert_writers_agree(saved, findings, tmp_path)


def test_the_kontroll_sheet_is_split_around_its_rows_at_any_chunk_size() -> None:
    head = b'<worksheet><cols><col min="1" max="3" style="2"/></cols>'
    first = b'<row r="1"><c r="A1" s="5" t="s"><v>0</v></c></row>'
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r) for r in range(2, 40))
    tail = b'<sheetProtection sheet="1"/><pageSetup orientation="landscape"/></worksheet>'
    xml = head + b"<sheetData>" + first + rows + b"</sheetData>" + tail
    for size in (1, 5, 17, 64, len(xml)):
        pieces = iter([xml[i : i + size] for i in range(0, len(xml), size)])
        assert split_sheet(pieces) == (head.decode(), first.decode(), tail.decode()), size
