"""A test personnummer placed in one text-carrying part of a workbook package (issue 17).

``PARTS`` maps a short name to (an edit of the package's parts, the Swedish place the finding names).
Each edit takes and returns ``{part name: bytes}`` of a clean filled forskola workbook (:func:`base`) and
puts Tolvan Tolvansson's well-known test number 19121212-1212 into one place only. Used by
``make_fixtures_personal_data.py`` and by the sweep in ``tests/test_personal_data_parts.py``.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment

from kkik_xl.excel.template_builder import write_template
from kkik_xl.excel.template_fill import fill_template

PNR = "19121212-1212"
Parts = dict[str, bytes]
Edit = Callable[[Parts], Parts]
D = date(2025, 2, 3)
ROWS: list[dict[str, object]] = [
    {"Enhet": "Solen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D},
    {"Enhet": "Månen", "Önskat placeringsdatum": D, "Erbjudet placeringsdatum": D},
]
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def base(folder: Path, rows: list[dict[str, object]] | None = None) -> Path:
    """A filled forskola template (2025, Ale) with one harmless note, saved in ``folder``."""
    template = write_template("forskola", 2025, folder)
    path = folder / "bas.xlsx"
    fill_template(template, path, {"Placeringar": rows or ROWS}, kommun="Ale")
    wb = openpyxl.load_workbook(path)
    wb["Placeringar"]["D3"].comment = Comment("Kolla datumet.", "Anna")
    wb.save(path)
    return path


def read_parts(path: Path) -> Parts:
    """Every member of the zip at ``path``."""
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_parts(parts: Parts, path: Path) -> Path:
    """Write ``parts`` as a zip (``[Content_Types].xml`` first, as Excel does)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(parts, key=lambda n: n != "[Content_Types].xml"):
            zf.writestr(name, parts[name])
    return path


def _replace(parts: Parts, name: str, old: str, new: str, count: int = 1) -> Parts:
    text = parts[name].decode("utf-8")
    assert old in text, (name, old)
    return {**parts, name: text.replace(old, new, count).encode("utf-8")}


def _add(parts: Parts, name: str, xml: str, content_type: str | None = None) -> Parts:
    out = {**parts, name: xml.encode("utf-8")}
    if content_type:
        override = f'<Override PartName="/{name}" ContentType="{content_type}" />'
        out = _replace(out, "[Content_Types].xml", "</Types>", override + "</Types>")
    return out


def _relate(
    parts: Parts, owner_rels: str, rel_id: str, kind: str, target: str, external: bool = False
) -> Parts:
    mode = ' TargetMode="External"' if external else ""
    rel = f'<Relationship Id="{rel_id}" Type="{_REL}/{kind}" Target="{target}"{mode} />'
    if owner_rels not in parts:
        empty = '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>'
        parts = {**parts, owner_rels: empty.encode()}
    return _replace(parts, owner_rels, "</Relationships>", rel + "</Relationships>")


def sheet_name(p: Parts) -> Parts:
    p = _replace(p, "xl/workbook.xml", 'name="Instruktioner"', 'name="Tolvan 121212-1212"')
    return _replace(p, "xl/workbook.xml", "'Instruktioner'!", "'Tolvan 121212-1212'!")


def defined_name(p: Parts) -> Parts:
    return _replace(
        p,
        "xl/workbook.xml",
        "</definedNames>",
        f'<definedName name="Tolvan">"{PNR}"</definedName></definedNames>',
    )


def defined_name_comment(p: Parts) -> Parts:
    name = f'<definedName name="Kontakt" comment="Tolvan {PNR}">Uppgifter!$A$1</definedName>'
    return _replace(p, "xl/workbook.xml", "</definedNames>", name + "</definedNames>")


def header(p: Parts) -> Parts:
    return _replace(
        p, "xl/worksheets/sheet1.xml", "<oddHeader />", f"<oddHeader>&amp;CTolvan {PNR}</oddHeader>"
    )


def footer(p: Parts) -> Parts:
    return _replace(p, "xl/worksheets/sheet1.xml", "<oddFooter>", f"<oddFooter>&amp;CTolvan {PNR}")


