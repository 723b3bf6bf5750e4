"""Notes (comments) of a sheet: the comments part and the VML shapes that show them, patched as text.

Notes written by an earlier marking (author ``kkik-xl``) are removed; the user's own notes are kept
as they are, shapes included. A cell that already has a user's note keeps it: the finding is still
filled and listed on Kontroll. Excel shows a note only with a VML shape, so every new note gets one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape, unescape

from kkik_xl.excel.marking import NOTE_AUTHOR
from kkik_xl.excel.xmlmark.package import MAIN_NS, Unsupported
from kkik_xl.excel.xmlmark.sheet_data import column_number

_AUTHOR = re.compile(r"<author>(.*?)</author>|<author/>", re.S)
_COMMENT = re.compile(r"<comment\b[^>]*?(?:/>|>.*?</comment>)", re.S)
_REF = re.compile(r'\bref="([A-Z]{1,3})(\d+)"')
_AUTHOR_ID = re.compile(r'\bauthorId="(\d+)"')
_SHAPE = re.compile(r"<((?:\w+:)?)shape\b.*?</\1shape>", re.S)
_SHAPE_ID = re.compile(r"_x0000_s(\d+)")
_ROW = re.compile(r"<(?:\w+:)?Row>\s*(\d+)\s*<")
_COLUMN = re.compile(r"<(?:\w+:)?Column>\s*(\d+)\s*<")
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
V = "urn:schemas-microsoft-com:vml"
OFFICE = "urn:schemas-microsoft-com:office:office"
X = "urn:schemas-microsoft-com:office:excel"
_SHAPETYPE = (
    f'<v:shapetype xmlns:v="{V}" xmlns:o="{OFFICE}" id="_x0000_t202" coordsize="21600,21600" o:spt="202" '
    'path="m,l,21600r21600,l21600,xe"><v:stroke joinstyle="miter"/>'
    '<v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
)


@lru_cache(maxsize=1 << 14)
def xml_text(text: str) -> str:
    """``text`` escaped for XML, with characters XML cannot hold written as ``_xHHHH_``."""
    return escape(_ILLEGAL.sub(lambda m: f"_x{ord(m[0]):04X}_", text), quote=True)


def position(ref: str) -> tuple[int, int]:
    """``C12`` → (12, 3)."""
    m = re.match(r"([A-Z]{1,3})(\d+)$", ref)
    if m is None:
        raise ValueError(ref)
    return int(m[2]), column_number(m[1])


@dataclass
class Comments:
    """A sheet's comments: authors and ``<comment>`` elements by cell."""

    authors: list[str]
    elements: dict[str, str]
    root: str = f'<comments xmlns="{MAIN_NS}">'
    after: str = ""

    @classmethod
    def parse(cls, xml: str | None) -> Comments:
        """Read a comments part (``None``: the sheet has none).

        The root's start tag (with the namespaces the user's notes may use, such as Excel's ``xr:uid``)
        and whatever follows the comment list (``extLst``) are kept as they are.
        """
        if xml is None:
            return cls([], {})
        root = re.search(r"<comments\b[^>]*>", xml)
        if root is None or re.search(r"<\w+:comments\b", xml):
            raise Unsupported("kommentarer med prefix")
        authors = [unescape(m[1] or "") for m in _AUTHOR.finditer(xml)]
        elements = {}
        for m in _COMMENT.finditer(xml):
            ref = _REF.search(m[0])
            if ref:
                elements[f"{ref[1]}{ref[2]}"] = m[0]
        end = max(xml.rfind("</commentList>"), xml.rfind("<commentList/>"))
        after = re.sub(r"^</commentList>|^<commentList/>|</comments>\s*$", "", xml[end:]) if end >= 0 else ""
        return cls(authors, elements, root[0], after)

    def author_of(self, ref: str) -> str | None:
        """The author of the note on ``ref``."""
        m = _AUTHOR_ID.search(self.elements[ref])
        index = int(m[1]) if m else -1
        return self.authors[index] if 0 <= index < len(self.authors) else None

    def ours(self) -> list[str]:
        """Cells whose note an earlier marking wrote."""
        return [ref for ref in self.elements if self.author_of(ref) == NOTE_AUTHOR]

    def replace_ours(self, notes: Mapping[str, str]) -> tuple[list[str], list[str]]:
        """Drop earlier kkik-xl notes, add ``notes`` where the user has none; (removed, added) cells."""
        removed = self.ours()
        for ref in removed:
            del self.elements[ref]
        if NOTE_AUTHOR not in self.authors:
            self.authors.append(NOTE_AUTHOR)
        author = self.authors.index(NOTE_AUTHOR)
        added = [ref for ref in notes if ref not in self.elements]
        for ref in added:
            text = xml_text(notes[ref][:32_000])
            self.elements[ref] = (
                f'<comment ref="{ref}" authorId="{author}">'
                f'<text><t xml:space="preserve">{text}</t></text></comment>'
            )
        return removed, added

    def render(self) -> str:
        """The comments part, notes in row and column order."""
        authors = "".join(f"<author>{xml_text(a)}</author>" for a in self.authors)
        ordered = sorted(self.elements, key=position)
        body = "".join(self.elements[ref] for ref in ordered)
        return (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f"{self.root}<authors>{authors}</authors>"
            f"<commentList>{body}</commentList>{self.after}</comments>"
        )


