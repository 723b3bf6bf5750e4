"""Placing elements after ``<sheetData>`` in the order the worksheet schema requires."""

from __future__ import annotations

import re

# CT_Worksheet's children after sheetData, in schema order.
AFTER_SHEET_DATA = [
    "sheetCalcPr",
    "sheetProtection",
    "protectedRanges",
    "scenarios",
    "autoFilter",
    "sortState",
    "dataConsolidate",
    "customSheetViews",
    "mergeCells",
    "phoneticPr",
    "conditionalFormatting",
    "dataValidations",
    "hyperlinks",
    "printOptions",
    "pageMargins",
    "pageSetup",
    "headerFooter",
    "rowBreaks",
    "colBreaks",
    "customProperties",
    "cellWatches",
    "ignoredErrors",
    "smartTags",
    "drawing",
    "legacyDrawing",
    "legacyDrawingHF",
    "drawingHF",
    "picture",
    "oleObjects",
    "controls",
    "webPublishItems",
    "tableParts",
    "extLst",
]


def insert(tail: str, tag: str, element: str) -> str:
    """``tail`` (from ``</sheetData>`` on) with ``element`` placed where a ``<tag>`` belongs."""
    later = AFTER_SHEET_DATA[AFTER_SHEET_DATA.index(tag) + 1 :]
    starts = [m.start() for t in later if (m := re.search(rf"<{t}\b", tail))]
    at = min(starts) if starts else tail.rfind("</worksheet>")
    if at < 0:
        at = len(tail)
    return tail[:at] + element + tail[at:]


def remove(tail: str, tag: str) -> str:
    """``tail`` without its ``<tag>`` element."""
    return re.sub(rf"<{tag}\b[^>]*?(?:/>|>.*?</{tag}>)", "", tail, count=1, flags=re.S)


def has(tail: str, tag: str) -> bool:
    """Whether ``tail`` holds a ``<tag>`` element."""
    return re.search(rf"<{tag}\b", tail) is not None