def core_author(p: Parts) -> Parts:
    return _replace(
        p, "docProps/core.xml", "<dc:creator>kkik-xl</dc:creator>", f"<dc:creator>Tolvan {PNR}</dc:creator>"
    )


def app_company(p: Parts) -> Parts:
    return _replace(p, "docProps/app.xml", "</Properties>", f"<Company>Tolvan {PNR}</Company></Properties>")


def custom_property(p: Parts) -> Parts:
    xml = (
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Handläggare">'
        f"<vt:lpwstr>Tolvan {PNR}</vt:lpwstr></property></Properties>"
    )
    p = _add(
        p, "docProps/custom.xml", xml, "application/vnd.openxmlformats-officedocument.custom-properties+xml"
    )
    return _relate(p, "_rels/.rels", "rIdPn", "custom-properties", "docProps/custom.xml")


def validation_list(p: Parts) -> Parts:
    dv = f'<dataValidation type="list" sqref="Z2"><formula1>"{PNR},Nej"</formula1></dataValidation>'
    return _replace(p, "xl/worksheets/sheet3.xml", "</dataValidations>", dv + "</dataValidations>")


def validation_prompt(p: Parts) -> Parts:
    old = 'prompt="Förskola eller område (valfritt). Frivillig."'
    return _replace(p, "xl/worksheets/sheet3.xml", old, f'prompt="Till exempel Tolvan {PNR}."')


def hyperlink_target(p: Parts) -> Parts:
    link = f'<hyperlinks><hyperlink xmlns:r="{_REL}" ref="A20" r:id="rIdPn" /></hyperlinks><pageMargins'
    p = _replace(p, "xl/worksheets/sheet2.xml", "<pageMargins", link)
    url = f"https://exempel.se/arende?pnr={PNR}"
    return _relate(p, "xl/worksheets/_rels/sheet2.xml.rels", "rIdPn", "hyperlink", url, external=True)


def hyperlink_text(p: Parts) -> Parts:
    link = (
        f'<hyperlinks><hyperlink ref="A21" location="\'Uppgifter\'!A1" tooltip="Tolvan {PNR}" /></hyperlinks>'
    )
    return _replace(p, "xl/worksheets/sheet2.xml", "<pageMargins", link + "<pageMargins")


def chart_title(p: Parts) -> Parts:
    xml = (
        f'<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="{_A}">'
        "<c:chart><c:title><c:tx><c:rich><a:bodyPr /><a:p><a:r><a:t>Tolvan "
        f"{PNR}</a:t></a:r></a:p></c:rich></c:tx></c:title><c:plotArea /></c:chart></c:chartSpace>"
    )
    return _add(
        p, "xl/charts/chart1.xml", xml, "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
    )


def _drawing(body: str) -> str:
    return (
        '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
        f'xmlns:a="{_A}"><xdr:twoCellAnchor><xdr:from><xdr:col>5</xdr:col><xdr:colOff>0</xdr:colOff>'
        "<xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>8</xdr:col>"
        "<xdr:colOff>0</xdr:colOff><xdr:row>6</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>"
        f"{body}<xdr:clientData /></xdr:twoCellAnchor></xdr:wsDr>"
    )


def _with_drawing(p: Parts, body: str) -> Parts:
    p = _add(
        p,
        "xl/drawings/drawing1.xml",
        _drawing(body),
        "application/vnd.openxmlformats-officedocument.drawing+xml",
    )
    p = _replace(
        p,
        "xl/worksheets/sheet2.xml",
        "</worksheet>",
        f'<drawing xmlns:r="{_REL}" r:id="rIdDr" /></worksheet>',
    )
    return _relate(p, "xl/worksheets/_rels/sheet2.xml.rels", "rIdDr", "drawing", "../drawings/drawing1.xml")


def text_box(p: Parts) -> Parts:
    shape = (
        '<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="Textruta 1" /><xdr:cNvSpPr txBox="1" /></xdr:nvSpPr>'
        "<xdr:spPr /><xdr:txBody><a:bodyPr /><a:p><a:r><a:t>Ring Tolvan 1912</a:t></a:r><a:r><a:t>1212-1212"
        "</a:t></a:r></a:p></xdr:txBody></xdr:sp>"
    )
    return _with_drawing(p, shape)


