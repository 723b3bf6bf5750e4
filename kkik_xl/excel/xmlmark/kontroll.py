"""The Kontroll sheet as XML: one row per finding, links to the cells, Motivering open for writing.

An existing Kontroll sheet keeps everything but its rows and links (columns, protection, print
settings, the header's format); a workbook without one gets a new sheet.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from kkik_xl.excel.marking import (
    ANKARE_COLUMN,
    KONTROLL_HEADERS,
    LAST_COLUMN,
    MOTIVERING_COLUMN,
    WRAPPED_COLUMNS,
    KontrollRow,
    row_height,
)
from kkik_xl.excel.structure_copy import SHEET_DATA_OPEN, after_sheet_data
from kkik_xl.excel.xmlmark import tail as tails
from kkik_xl.excel.xmlmark.notes import xml_text
from kkik_xl.excel.xmlmark.package import MAIN_NS, REL_NS, Unsupported
from kkik_xl.excel.xmlmark.sheet_data import column_attributes, column_letters
from kkik_xl.excel.xmlmark.styles import Styles

WIDTHS = (14, 14, 14, 8, 6, 20, 16, 60, 10, 40, 14)
_FIRST_ROW = re.compile(rb"<row\b.*?</row>", re.S)
_CELL_STYLE = re.compile(r'<c\b[^>]*?\br="([A-Z]+)1"[^>]*?\bs="(\d+)"')
_BOLD = '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font>'
_LINK = '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/></font>'


def split_sheet(chunks: Iterator[bytes]) -> tuple[str, str, str]:
    """(head before ``<sheetData>``, the first row, everything after ``</sheetData>``) of a worksheet."""
    head = b""
    while (m := SHEET_DATA_OPEN.search(head)) is None:
        chunk = next(chunks, b"")
        if not chunk:
            raise Unsupported("Kontroll-bladet kunde inte läsas")
        head += chunk
    rest = b"</sheetData>" if m[1] else head[m.end() :]
    while (first := _FIRST_ROW.search(rest)) is None and b"</sheetData>" not in rest:
        chunk = next(chunks, b"")
        if not chunk:
            raise Unsupported("Kontroll-bladet kunde inte läsas")
        rest += chunk
    row = first[0].decode() if first else ""
    try:
        tail = after_sheet_data(rest, chunks)
    except ValueError:
        raise Unsupported("Kontroll-bladet kunde inte läsas") from None
    return head[: m.start()].decode(), row, tail.decode()


def _cell(ref: str, value: object, style: int) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        text = xml_text(str(value)[:32_767])
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>'
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


class KontrollSheet:
    """Builds the Kontroll sheet's XML for ``rows`` with the formats of ``styles``."""

    def __init__(self, styles: Styles, head: str, first_row: str) -> None:
        self.styles = styles
        columns = column_attributes(head.encode())
        self.col_styles = {c: int(a["style"]) for c, a in columns.items() if "style" in a}
        header = dict(_CELL_STYLE.findall(first_row))
        bold = styles.add(
            "cellXfs",
            f'<xf numFmtId="0" fontId="{styles.add("fonts", _BOLD)}" '
            'fillId="0" borderId="0" xfId="0" applyFont="1"/>',
        )
        self.header = [int(header.get(column_letters(c), bold)) for c in range(1, len(KONTROLL_HEADERS) + 1)]
        widths = {c: float(a.get("width", 10)) for c, a in columns.items()}
        self.widths = widths or {c: float(w) for c, w in enumerate(WIDTHS, start=1)}
        self.formats = [self._format(c) for c in range(1, len(KONTROLL_HEADERS) + 1)]
        link_font = styles.add("fonts", _LINK)
        self.link = styles.derive(self.col_styles.get(4, 0), font=link_font, wrap=False)

    def _format(self, col: int) -> int:
        base = self.col_styles.get(col, 0)
        if col == MOTIVERING_COLUMN:
            return self.styles.derive(base, wrap=True, unlocked=True)
        return self.styles.derive(base, wrap=col in WRAPPED_COLUMNS)

    def sheet_data(self, rows: Sequence[KontrollRow]) -> str:
        """``<sheetData>…</sheetData>``: the header row and one row per finding."""
        out = ['<sheetData><row r="1">']
        for c, header in enumerate(KONTROLL_HEADERS, 1):
            out.append(_cell(f"{column_letters(c)}1", header, self.header[c - 1]))
        out.append("</row>")
        wrapped = {c: self.widths.get(c, 10.0) for c in WRAPPED_COLUMNS}
        for r, row in enumerate(rows, start=2):
            out.append(f'<row r="{r}" ht="{row_height(row.values, wrapped)}" customHeight="1">')
            for c, value in enumerate(row.values, start=1):
                style = self.link if c == 4 and row.link else self.formats[c - 1]
                if value is not None and value != "":
                    out.append(_cell(f"{column_letters(c)}{r}", value, style))
                elif c == MOTIVERING_COLUMN:
                    out.append(f'<c r="{column_letters(c)}{r}" s="{style}"/>')
            out.append("</row>")
        out.append("</sheetData>")
        return "".join(out)


def hyperlinks(rows: Sequence[KontrollRow]) -> str:
    """``<hyperlinks>`` with an internal link on each row's Cell column ('' when there is none)."""
    links = [
        f'<hyperlink ref="D{r}" location="{xml_text(row.link)}" display="{xml_text(str(row.values[3]))}"/>'
        for r, row in enumerate(rows, start=2)
        if row.link
    ]
    return f"<hyperlinks>{''.join(links)}</hyperlinks>" if links else ""


def render(styles: Styles, head: str, first_row: str, tail: str, rows: Sequence[KontrollRow]) -> str:
    """The whole Kontroll worksheet: ``head`` and ``tail`` of the old sheet around the new rows."""
    sheet = KontrollSheet(styles, head, first_row)
    last = f"{LAST_COLUMN}{len(rows) + 1}"
    head = re.sub(r'<dimension\b[^>]*?ref="[^"]*"', f'<dimension ref="A1:{last}"', head, count=1)
    head = hide_anchor_column(head)
    tail = tails.remove(tail, "hyperlinks")
    links = hyperlinks(rows)
    if links:
        tail = tails.insert(tail, "hyperlinks", links)
    return head + sheet.sheet_data(rows) + tail


def hide_anchor_column(head: str) -> str:
    """``head`` with a hidden ``<col>`` for Ankare when none covers it (a Kontroll sheet from before)."""
    if ANKARE_COLUMN in column_attributes(head.encode()):
        return head
    col = f'<col min="{ANKARE_COLUMN}" max="{ANKARE_COLUMN}" width="14.7109375" hidden="1" customWidth="1"/>'
    if "</cols>" in head:
        return head.replace("</cols>", f"{col}</cols>", 1)
    return head + f"<cols>{col}</cols>"


def _hidden(col: int) -> str:
    return ' hidden="1"' if col == ANKARE_COLUMN else ""


def new_sheet_parts() -> tuple[str, str, str]:
    """(head, first row, tail) of a new Kontroll sheet: frozen header, widths, landscape on A4."""
    cols = "".join(
        f'<col min="{c}" max="{c}" width="{w + 0.7109375}" customWidth="1"{_hidden(c)}/>'
        for c, w in enumerate(WIDTHS, 1)
    )
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{REL_NS}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        f'<dimension ref="A1:{LAST_COLUMN}1"/><sheetViews><sheetView workbookViewId="0">'
        '<pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        '<sheetFormatPr defaultRowHeight="15"/>'
        f"<cols>{cols}</cols>"
    )
    tail = (
        '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/></worksheet>'
    )
    return head, "", tail
