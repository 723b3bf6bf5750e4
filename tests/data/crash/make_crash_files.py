"""Generate the damaged and hostile workbooks that once crashed, aborted or exhausted the program.

Each file is the real förskola template filled with valid rows (``corpus_rows.forskola``), then
damaged in one way found by the mutation fuzzer (``tests/fuzz_mutations.py``).
``tests/test_crash_files.py`` runs the CLI on each (validate, validate --mark, compute, submit) in a
process with a memory limit. They have their own folder, apart from the corpus that other tests
validate and mark file by file.

Run: ``.venv/bin/python tests/data/crash/make_crash_files.py [NAME ...]`` (all files when no name is given).
"""

from __future__ import annotations

import re
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import corpus_rows as cr  # noqa: E402
from corpus_tools import FIXED_ZIP_TIME, filled, rewrite, set_cell, sheet_member  # noqa: E402

Build = Callable[[Path], Path]
CRASH_FILES: dict[str, Build] = {}
P = "Placeringar"


def crash(name: str) -> Callable[[Build], Build]:
    """Register a builder under the file name it writes."""

    def register(build: Build) -> Build:
        CRASH_FILES[name] = build
        return build

    return register


def _before_end_of_sheet_data(extra: bytes) -> Callable[[bytes], bytes]:
    return lambda data: data.replace(b"</sheetData>", extra + b"</sheetData>", 1)


@crash("forskola_cell_i_xfd1048576.xlsx")
def far_cell(out: Path) -> Path:
    """One value in Excel's last cell: the reader would allocate 16,384 × 1,048,576 cells (549 GB)."""
    cell = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    return filled(out, "forskola", cr.forskola(), xml={P: _before_end_of_sheet_data(cell)})


@crash("forskola_cell_i_z1048576_uppgifter.xlsx")
def far_cell_in_column_z(out: Path) -> Path:
    """A value in Z1048576 on Uppgifter: 27 million cells from A1, too many to read."""
    cell = b'<row r="1048576"><c r="Z1048576"><v>1</v></c></row>'
    return filled(out, "forskola", cr.forskola(), xml={"Uppgifter": _before_end_of_sheet_data(cell)})


@crash("forskola_cell_i_z300000_uppgifter.xlsx")
def far_cell_within_limit(out: Path) -> Path:
    """A value in Z300000 on Uppgifter: 7.8 million cells, read (the structure check once created an
    openpyxl cell for each and ran for minutes)."""
    cell = b'<row r="300000"><c r="Z300000"><v>1</v></c></row>'
    return filled(out, "forskola", cr.forskola(), xml={"Uppgifter": _before_end_of_sheet_data(cell)})


def _add_shared_strings(path: Path, sst: bytes) -> None:
    """Add ``xl/sharedStrings.xml`` (with its relationship and content type); cell B1 refers to it."""
    rel = (
        b'<Relationship Id="rIdSst" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        b'relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>'
    )
    override = (
        b'<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-'
        b'officedocument.spreadsheetml.sharedStrings+xml"/></Types>'
    )
    rewrite(path, "xl/_rels/workbook.xml.rels", lambda d: d.replace(b"</Relationships>", rel))
    rewrite(path, "[Content_Types].xml", lambda d: d.replace(b"</Types>", override))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(zipfile.ZipInfo("xl/sharedStrings.xml", FIXED_ZIP_TIME), sst, zipfile.ZIP_DEFLATED)


@crash("forskola_delade_texter_count_4294967295.xlsx")
def huge_sst_count(out: Path) -> Path:
    """A shared-string table declaring 4,294,967,295 strings (the reader reserves 103 GB for them)."""
    filled(out, "forskola", cr.forskola())
    sst = b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
    sst += b'spreadsheetml/2006/main" count="4294967295" uniqueCount="4294967295"><si><t>Solen</t></si></sst>'
    _add_shared_strings(out, sst)
    return out


@crash("forskola_delad_text_index_utanfor.xlsx")
def shared_string_out_of_range(out: Path) -> Path:
    """A cell referring to shared string 9,999 of a table holding one."""
    filled(out, "forskola", cr.forskola(), xml={P: set_cell("A2", "<v>9999</v>", "s")})
    sst = b'<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="http://schemas.openxmlformats.org/'
    sst += b'spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>Solen</t></si></sst>'
    _add_shared_strings(out, sst)
    return out


@crash("forskola_sammanfogning_a20_xfd1048576_uppgifter.xlsx")
def huge_merge(out: Path) -> Path:
    """A merged range A20:XFD1048576 on Uppgifter (openpyxl would create 17 billion cells)."""

    def merge(data: bytes) -> bytes:
        huge = b'<mergeCell ref="A20:XFD1048576"/>'
        if b"<mergeCells" in data:  # Uppgifter has merges already: add one more to them
            return re.sub(rb"(<mergeCells\b[^>]*>)", lambda m: m[1] + huge, data, count=1)
        return data.replace(b"</sheetData>", b"</sheetData><mergeCells>" + huge + b"</mergeCells>", 1)

    return filled(out, "forskola", cr.forskola(), xml={"Uppgifter": merge})


def _largest_part(path: Path) -> zipfile.ZipInfo:
    with zipfile.ZipFile(path) as zf:
        return max(zf.infolist(), key=lambda i: i.file_size)