def alt_text(p: Parts) -> Parts:
    shape = (
        f'<xdr:sp><xdr:nvSpPr><xdr:cNvPr id="2" name="Form 1" descr="Bild på Tolvan {PNR}" />'
        "<xdr:cNvSpPr /></xdr:nvSpPr><xdr:spPr /></xdr:sp>"
    )
    return _with_drawing(p, shape)


def formula_literal(p: Parts) -> Parts:
    row = f'<row r="40"><c r="E40"><f>IF(A1="{PNR}",1,0)</f><v>0</v></c></row></sheetData>'
    return _replace(p, "xl/worksheets/sheet2.xml", "</sheetData>", row)


def unused_shared_string(p: Parts) -> Parts:
    xml = f'<sst xmlns="{_MAIN}" count="1" uniqueCount="1"><si><t>Tolvan {PNR}</t></si></sst>'
    p = _add(
        p,
        "xl/sharedStrings.xml",
        xml,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml",
    )
    return _relate(p, "xl/_rels/workbook.xml.rels", "rIdSst", "sharedStrings", "/xl/sharedStrings.xml")


def threaded_comment(p: Parts) -> Parts:
    xml = (
        '<ThreadedComments xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        '<threadedComment ref="B2" dT="2025-02-03T10:00:00.00" '
        'personId="{00000000-0000-0000-0000-000000000001}" '
        f'id="{{00000000-0000-0000-0000-000000000002}}"><text>Gäller Tolvan {PNR}</text></threadedComment>'
        "</ThreadedComments>"
    )
    p = _add(
        p, "xl/threadedComments/threadedComment1.xml", xml, "application/vnd.ms-excel.threadedcomments+xml"
    )
    kind = "threadedComment"
    rel = f'<Relationship Id="rIdTc" Type="http://schemas.microsoft.com/office/2017/10/relationships/{kind}" '
    rel += 'Target="../threadedComments/threadedComment1.xml" /></Relationships>'
    return _replace(p, "xl/worksheets/_rels/sheet3.xml.rels", "</Relationships>", rel)


def person_list(p: Parts) -> Parts:
    xml = (
        '<personList xmlns="http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments">'
        f'<person displayName="Tolvan {PNR}" id="{{00000000-0000-0000-0000-000000000001}}" userId="tolvan" '
        'providerId="None" /></personList>'
    )
    return _add(p, "xl/persons/person.xml", xml, "application/vnd.ms-excel.person+xml")


def note_author(p: Parts) -> Parts:
    name = next(n for n in p if re.match(r"xl/comments/comment\d+\.xml$", n))
    return _replace(p, name, "<author>Anna</author>", f"<author>Tolvan {PNR}</author>")


def embedded_binary(p: Parts) -> Parts:
    data = b"\xd0\xcf\x11\xe0" + f"Tolvan {PNR}".encode("utf-16-le") + b"\x00" * 16
    return {**p, "xl/embeddings/oleObject1.bin": data}


def embedded_document(p: Parts) -> Parts:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        body = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
        zf.writestr(
            "word/document.xml",
            f'<w:document xmlns:w="{body}"><w:body><w:p><w:r><w:t>Tolvan {PNR}</w:t></w:r></w:p>'
            "</w:body></w:document>",
        )
    return {**p, "xl/embeddings/Microsoft_Word_Document1.docx": buffer.getvalue()}


def pivot_cache(p: Parts) -> Parts:
    xml = (
        f'<pivotCacheDefinition xmlns="{_MAIN}" recordCount="1"><cacheFields count="1">'
        f'<cacheField name="Ärende"><sharedItems><s v="{PNR}" /></sharedItems></cacheField></cacheFields>'
        "</pivotCacheDefinition>"
    )
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml"
    return _add(p, "xl/pivotCache/pivotCacheDefinition1.xml", xml, kind)


