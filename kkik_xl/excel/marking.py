"""Marking findings in a copy of the workbook: fills by severity, notes, and the Kontroll sheet.

The writing goes through the small :class:`MarkWriter` protocol so that the same planning code drives
openpyxl here (a copy on disk) and xlwings in Excel. Cells are batched into ranges (consecutive rows
of one column with the same severity), so tens of thousands of findings stay fast. The original file
is never modified: :func:`mark_workbook` writes ``<name>_kontrollerad.xlsx`` atomically beside it; a
marked copy (the working file, :data:`WORKING_FILE_SV`) is marked again in place.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from math import ceil
from pathlib import Path
from typing import Any, Protocol

from kkik_xl.atomic import WriteError, save_with
from kkik_xl.findings import SEVERITY_SV, Finding, Severity
from kkik_xl.personnummer import mask_text
from kkik_xl.textsafe import strip_unsafe

COLOURS = {Severity.ERROR: "FFC7CE", Severity.WARNING: "FFEB9C", Severity.INFO: "DDEBF7"}
KONTROLL_SHEET = "Kontroll"
NOTE_AUTHOR = "kkik-xl"
"""Author of the notes marking writes (they are replaced by the next marking, never read as Motivering)."""
KONTROLL_HEADERS = (
    "Allvarlighet",
    "Kod",
    "Blad",
    "Cell",
    "Rad",
    "Kolumn",
    "Värde",
    "Meddelande",
    "Mått",
    "Motivering",
    "Ankare",
)
"""Kontroll's columns. ``Ankare`` (hidden) ties the Motivering to its row's content, see ``rules/anchors``."""
MOTIVERING_COLUMN = KONTROLL_HEADERS.index("Motivering") + 1
ANKARE_COLUMN = KONTROLL_HEADERS.index("Ankare") + 1
LAST_COLUMN = "K"
"""Letter of the last Kontroll column (``Ankare``)."""
WRAPPED_COLUMNS = frozenset(
    i + 1 for i, h in enumerate(KONTROLL_HEADERS) if h in ("Kolumn", "Värde", "Meddelande")
)
"""Kontroll columns (1-based) whose long texts wrap."""
_RANK = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")


@dataclass(frozen=True)
class KontrollRow:
    """One row of the Kontroll sheet, with the link target of its cell (``'Blad'!C12``) if any."""

    values: tuple[Any, ...]
    link: str | None


class MarkWriter(Protocol):
    """What marking needs from a spreadsheet: fill ranges, add notes, write Kontroll, save."""

    def fill(self, sheet: str, ranges: Sequence[str], severity: Severity) -> None:
        """Fill every cell of ``ranges`` (A1 ranges such as ``C2:C40``) with the severity's colour."""

    def notes(self, sheet: str, notes: Mapping[str, str]) -> None:
        """Attach a note (comment) to each cell: ``{"C12": "KKIK-DA-001: …"}``."""

    def write_kontroll(self, rows: Sequence[KontrollRow]) -> None:
        """Replace the Kontroll sheet's rows below its header with ``rows`` (links on the Cell column)."""

    def sheet_names(self) -> list[str]:
        """Names of the workbook's sheets."""


def row_height(values: Sequence[object], widths: Mapping[int, float]) -> float:
    """Points for a Kontroll row whose wrapped cells (1-based column → width in characters) need more lines.

    Spreadsheet programs do not grow rows written by a program, so the height is estimated here.
    """
    lines = max((ceil(len(str(values[c - 1] or "")) / max(w - 1, 1)) for c, w in widths.items()), default=1)
    return 15.0 * max(lines, 1)


def link_target(sheet: str, cell: str) -> str:
    """An internal link target: ``'Placeringar'!C12``."""
    return "'{}'!{}".format(sheet.replace("'", "''"), cell)


def cell_ranges(cells: Iterable[str]) -> list[str]:
    """A1 cells merged into vertical ranges: ``["C2", "C3", "C4", "D9"]`` → ``["C2:C4", "D9"]``."""
    by_col: dict[str, list[int]] = defaultdict(list)
    for cell in cells:
        m = _CELL.match(cell)
        if m:
            by_col[m[1]].append(int(m[2]))
    out: list[str] = []
    for col, rows in sorted(by_col.items()):
        rows = sorted(set(rows))
        start = prev = rows[0]
        for r in [*rows[1:], None]:
            if r is not None and r == prev + 1:
                prev = r
                continue
            out.append(f"{col}{start}" if start == prev else f"{col}{start}:{col}{prev}")
            if r is not None:
                start = prev = r
    return out


def _cell_text(value: Any) -> Any:
    """Text without the control characters a worksheet cannot hold (a decoded ``_x001B_``), else as is."""
    return strip_unsafe(value) if isinstance(value, str) else value


