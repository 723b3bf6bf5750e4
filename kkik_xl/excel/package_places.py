"""Where a text sits in a workbook package, said in Swedish the way a user finds it in Excel.

``place_of(part, path, attribute)`` names the place of one text of an XML part (see
:mod:`kkik_xl.excel.package_xml`); ``None`` means the text is not looked at (technical values).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class PartText:
    """A text found in the package: Swedish place, sheet and cell when known, and the text.

    ``mirror``: a copy of what cells show (reported only when no cell had the number);
    ``shown_in_cell``: the text a cell shows through its number format (a cell finding)."""

    place: str
    text: str
    sheet: str | None = None
    cell: str | None = None
    mirror: bool = False
    shown_in_cell: bool = False


@dataclass(frozen=True)
class Place:
    """The Swedish name of a place, whether its cell reference is meaningful, and whether it mirrors cells."""

    text: str
    cell: bool = False
    mirror: bool = False


CORE_PROPERTIES = {
    "creator": "Författare",
    "lastModifiedBy": "Senast sparad av",
    "title": "Rubrik",
    "subject": "Ämne",
    "keywords": "Taggar",
    "description": "Kommentarer",
    "category": "Kategori",
    "contentStatus": "Status",
    "identifier": "Identifierare",
    "language": "Språk",
    "version": "Version",
    "revision": "Revision",
}
APP_PROPERTIES = {"Company": "Företag", "Manager": "Chef", "HyperlinkBase": "Hyperlänksbas"}
_SHEET_PLACES = (
    (("oddHeader", "evenHeader", "firstHeader"), "Sidhuvudet"),
    (("oddFooter", "evenFooter", "firstFooter"), "Sidfoten"),
    (("dataValidation",), "Dataverifieringen (listan eller meddelandet)"),
    (("hyperlink",), "Hyperlänken"),
    (("conditionalFormatting",), "Den villkorsstyrda formateringen"),
)
_FOLDERS = (
    ("xl/sharedStrings", Place("En text i arbetsbokens lista över delade texter", mirror=True)),
    ("xl/threadedComments/", Place("En trådad kommentar", cell=True, mirror=True)),
    ("xl/persons/", Place("Listan över kommentarsförfattare")),
    ("xl/drawings/", Place("En textruta, form eller bild (alternativtext) i en ritning")),
    ("xl/pivotCache/", Place("Pivottabellens sparade data", mirror=True)),
    ("xl/pivotTables/", Place("En pivottabell", mirror=True)),
    ("xl/externalLinks/", Place("De sparade värdena från en extern länk")),
    ("xl/tables/", Place("En tabelldefinition (rubriker)", mirror=True)),
    ("xl/styles.xml", Place("Ett talformat eller en formatmall")),
    ("xl/connections.xml", Place("En dataanslutning")),
    ("xl/queryTables/", Place("En frågetabell")),
    ("customXml/", Place("Anpassade XML-data i filen")),
)
_TECHNICAL_ATTRIBUTES = frozenset(("Type", "Id", "TargetMode", "ContentType", "PartName", "Extension"))


def _book(path: tuple[str, ...], attribute: str | None) -> Place:
    tag = path[-1]
    if tag == "sheet" and attribute == "name":
        return Place("Bladnamnet")
    if tag == "definedName":
        if attribute in ("comment", "description", "help", "statusBar"):
            return Place("Kommentaren till ett definierat namn")
        return Place("Namnet på ett definierat namn" if attribute == "name" else "Ett definierat namn")
    return Place("Arbetsbokens inställningar")


def _properties(part: str, path: tuple[str, ...], attribute: str | None) -> Place:
    tag = path[-1]
    if part.endswith("core.xml"):
        return Place(f"Dokumentegenskapen {CORE_PROPERTIES.get(tag, tag)}")
    if part.endswith("custom.xml"):
        is_name = tag == "property" and attribute == "name"
        return Place("Namnet på en anpassad dokumentegenskap" if is_name else "En anpassad dokumentegenskap")
    if "TitlesOfParts" in path or "HeadingPairs" in path:
        return Place("Listan över blad i dokumentegenskaperna", mirror=True)
    return Place(f"Dokumentegenskapen {APP_PROPERTIES.get(tag, tag)}")


def sheet_place(path: tuple[str, ...]) -> Place:
    """The place of a text in a worksheet outside its cells."""
    for tags, text in _SHEET_PLACES:
        if any(t in path for t in tags):
            return Place(text, cell=tags[0] in ("dataValidation", "hyperlink"))
    return Place("Bladets inställningar")


def _comments(path: tuple[str, ...]) -> Place:
    if "authors" in path:
        return Place("Författaren till en anteckning")
    return Place("En anteckning", cell=True, mirror=True)


def _charts(path: tuple[str, ...]) -> Place:
    if "rich" in path:
        return Place("Ett diagrams rubrik eller text")
    return Place("Ett diagrams sparade värden", mirror=True)


def place_of(part: str, path: tuple[str, ...], attribute: str | None) -> Place | None:
    """The Swedish place of a text of ``part`` (``None``: a technical value, not looked at)."""
    if attribute in _TECHNICAL_ATTRIBUTES:
        return None
    if part.endswith(".rels"):
        return Place("Ett länkmål (hyperlänk, extern fil eller del)") if attribute == "Target" else None
    if part == "xl/workbook.xml":
        return _book(path, attribute)
    if part.startswith("docProps/"):
        return _properties(part, path, attribute)
    if re.match(r"xl/comments[^/]*\.xml$", part) or part.startswith("xl/comments/"):
        return _comments(path)
    if part.startswith("xl/charts/"):
        return _charts(path)
    if part.startswith("xl/worksheets/"):
        return sheet_place(path)
    return next(
        (place for prefix, place in _FOLDERS if part.startswith(prefix)),
        Place(f"Delen {posixpath.basename(part)} i filen"),
    )