def external_link(p: Parts) -> Parts:
    xml = (
        f'<externalLink xmlns="{_MAIN}"><externalBook xmlns:r="{_REL}" r:id="rId1"><sheetNames>'
        '<sheetName val="Blad1" /></sheetNames><sheetDataSet><sheetData sheetId="0"><row r="1">'
        f'<cell r="A1" t="str"><v>Tolvan {PNR}</v></cell></row></sheetData></sheetDataSet>'
        "</externalBook></externalLink>"
    )
    kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml"
    return _add(p, "xl/externalLinks/externalLink1.xml", xml, kind)


def external_link_target(p: Parts) -> Parts:
    p = external_link(p)
    p = _replace(p, "xl/externalLinks/externalLink1.xml", f"Tolvan {PNR}", "Blad1")
    return _relate(
        p,
        "xl/externalLinks/_rels/externalLink1.xml.rels",
        "rId1",
        "externalLinkPath",
        f"file:///C:/Elever/{PNR}.xlsx",
        external=True,
    )


def number_format_literal(p: Parts) -> Parts:
    fmt = f'<numFmt numFmtId="200" formatCode="&quot;Tolvan {PNR}&quot;" />'
    text = p["xl/styles.xml"].decode()
    if "<numFmts" in text:
        return _replace(p, "xl/styles.xml", "</numFmts>", fmt + "</numFmts>")
    return _replace(p, "xl/styles.xml", "<fonts", f'<numFmts count="1">{fmt}</numFmts><fonts')


def custom_xml(p: Parts) -> Parts:
    return _add(p, "customXml/item1.xml", f"<data><kontakt>Tolvan {PNR}</kontakt></data>")


def part_name(p: Parts) -> Parts:
    return {**p, f"xl/embeddings/Tolvan_{PNR}.bin": b"\x00\x01"}


PARTS: dict[str, tuple[Edit, str]] = {
    "bladnamn": (sheet_name, "Bladnamnet"),
    "definierat_namn": (defined_name, "Ett definierat namn"),
    "definierat_namns_kommentar": (defined_name_comment, "Kommentaren till ett definierat namn"),
    "sidhuvud": (header, "Sidhuvudet på bladet"),
    "sidfot": (footer, "Sidfoten på bladet"),
    "dokumentegenskap_forfattare": (core_author, "Dokumentegenskapen Författare"),
    "dokumentegenskap_foretag": (app_company, "Dokumentegenskapen Företag"),
    "anpassad_dokumentegenskap": (custom_property, "En anpassad dokumentegenskap"),
    "dataverifieringslista": (validation_list, "Dataverifieringen"),
    "dataverifieringsmeddelande": (validation_prompt, "Dataverifieringen"),
    "hyperlankmal": (hyperlink_target, "Ett länkmål"),
    "hyperlankens_skarmtips": (hyperlink_text, "Hyperlänken på bladet"),
    "diagramrubrik": (chart_title, "Ett diagrams rubrik"),
    "textruta": (text_box, "En textruta"),
    "alternativtext": (alt_text, "En textruta, form eller bild"),
    "formel": (formula_literal, "Formeln på bladet Uppgifter (cell E40)"),
    "oanvand_delad_text": (unused_shared_string, "En text i arbetsbokens lista över delade texter"),
    "tradad_kommentar": (threaded_comment, "En trådad kommentar på bladet Placeringar (cell B2)"),
    "kommentarsforfattare": (person_list, "Listan över kommentarsförfattare"),
    "anteckningens_forfattare": (note_author, "Författaren till en anteckning"),
    "inbaddad_binarfil": (embedded_binary, "Den inbäddade filen oleObject1.bin"),
    "inbaddat_dokument": (embedded_document, "Den inbäddade filen Microsoft_Word_Document1.docx"),
    "pivotcache": (pivot_cache, "Pivottabellens sparade data"),
    "extern_lank_cache": (external_link, "De sparade värdena från en extern länk"),
    "extern_lank_mal": (external_link_target, "Ett länkmål"),
    "talformat_text": (number_format_literal, "Ett talformat"),
    "anpassad_xml": (custom_xml, "Anpassade XML-data"),
    "delens_namn": (part_name, "Namnet på en del i filen"),
}