def _flip(path: Path, offset_in_data: int, *, stored: bool) -> Path:
    """Flip one byte of the largest part's data; ``stored``: keep that part uncompressed first."""
    info = _largest_part(path)
    assert info.file_size > 8192, info
    if stored:
        tmp = path.with_suffix(".tmp")
        with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
            for i in src.infolist():
                kind = zipfile.ZIP_STORED if i.filename == info.filename else zipfile.ZIP_DEFLATED
                dst.writestr(zipfile.ZipInfo(i.filename, FIXED_ZIP_TIME), src.read(i), kind)
        tmp.replace(path)
        info = _largest_part(path)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + offset_in_data] ^= 0x55
    path.write_bytes(bytes(data))
    return path


@crash("forskola_crc_fel_efter_4kb.xlsx")
def crc_error_late(out: Path) -> Path:
    """A byte changed 6 KB into the (uncompressed) largest part: only the CRC at its end tells."""
    return _flip(filled(out, "forskola", cr.forskola()), 6000, stored=True)


@crash("forskola_packfel_sent_i_delen.xlsx")
def inflate_error_late(out: Path) -> Path:
    """The compressed data of the largest part damaged near its end."""
    path = filled(out, "forskola", cr.forskola())
    return _flip(path, _largest_part(path).compress_size - 40, stored=False)


@crash("forskola_dtd_efter_lang_kommentar.xlsx")
def late_doctype(out: Path) -> Path:
    """A DTD with an entity after a 5,000-byte comment (past any check of the first 4 KB)."""

    def inject(data: bytes) -> bytes:
        dtd = b'<!DOCTYPE worksheet [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        head = b'<?xml version="1.0" encoding="UTF-8"?>'
        body = data.split(b"?>", 1)[1] if data.startswith(b"<?xml") else data
        return head + b"<!--" + b"x" * 5000 + b"-->" + dtd + body

    return filled(out, "forskola", cr.forskola(), xml={P: inject})


@crash("forskola_bladdel_saknas.xlsx")
def missing_sheet_part(out: Path) -> Path:
    """The workbook lists the sheet Placeringar, but its XML part is not in the file."""
    path = filled(out, "forskola", cr.forskola())
    member = sheet_member(path, P)
    tmp = path.with_suffix(".tmp")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != member:
                dst.writestr(info, src.read(info))
    tmp.replace(path)
    return path


@crash("forskola_felaktigt_tal_i_v.xlsx")
def malformed_number(out: Path) -> Path:
    """A date cell whose stored number is ``1,2.3e``."""
    return filled(out, "forskola", cr.forskola(), xml={P: set_cell("B3", "<v>1,2.3e</v>")})


@crash("forskola_okand_celltyp.xlsx")
def unknown_cell_type(out: Path) -> Path:
    """A cell of type ``t="x"``, which no version of Excel writes."""
    return filled(out, "forskola", cr.forskola(), xml={P: set_cell("C4", "<v>45678</v>", "x")})


@crash("forskola_felaktig_cellreferens.xlsx")
def bad_cell_reference(out: Path) -> Path:
    """Cell references that are not references: ``1A`` and ``A0``."""

    def refs(data: bytes) -> bytes:
        return data.replace(b'r="B5"', b'r="1A"', 1).replace(b'r="C6"', b'r="A0"', 1)

    return filled(out, "forskola", cr.forskola(), xml={P: refs})


@crash("forskola_trasig_tabell_xml.xlsx")
def malformed_table(out: Path) -> Path:
    """The Excel Table's XML cut off in the middle of an attribute."""
    return filled(out, "forskola", cr.forskola(), xml={"xl/tables/table1.xml": lambda d: d[: len(d) // 2]})


@crash("forskola_trasig_kommentar_xml.xlsx")
def malformed_comment(out: Path) -> Path:
    """A note on the sheet whose comments XML is cut off."""

    def note(wb: Any) -> None:
        from openpyxl.comments import Comment

        wb[P]["D3"].comment = Comment("Motivering: syskonförtur", "Handläggare")

    path = filled(out, "forskola", cr.forskola(), edit=note)
    with zipfile.ZipFile(path) as zf:
        member = next(n for n in zf.namelist() if n.startswith("xl/comments"))
    rewrite(path, member, lambda d: d[: len(d) * 2 // 3])
    return path


@crash("forskola_zipnamn_utanfor_mappen.xlsx")
def traversal_entries(out: Path) -> Path:
    """Extra zip entries named ``../../x`` and ``/tmp/x``: they must never be written anywhere."""
    path = filled(out, "forskola", cr.forskola())
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as zf:
        for name in ("../../x", "/tmp/kkik-x", "xl/../../../y.xml"):
            zf.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), b"<x/>", zipfile.ZIP_DEFLATED)
    return path


def main(names: list[str]) -> None:
    """Write the named files (all when empty) next to this script."""
    unknown = set(names) - set(CRASH_FILES)
    if unknown:
        raise SystemExit(f"unknown files: {sorted(unknown)}")
    for name, build in CRASH_FILES.items():
        if not names or name in names:
            build(HERE / name)
            print(name)


if __name__ == "__main__":
    main(sys.argv[1:])
