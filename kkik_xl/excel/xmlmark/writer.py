"""The XML implementation of :class:`kkik_xl.excel.marking.MarkWriter`: a marked copy without openpyxl.

Only what marking changes is rewritten: ``styles.xml`` gets the fills and formats, the marked rows of
each sheet get new style ids (the rest of a sheet is copied as bytes while it streams), notes go to the
sheet's comments and VML parts, and Kontroll gets its rows. Values, formulas, Tables, validation,
macros and everything else stay byte for byte as in the original.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path

from kkik_xl.excel.marking import COLOURS, KONTROLL_SHEET, KontrollRow
from kkik_xl.excel.sheet_xml import SheetXml
from kkik_xl.excel.xmlmark import kontroll
from kkik_xl.excel.xmlmark import tail as tails
from kkik_xl.excel.xmlmark.notes import Comments, new_vml, patch_vml, position
from kkik_xl.excel.xmlmark.package import (
    COMMENTS_TYPE,
    REL_NS,
    SHEET_TYPE,
    VML_TYPE,
    Package,
    Unsupported,
    insert_before_close,
)
from kkik_xl.excel.xmlmark.sheet_data import Action, SheetPatch, column_number
from kkik_xl.excel.xmlmark.styles import Styles, solid_fill
from kkik_xl.findings import Severity

WORKBOOK = "xl/workbook.xml"
STYLES_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.comments+xml"
VML_CT = "application/vnd.openxmlformats-officedocument.vmlDrawing"
SHEET_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_RANGE = re.compile(r"^([A-Z]{1,3})(\d+)(?::([A-Z]{1,3})(\d+))?$")


def expand(ref: str) -> list[tuple[int, int]]:
    """``C2:D3`` → [(2, 3), (2, 4), (3, 3), (3, 4)] as (row, column)."""
    m = _RANGE.match(ref)
    if m is None:
        return []
    c1, r1 = column_number(m[1]), int(m[2])
    c2, r2 = (column_number(m[3]), int(m[4])) if m[3] else (c1, r1)
    return [(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)]


def anchored(notes: Mapping[str, str], merges: SheetXml) -> dict[str, str]:
    """Notes moved to the first cell of the merge that covers them (only it can hold a note)."""
    out: dict[str, list[str]] = {}
    for ref, text in notes.items():
        row, col = position(ref)
        for c1, r1, c2, r2 in merges.merges:
            if r1 <= row <= r2 and column_number(c1) <= col <= column_number(c2):
                ref = f"{c1}{r1}"
                break
        out.setdefault(ref, []).append(text)
    return {ref: "\n".join(parts) for ref, parts in out.items()}


class XmlMarkWriter:
    """Collects the marks, then :meth:`save` writes the patched copy."""

    def __init__(self, path: Path) -> None:
        self.package = Package(path)
        styles = [r for r in self.package.rels(WORKBOOK) if r.type == STYLES_TYPE]
        if not styles or not self.package.has(styles[0].target):
            raise Unsupported("styles.xml saknas")
        self.styles_part = styles[0].target
        self.styles = Styles(self.package.text(self.styles_part))
        self.fill_ids = {s: self.styles.add("fills", solid_fill(c)) for s, c in COLOURS.items()}
        self.cells: dict[str, dict[int, dict[int, Action]]] = defaultdict(lambda: defaultdict(dict))
        self.note_texts: dict[str, Mapping[str, str]] = {}
        self.rows: Sequence[KontrollRow] = []

    def sheet_names(self) -> list[str]:
        """Names of the workbook's sheets."""
        return list(self.package.sheets)

    def fill(self, sheet: str, ranges: Sequence[str], severity: Severity) -> None:
        """Remember the fill of every cell of ``ranges``."""
        for ref in ranges:
            for row, col in expand(ref):
                self.cells[sheet][row][col] = severity

    def notes(self, sheet: str, notes: Mapping[str, str]) -> None:
        """Remember the notes of a sheet."""
        self.note_texts[sheet] = notes

    def write_kontroll(self, rows: Sequence[KontrollRow]) -> None:
        """Remember the Kontroll rows."""
        self.rows = rows

    def restyle(self, style: int, action: Action) -> int:
        """The style of a cell marked with ``action`` (``None``: an earlier mark cleared)."""
        if action is None:
            marked = self.styles.fill_of(style) in self.fill_ids.values()
            return self.styles.with_fill(style, 0) if marked else style
        return self.styles.with_fill(style, self.fill_ids[action])

    def save(self, path: str) -> None:
        """Write the marked copy to ``path``."""
        try:
            for sheet, part in self.package.sheets.items():
                if sheet != KONTROLL_SHEET and self.package.has(part):
                    self._sheet(sheet, part)
            self._kontroll()
            self.package.put_later(self.styles_part, self.styles.render)  # after streaming made formats
            self.package.save(path)
        finally:
            self.package.close()

    def _sheet(self, sheet: str, part: str) -> None:
        rels = {r.type: r for r in self.package.rels(part)}
        comments_rel, vml_rel = rels.get(COMMENTS_TYPE), rels.get(VML_TYPE)
        comments = Comments.parse(self.package.original(comments_rel.target) if comments_rel else None)
        cells, notes, ours = self.cells.get(sheet, {}), self.note_texts.get(sheet, {}), comments.ours()
        if not cells and not notes and not ours:
            return
        plan: dict[int, dict[int, Action]] = defaultdict(dict)
        for ref in ours:
            row, col = position(ref)
            plan[row][col] = None
        for row, by_col in cells.items():
            plan[row].update(by_col)
        comments_part = (
            comments_rel.target if comments_rel else self.package.free_name("xl/comments/comment{}.xml")
        )
        vml_part = vml_rel.target if vml_rel else self.package.free_name("xl/drawings/vmlDrawing{}.vml")
        legacy = None
        if not comments_rel:
            self.package.add_rel(part, COMMENTS_TYPE, comments_part)
            self.package.add_content_type(comments_part, COMMENTS_CT)
        if not vml_rel:
            legacy = self.package.add_rel(part, VML_TYPE, vml_part)
            self.package.add_content_type(vml_part, VML_CT)
        patch = SheetPatch(plan, self.restyle, lambda tail: _legacy_drawing(tail, legacy))
        self.package.stream(part, patch.run)

        changes: dict[str, list[str]] = {}

        def make_comments() -> str:
            merges = SheetXml()
            merges.add(patch.tail)
            changes["removed"], changes["added"] = comments.replace_ours(anchored(notes, merges))
            return comments.render()

        def make_vml() -> str:
            old = self.package.original(vml_part) or new_vml()
            return patch_vml(old, changes["removed"], changes["added"])

        self.package.put_later(comments_part, make_comments)
        self.package.put_later(vml_part, make_vml)

    def _kontroll(self) -> None:
        part = self.package.sheets.get(KONTROLL_SHEET)
        if part is not None and self.package.has(part):
            head, first, tail = kontroll.split_sheet(self.package.chunks(part))
        else:
            part = self.package.free_name("xl/worksheets/sheet{}.xml")
            head, first, tail = kontroll.new_sheet_parts()
            self._add_sheet(part)
        self.package.put(part, kontroll.render(self.styles, head, first, tail, self.rows))

    def _add_sheet(self, part: str) -> None:
        rid = self.package.add_rel(WORKBOOK, SHEET_TYPE, part)
        self.package.add_content_type(part, SHEET_CT)
        xml = self.package.text(WORKBOOK)
        ids = [int(n) for n in re.findall(r'<sheet\b[^>]*?\bsheetId="(\d+)"', xml)]
        prefix = re.search(r'<sheet\b[^>]*?\b(\w+):id="', xml)
        rel = f'{prefix[1]}:id="{rid}"' if prefix else f'xmlns:r="{REL_NS}" r:id="{rid}"'
        element = f'<sheet name="{KONTROLL_SHEET}" sheetId="{max(ids, default=0) + 1}" {rel}/>'
        self.package.put(WORKBOOK, insert_before_close(xml, "sheets", element))


def _legacy_drawing(tail: bytes, rid: str | None) -> bytes:
    if rid is None or tails.has(tail.decode("utf-8"), "legacyDrawing"):
        return tail
    element = f'<legacyDrawing xmlns:r="{REL_NS}" r:id="{rid}"/>'
    return tails.insert(tail.decode("utf-8"), "legacyDrawing", element).encode("utf-8")