def plan(
    findings: Sequence[Finding],
) -> tuple[dict[tuple[str, Severity], list[str]], dict[str, dict[str, str]]]:
    """Ranges to fill per (sheet, worst severity) and note text per sheet and cell."""
    worst: dict[tuple[str, str], Severity] = {}
    texts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for f in findings:
        if not f.sheet or not f.cell or not _CELL.match(f.cell):
            continue
        key = (f.sheet, f.cell)
        if key not in worst or _RANK[f.severity] < _RANK[worst[key]]:
            worst[key] = f.severity
        texts[f.sheet][f.cell].append(_cell_text(f"{f.code} ({SEVERITY_SV[f.severity]}): {f.message}"))
    cells: dict[tuple[str, Severity], list[str]] = defaultdict(list)
    for (sheet, cell), sev in worst.items():
        cells[(sheet, sev)].append(cell)
    fills = {k: cell_ranges(v) for k, v in cells.items()}
    notes = {s: {c: "\n".join(t) for c, t in by_cell.items()} for s, by_cell in texts.items()}
    return fills, notes


def kontroll_rows(findings: Sequence[Finding]) -> list[KontrollRow]:
    """The Kontroll sheet's rows, one per finding."""
    rows = []
    for f in findings:
        values = (
            SEVERITY_SV[f.severity],
            f.code,
            f.sheet or "",
            f.cell or "",
            f.row,
            f.column or "",
            f.value or "",
            f.message,
            f.measure or "",
            f.justification or "",
            f.anchor or "",
        )
        link = link_target(f.sheet, f.cell) if f.sheet and f.cell else None
        rows.append(KontrollRow(tuple(_cell_text(v) for v in values), link))
    return rows


def apply(writer: MarkWriter, findings: Sequence[Finding]) -> None:
    """Mark ``findings`` through ``writer`` (cells on sheets that do not exist are only listed)."""
    fills, notes = plan(findings)
    # A finding names a sheet by its masked name when the name holds a personnummer.
    present = {mask_text(s): s for s in writer.sheet_names()} | {s: s for s in writer.sheet_names()}
    for (sheet, severity), ranges in fills.items():
        if sheet in present:
            writer.fill(present[sheet], ranges, severity)
    for sheet, by_cell in notes.items():
        if sheet in present:
            writer.notes(present[sheet], by_cell)
    writer.write_kontroll(kontroll_rows(findings))


MARKED_SUFFIX = "_kontrollerad"
WORKING_FILE_SV = (
    "Den markerade kopian är arbetsfilen: rätta uppgifterna och skriv motiveringarna i den, kontrollera "
    "den igen med --mark (den uppdateras då på plats och allt du har skrivit finns kvar) och lämna in "
    "den. Originalfilen ändras aldrig."
)
"""Which file is the master, said the same way in the CLI, the guides and the Instruktioner sheet."""


def is_marked_copy(path: Path) -> bool:
    """True for ``<name>_kontrollerad.xlsx``: a marked copy is marked again in place."""
    return path.stem.casefold().endswith(MARKED_SUFFIX)


def marked_path(original: Path) -> Path:
    """``<name>_kontrollerad.xlsx`` (``.xlsm`` kept) beside the original; a marked copy is its own."""
    if is_marked_copy(original):
        return original
    suffix = ".xlsm" if original.suffix.lower() == ".xlsm" else ".xlsx"
    return original.with_name(f"{original.stem}{MARKED_SUFFIX}{suffix}")


def previous_path(marked: Path) -> Path:
    """``<name>_kontrollerad_tidigare.xlsx``: where an existing marked copy is kept before it is replaced."""
    return marked.with_name(f"{marked.stem}_tidigare{marked.suffix}")


def mark_workbook(original: Path, findings: Sequence[Finding], engine: str = "auto") -> Path:
    """Write a marked copy of ``original`` and return its path.

    ``engine``: ``"xml"`` patches the file's XML (fast, everything else kept byte for byte),
    ``"openpyxl"`` loads and saves the workbook with openpyxl, ``"auto"`` tries XML and falls back to
    openpyxl for a file whose XML it does not patch.
    """
    target = marked_path(original)
    if engine in ("auto", "xml"):
        from kkik_xl.excel.xmlmark.writer import XmlMarkWriter

        try:
            xml_writer = XmlMarkWriter(original)
            apply(xml_writer, findings)
            save_with(target, lambda tmp: xml_writer.save(str(tmp)))
            return target
        except (OSError, WriteError):
            raise
        except Exception:
            if engine == "xml":
                raise
    from kkik_xl.excel.marking_openpyxl import OpenpyxlMarkWriter

    writer = OpenpyxlMarkWriter(original)
    writer.clear_previous()
    apply(writer, findings)
    save_with(target, lambda tmp: writer.save(str(tmp)))
    return target