def shape(ref: str, shape_id: int) -> str:
    """A hidden note shape for cell ``ref`` (Excel's zero-based row and column)."""
    row, col = position(ref)
    return (
        f'<v:shape xmlns:v="{V}" xmlns:o="{OFFICE}" xmlns:x="{X}" '
        f'id="_x0000_s{shape_id}" type="#_x0000_t202" '
        'style="position:absolute;margin-left:59.25pt;margin-top:1.5pt;width:320px;height:120px;'
        'z-index:1;visibility:hidden" fillcolor="#ffffe1" o:insetmode="auto">'
        '<v:fill color2="#ffffe1"/><v:shadow color="black" obscured="t"/><v:path o:connecttype="none"/>'
        '<v:textbox style="mso-direction-alt:auto"><div style="text-align:left"></div></v:textbox>'
        '<x:ClientData ObjectType="Note"><x:MoveWithCells/><x:SizeWithCells/><x:AutoFill>False</x:AutoFill>'
        f"<x:Row>{row - 1}</x:Row><x:Column>{col - 1}</x:Column></x:ClientData></v:shape>"
    )


def new_vml() -> str:
    """An empty VML drawing for notes."""
    return (
        f'<xml xmlns:v="{V}" xmlns:o="{OFFICE}" xmlns:x="{X}">'
        '<o:shapelayout v:ext="edit"><o:idmap v:ext="edit" data="1"/></o:shapelayout></xml>'
    )


def patch_vml(vml: str, removed: Iterable[str], added: Iterable[str]) -> str:
    """``vml`` without the note shapes of ``removed`` cells and with shapes for ``added`` cells."""
    gone = {(r - 1, c - 1) for r, c in map(position, removed)}

    def keep(m: re.Match[str]) -> str:
        text = m[0]
        if 'ObjectType="Note"' not in text:
            return text
        row, col = _ROW.search(text), _COLUMN.search(text)
        return "" if row and col and (int(row[1]), int(col[1])) in gone else text

    vml = _SHAPE.sub(keep, vml)
    if 'id="_x0000_t202"' not in vml:
        vml = _insert(vml, _SHAPETYPE)
    next_id = max([1025, *(int(n) for n in _SHAPE_ID.findall(vml))]) + 1
    shapes = "".join(shape(ref, next_id + i) for i, ref in enumerate(added))
    return _insert(vml, shapes)


def _insert(vml: str, content: str) -> str:
    at = vml.rfind("</xml>")
    if at < 0:
        raise Unsupported("VML utan </xml>")
    return vml[:at] + content + vml[at:]
