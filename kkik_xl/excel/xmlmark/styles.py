"""The workbook's ``styles.xml`` patched as text: fills, fonts and cell formats are appended, not rewritten.

A marked cell keeps its number format, font, border and protection: its format (``xf``) is copied with
only the fill changed, once per (format, fill). Identical elements are reused, so marking a marked copy
again does not grow the part.
"""

from __future__ import annotations

import re

from kkik_xl.excel.xmlmark.package import Unsupported

_ELEMENT = {tag: re.compile(rf"<{tag}\b[^>]*?(?:/>|>.*?</{tag}>)", re.S) for tag in ("xf", "fill", "font")}
_SECTIONS = {"fonts": "font", "fills": "fill", "cellXfs": "xf"}
_FILL_ID = re.compile(r'\bfillId="(\d+)"')


def section(xml: str, tag: str) -> re.Match[str]:
    """The ``<tag …>…</tag>`` (or self-closing) section of ``styles.xml``."""
    m = re.search(rf"<{tag}\b([^>]*?)(?:/>|>(.*?)</{tag}>)", xml, re.S)
    if m is None:
        raise Unsupported(f"styles.xml saknar <{tag}>")
    return m


def set_attribute(element: str, name: str, value: str) -> str:
    """``element`` with attribute ``name`` of its start tag set to ``value``."""
    end = element.index(">")
    if element[end - 1] == "/":
        end -= 1
    start_tag = element[:end]
    pattern = re.compile(rf'(\s){re.escape(name)}="[^"]*"')
    if pattern.search(start_tag):
        start_tag = pattern.sub(rf'\g<1>{name}="{value}"', start_tag, count=1)
    else:
        start_tag += f' {name}="{value}"'
    return start_tag + element[end:]


def solid_fill(rgb: str) -> str:
    """A solid fill element in colour ``rgb`` (``FFC7CE``)."""
    return (
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{rgb}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
    )


class Styles:
    """The fonts, fills and cell formats of a ``styles.xml``, with additions."""

    def __init__(self, xml: str) -> None:
        if re.search(r"<\w+:styleSheet\b", xml):
            raise Unsupported("styles.xml med prefix")
        self.xml = xml
        self.items: dict[str, list[str]] = {}
        for name, tag in _SECTIONS.items():
            self.items[name] = _ELEMENT[tag].findall(section(xml, name)[2] or "")
        if not self.items["cellXfs"]:
            self.items["cellXfs"] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']
        self._derived: dict[tuple[int, int], int] = {}

    def add(self, name: str, element: str) -> int:
        """The index of ``element`` in section ``name`` (appended unless already there)."""
        items = self.items[name]
        if element in items:
            return items.index(element)
        items.append(element)
        return len(items) - 1

    def xf(self, index: int) -> str:
        """Cell format ``index`` (format 0 for an index the file does not have)."""
        xfs = self.items["cellXfs"]
        return xfs[index] if 0 <= index < len(xfs) else xfs[0]

    def fill_of(self, index: int) -> int:
        """The fill id of cell format ``index``."""
        xf = self.xf(index)
        m = _FILL_ID.search(xf[: xf.index(">")])
        return int(m[1]) if m else 0

    def with_fill(self, index: int, fill: int) -> int:
        """A cell format like ``index`` but with fill ``fill``."""
        key = (index, fill)
        if key not in self._derived:
            element = set_attribute(self.xf(index), "fillId", str(fill))
            element = set_attribute(element, "applyFill", "1")
            self._derived[key] = index if element == self.xf(index) else self.add("cellXfs", element)
        return self._derived[key]

    def derive(
        self, index: int, *, font: int | None = None, wrap: bool = True, unlocked: bool = False
    ) -> int:
        """A format like ``index``, top-aligned (wrapped or not), with ``font``, unlocked if asked."""
        xf = set_attribute(self.xf(index), "applyAlignment", "1")
        if font is not None:
            xf = set_attribute(set_attribute(xf, "fontId", str(font)), "applyFont", "1")
        if unlocked:
            xf = set_attribute(xf, "applyProtection", "1")
        start = xf[: xf.index(">")].rstrip("/")
        alignment = '<alignment vertical="top" wrapText="1"/>' if wrap else '<alignment vertical="top"/>'
        protection = '<protection locked="0"/>' if unlocked else _child(xf, "protection")
        return self.add("cellXfs", f"{start}>{alignment}{protection}</xf>")

    def render(self) -> str:
        """The patched ``styles.xml``."""
        xml = self.xml
        for name in ("cellXfs", "fills", "fonts"):  # from the end backwards: offsets stay valid
            m = section(xml, name)
            items = self.items[name]
            start_tag = set_attribute(f"<{name}{m[1]}>", "count", str(len(items)))
            xml = xml[: m.start()] + start_tag + "".join(items) + f"</{name}>" + xml[m.end() :]
        return xml


def _child(element: str, tag: str) -> str:
    m = re.search(rf"<{tag}\b[^>]*?(?:/>|>.*?</{tag}>)", element, re.S)
    return m[0] if m else ""
