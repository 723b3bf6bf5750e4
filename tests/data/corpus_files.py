"""Corpus cases broken in their structure or as files: columns, sheets, versions, containers, formats."""

from __future__ import annotations

import io
import tempfile
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import corpus_rows as cr
from corpus_tools import FIXED_ZIP_TIME, case, convert, filled, normalise, set_cell


def _swap_columns(wb: Any, sheet: str, table: str, a: int, b: int) -> None:
    """Swap whole columns ``a`` and ``b`` (1-based), headers and the Table's column names included."""
    ws = wb[sheet]
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        ca, cb = row[a - 1], row[b - 1]
        ca.value, cb.value = cb.value, ca.value
        ca.number_format, cb.number_format = cb.number_format, ca.number_format
    cols = ws.tables[table].tableColumns
    cols[a - 1].name, cols[b - 1].name = cols[b - 1].name, cols[a - 1].name


def _delete_column(wb: Any, sheet: str, table: str, index: int) -> None:
    """Delete column ``index`` (1-based) and shrink the Table with it."""
    ws = wb[sheet]
    ws.delete_cols(index)
    tab = ws.tables[table]
    first, last = tab.ref.split(":")
    letter = chr(ord(last[0]) - 1)
    tab.ref = f"{first}:{letter}{last[1:]}"
    tab.autoFilter.ref = tab.ref
    del tab.tableColumns[index - 1]
    for i, col in enumerate(tab.tableColumns, start=1):
        col.id = i


@case("forskola_kolumner_i_fel_ordning.xlsx")
def columns_reordered(out: Path) -> Path:
    return filled(
        out,
        "forskola",
        cr.forskola(),
        edit=lambda wb: _swap_columns(wb, "Placeringar", "Placeringar", 2, 3),
    )


@case("forskola_extra_kolumn.xlsx")
def extra_column(out: Path) -> Path:
    """A column ``Handläggare`` added to the right of the Table (and the Table grown over it)."""

    def add(wb: Any) -> None:
        ws = wb["Placeringar"]
        ws["E1"] = "Handläggare"
        for r in range(2, 14):
            ws.cell(row=r, column=5, value=f"H{r % 3 + 1}")
        ws["E9"] = "Eva 19121212-1212"
        tab = ws.tables["Placeringar"]
        tab.ref = tab.autoFilter.ref = "A1:E13"
        from openpyxl.worksheet.table import TableColumn

        tab.tableColumns.append(TableColumn(id=5, name="Handläggare"))

    return filled(out, "forskola", cr.forskola(), edit=add)


@case("forskola_kolumn_saknas.xlsx")
def missing_column(out: Path) -> Path:
    return filled(
        out, "forskola", cr.forskola(), edit=lambda wb: _delete_column(wb, "Placeringar", "Placeringar", 3)
    )


@case("forskola_bytt_bladnamn.xlsx")
def renamed_sheet(out: Path) -> Path:
    """The sheet renamed; its Table (found by name) still holds the rows."""

    def rename(wb: Any) -> None:
        wb["Placeringar"].title = "Barn 2025"

    return filled(out, "forskola", cr.forskola(), edit=rename)


@case("forskola_bytt_bladnamn_utan_tabell.xlsx")
def renamed_sheet_without_table(out: Path) -> Path:
    """The sheet renamed and its Table converted to a range: the table cannot be found."""

    def rename(wb: Any) -> None:
        ws = wb["Placeringar"]
        ws.title = "Blad1"
        del ws.tables["Placeringar"]

    return filled(out, "forskola", cr.forskola(), edit=rename)


@case("forskola_foraldrad_mall.xlsx")
def outdated_template(out: Path) -> Path:
    """``_meta`` says the file was made with template version 0.9."""

    def old(wb: Any) -> None:
        wb["_meta"]["B2"] = "0.9"

    return filled(out, "forskola", cr.forskola(), edit=old)


@case("forskola_mall_for_2024.xlsx")
def template_for_another_year(out: Path) -> Path:
    """The 2024 template filled with 2025 rows (validated with ``--year 2025``)."""
    return filled(out, "forskola", cr.forskola(), year=2024)


@case("sarskilt_boende_kvalitetskolumner_saknas.xlsx")
def quality_columns_missing(out: Path) -> Path:
    """Two quality columns (the 2025 list's Utevistelse and Individuell stimulans) deleted."""

    def drop(wb: Any) -> None:
        _delete_column(wb, "Kvalitet", "Kvalitet", 9)
        _delete_column(wb, "Kvalitet", "Kvalitet", 8)

    return filled(out, "sarskilt-boende", cr.sarskilt_boende(), edit=drop)


@case("forskola_tomma_formaterade_rader_1m.xlsx")
def million_formatted_rows(out: Path) -> Path:
    """Twelve rows, then formatted but empty rows down to Excel's last row (1,048,576)."""

    def pad(data: bytes) -> bytes:
        head, tail = data.split(b"</sheetData>", 1)
        rows = b"".join(b'<row r="%d" s="3" customFormat="1"/>' % r for r in range(14, 1_048_577))
        return head + rows + b"</sheetData>" + tail

    return filled(out, "forskola", cr.forskola(), xml={"Placeringar": pad})


@case("forskola_skadad_zip.xlsx")
def corrupt_zip(out: Path) -> Path:
    """A download cut off halfway."""
    filled(out, "forskola", cr.forskola())
    data = out.read_bytes()
    out.write_bytes(data[: len(data) // 2])
    return out


@case("forskola_zipbomb.xlsx")
def zip_bomb(out: Path) -> Path:
    """The table sheet inflated to 200 MB of whitespace (compresses over 1000:1)."""

    def inflate(data: bytes) -> bytes:
        head, tail = data.split(b"<sheetData>", 1)
        return head + b"<sheetData>" + b" " * (200 << 20) + tail

    return filled(out, "forskola", cr.forskola(), xml={"Placeringar": inflate})


@case("forskola_xml_extern_entitet.xlsx")
def xml_external_entity(out: Path) -> Path:
    """A DTD declaring an external entity (``/etc/passwd``) used in a cell."""

    def inject(data: bytes) -> bytes:
        doctype = b'<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        return b'<?xml version="1.0" encoding="UTF-8"?>' + doctype + data

    return filled(
        out,
        "forskola",
        cr.forskola(),
        xml={"Placeringar": lambda d: inject(set_cell("D7", "<is><t>&xxe;</t></is>", "inlineStr")(d))},
    )


@case("forskola_losenordsskyddad.xlsx")
def encrypted(out: Path) -> Path:
    """Saved with a password (Agile encryption, as Excel does), password ``hemligt``."""
    from msoffcrypto.format.ooxml import OOXMLFile  # generation only: pip install msoffcrypto-tool

    with tempfile.TemporaryDirectory() as tmp:
        plain = filled(Path(tmp) / out.name, "forskola", cr.forskola())
        buffer = io.BytesIO()
        with plain.open("rb") as fh:
            OOXMLFile(fh).encrypt("hemligt", buffer)
    out.write_bytes(buffer.getvalue())
    return out


@case("forskola_sparad_som_xls.xls")
def saved_as_xls(out: Path) -> Path:
    return _converted(out)


@case("forskola_sparad_som_ods.ods")
def saved_as_ods(out: Path) -> Path:
    return _converted(out)


def _converted(out: Path) -> Path:
    """The filled template with text in a date cell, saved by LibreOffice as ``.xls``/``.ods``."""
    rows = cr.forskola()
    rows["Placeringar"][4]["Önskat placeringsdatum"] = "igår"
    with tempfile.TemporaryDirectory() as tmp:
        src = filled(Path(tmp) / (out.stem + ".xlsx"), "forskola", rows)
        return convert(src, out)


@case("forskola_csv_cp1252.csv")
def csv_cp1252(out: Path) -> Path:
    """Saved by an older Excel as "CSV (semikolonavgränsad)": Windows-1252, ``;``, CRLF."""
    lines = ["Enhet;Önskat placeringsdatum;Erbjudet placeringsdatum;Kommentar"]
    for r in cr.forskola()["Placeringar"]:
        wanted, offered = r["Önskat placeringsdatum"], r["Erbjudet placeringsdatum"]
        assert isinstance(wanted, date) and isinstance(offered, date)
        lines.append(f"{r['Enhet']};{wanted:%Y-%m-%d};{offered:%Y-%m-%d};{r['Kommentar'] or ''}")
    lines[3] = "Förskolan Äppelgården;2025-02-04;2025-02-05;Förtur – syskon"
    lines[5] = "Månen;3/3 2025;2025-03-10;"
    out.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))
    return out


@case("forskola_tom_fil.xlsx")
def empty_file(out: Path) -> Path:
    out.write_bytes(b"")
    return out


@case("forskola_inte_ett_kalkylark.xlsx")
def not_a_spreadsheet(out: Path) -> Path:
    """A PDF saved with the wrong extension."""
    out.write_bytes(
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
    )
    return out


@case("forskola_word_dokument.xlsx")
def word_document(out: Path) -> Path:
    """A Word document (a valid OOXML zip, but no workbook) renamed to ``.xlsx``."""
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            "<w:body><w:p><w:r><w:t>Placeringar våren 2025, se bifogad lista.</w:t></w:r></w:p>"
            "</w:body></w:document>"
        ),
    }
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, text in parts.items():
            zf.writestr(zipfile.ZipInfo(name, FIXED_ZIP_TIME), text.encode(), zipfile.ZIP_DEFLATED)
    normalise(out)
    return out
