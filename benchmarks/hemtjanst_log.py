"""Seeded generator of a realistic hemtjänst visit log in the real ``hemtjanst`` template.

Usage: ``python benchmarks/hemtjanst_log.py OUT.xlsx [--rows 1048575] [--seed N]``.

The catalogue's template is built with :func:`kkik_xl.excel.template_builder.build_template` (so
``_meta`` and its fingerprint are the real ones) and filled the way Excel stores a filled sheet:
the ``Besök`` sheet's ``<sheetData>`` gets one ``<row>`` per visit (numbers, dates and times as
serials with the column's own style, texts in the shared-string table), the ``Besok`` Table and
the sheet's dimension are grown to the last row, and the municipality is chosen on ``Uppgifter``.
openpyxl would need many GB and minutes for 1M rows, and XlsxWriter cannot add a Table in
constant-memory mode; the zip parts are therefore streamed directly, row by row.

The log: 1–8 visits a day (about 4 on average) for every recipient over the 14-day period
from 2025-10-01, times 07:00–21:45, some visits with two staff (two rows), staff mostly from a
recipient's own team in the group, a few alarm and meal visits and home-nursing staff, some
recipients under 65. Rows are sorted by date and start time. :data:`INJECTIONS` lists the
deliberate mistakes and the finding each must give; :func:`generate` returns them as
``(sheet, cell, code)`` for the rows written. :func:`size_notes` adds the info findings that only
the size of a file gives (checks skipped on huge files).
"""

from __future__ import annotations

import argparse
import io
import math
import random
import re
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from xml.sax.saxutils import escape

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.excel.template_builder import build_template

MAX_ROWS = 1_048_575  # data rows under the header: Excel's last row is 1,048,576
SEED = 20251001
YEAR = 2025
PERIOD_START = date(2025, 10, 1)
DAYS = 14
KOMMUN = ("Ale", "1440")
TABLE = CATALOGUE.template("hemtjanst").table("Besok")
HEADERS = [c.name for c in TABLE.columns_for_year(YEAR)]
LETTERS = "ABCDEFGHI"
_EPOCH = date(1899, 12, 30)
Row = list[object]  # one value per header; str, int, date, ("t", minutes) or None


@dataclass(frozen=True)
class Injection:
    """A deliberate mistake at a fraction of the log: what it does and the finding it must give."""

    at: float
    column: str
    code: str
    apply: Callable[[Row, Row], None]


def _set(column: str, value: object) -> Callable[[Row, Row], None]:
    index = HEADERS.index(column)

    def apply(row: Row, _previous: Row) -> None:
        row[index] = value

    return apply


def _times(start: int, end: int) -> Callable[[Row, Row], None]:
    def apply(row: Row, _previous: Row) -> None:
        row[3], row[4] = ("t", start), ("t", end)

    return apply


def _duplicate(row: Row, previous: Row) -> None:
    row[:] = previous


INJECTIONS: tuple[Injection, ...] = (
    Injection(0.09, "Datum", "KKIK-LS-001", _set("Datum", "igår")),  # text in a date cell
    Injection(0.18, "Födelseår", "KKIK-LS-001", _set("Födelseår", "1,5")),  # not a whole number
    Injection(0.27, "Födelseår", "KKIK-VA-003", _set("Födelseår", 1890)),  # implausible birth year
    Injection(0.36, "Brukare", "KKIK-PN-001", _set("Brukare", "19121212-1212")),  # a personnummer
    Injection(0.45, "Personal", "KKIK-PN-002", _set("Personal", "Anna Svensson")),  # a name in an ID
    Injection(0.54, "Personalkategori", "KKIK-VA-001", _set("Personalkategori", None)),  # required, empty
    Injection(0.63, "Starttid", "KKIK-DA-005", _times(22 * 60, 22 * 60 + 20)),  # starts at 22:00
    Injection(0.72, "Sluttid", "KKIK-DA-006", _times(21 * 60 + 40, 10)),  # crosses midnight
    Injection(0.81, "Datum", "KKIK-DA-001", _set("Datum", date(2025, 10, 20))),  # outside the period
    Injection(0.90, "Brukare", "KKIK-VA-002", _duplicate),  # the previous row again
)


def injected_rows(rows: int) -> dict[int, Injection]:
    """Sheet row → injection for a log of ``rows`` data rows (the header is row 1)."""
    return {2 + max(1, min(rows - 1, round(inj.at * rows))): inj for inj in INJECTIONS}


def expected_findings(rows: int) -> set[tuple[str, str, str]]:
    """``(sheet, cell, code)`` of every finding the injections must give."""
    return {
        (TABLE.sheet, f"{LETTERS[HEADERS.index(inj.column)]}{row}", inj.code)
        for row, inj in injected_rows(rows).items()
    }


def size_notes(path: Path) -> set[tuple[str | None, str | None, str]]:
    """The info findings a file of this size adds: checks skipped on huge files (zip directory only)."""
    from kkik_xl.excel import sheet_xml
    from kkik_xl.excel.meta import sheet_members
    from kkik_xl.rules import fingerprint_check

    notes: set[tuple[str | None, str | None, str]] = set()
    if fingerprint_check.skip_reason(path) is not None:  # the fingerprint is not recomputed
        notes.add((None, None, "KKIK-MA-006"))
    with zipfile.ZipFile(path) as zf:
        if zf.getinfo(sheet_members(zf)[TABLE.sheet]).file_size > sheet_xml.MAX_SCAN_BYTES:
            notes.add((TABLE.sheet, None, "KKIK-LS-014"))  # merges and formulas are not scanned
    return notes


class Population:
    """Recipients, groups and staff for a log of at least ``rows`` rows."""

    BASE = (1, 2, 3, 3, 4, 4, 4, 5, 5, 6, 7, 8)  # usual visits a day, cycled over the recipients
    DOUBLE = 0.04  # share of visits made by two staff (two rows)

    def __init__(self, rows: int, rng: random.Random) -> None:
        per_recipient = DAYS * sum(self.BASE) / len(self.BASE) * (1 + self.DOUBLE)
        count = math.ceil((rows * 1.01 + 3 * math.sqrt(rows)) / per_recipient)
        groups = max(2, count // 200)
        self.group_names = [f"Område {g + 1:02d}" for g in range(groups)]
        self.staff = [[f"P{g:02d}{s:03d}" for s in range(35)] for g in range(groups)]
        self.people: list[tuple[str, int, int, int, list[str]]] = []
        for i in range(count):
            group = rng.randrange(groups)
            born = rng.randrange(1961, 1996) if rng.random() < 0.06 else rng.randrange(1918, 1961)
            team = rng.sample(self.staff[group], 8)
            self.people.append((f"B{i + 1:06d}", born, group, self.BASE[i % len(self.BASE)], team))

    def day(self, day: date, rng: random.Random) -> list[Row]:
        """Every visit row of one day, sorted by start time and recipient."""
        rows: list[tuple[int, str, Row]] = []
        for who, born, group, base, team in self.people:
            k = max(1, base + rng.choice((-1, 0, 0, 1)))
            for slot in sorted(rng.sample(range(60), k)):
                start = 7 * 60 + 15 * slot
                end = start + 5 * rng.randrange(2, 12)
                kind = "Omsorg" if rng.random() < 0.9 else rng.choice(("Trygghetslarm", "Matleverans"))
                staff = [self._staff(team, group, rng)]
                if rng.random() < self.DOUBLE:
                    staff.append(rng.choice([s for s in self.staff[group] if s != staff[0]]))
                for person in staff:
                    category = "Omsorgspersonal" if rng.random() < 0.93 else "Hemsjukvård"
                    row: Row = [who, born, day, ("t", start), ("t", end), person, category, kind]
                    rows.append((start, who, [*row, self.group_names[group]]))
        rows.sort(key=lambda r: (r[0], r[1]))
        return [r for _, _, r in rows]

    def _staff(self, team: list[str], group: int, rng: random.Random) -> str:
        return rng.choice(team) if rng.random() < 0.75 else rng.choice(self.staff[group])


def visit_rows(rows: int, seed: int = SEED, shift_days: int = 0) -> Iterator[tuple[int, Row]]:
    """``(sheet row, values)`` of the log with the injections in place, exactly ``rows`` of them.

    ``shift_days`` moves every visit that many days later (14: every row lies after the period).
    """
    rng = random.Random(seed)
    population = Population(rows, rng)
    injections = injected_rows(rows)
    sheet_row, previous = 2, []
    for d in range(DAYS):
        for row in population.day(PERIOD_START + timedelta(days=d + shift_days), rng):
            if sheet_row > rows + 1:
                return
            if sheet_row in injections:
                injections[sheet_row].apply(row, previous)
            yield sheet_row, row
            previous, sheet_row = list(row), sheet_row + 1
    raise RuntimeError(f"populationen räckte till {sheet_row - 2} rader, inte {rows}")


class SharedStrings:
    """The template's shared strings plus every new text, in order of first use."""

    def __init__(self, xml: bytes) -> None:
        head = xml[: xml.index(b">", xml.index(b"<sst")) + 1].decode()
        self.unique = int(re.search(r'uniqueCount="(\d+)"', head)[1])  # type: ignore[index]
        self.count = int(re.search(r'count="(\d+)"', head)[1])  # type: ignore[index]
        self.body = xml[len(head.encode()) : xml.rindex(b"</sst>")]
        self.new: dict[str, int] = {}

    def index(self, text: str) -> int:
        """The index of ``text``, added when new."""
        self.count += 1
        if text not in self.new:
            self.new[text] = self.unique + len(self.new)
        return self.new[text]

    def xml(self) -> bytes:
        """The grown ``sharedStrings.xml``."""
        added = "".join(f"<si><t>{escape(t)}</t></si>" for t in self.new)
        total = self.unique + len(self.new)
        head = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns='
            '"http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'count="{self.count}" uniqueCount="{total}">'
        )
        return head.encode() + self.body + added.encode() + b"</sst>"


def _cell(ref: str, style: str, value: object, sst: SharedStrings | None) -> str:
    """One cell; texts as shared strings, or inline (``t="inlineStr"``) when ``sst`` is ``None``."""
    if value is None:
        return f'<c r="{ref}" s="{style}"/>'
    if isinstance(value, str) and sst is None:
        return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t>{escape(value)}</t></is></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" s="{style}" t="s"><v>{sst.index(value)}</v></c>'
    if isinstance(value, date):
        return f'<c r="{ref}" s="{style}"><v>{(value - _EPOCH).days}</v></c>'
    if isinstance(value, tuple):
        return f'<c r="{ref}" s="{style}"><v>{value[1] / 1440!r}</v></c>'
    return f'<c r="{ref}" s="{style}"><v>{value}</v></c>'


def _sheet_xml(
    template: bytes, rows: Iterator[tuple[int, Row]], last: int, sst: SharedStrings | None
) -> Iterator[bytes]:
    """The Besök sheet in chunks: the template's head and header row, every visit, the tail."""
    text = template.decode()
    styles = dict(re.findall(r'<col min="(\d+)" max="\d+"[^>]*style="(\d+)"', text))
    style = [styles.get(str(i + 1), "0") for i in range(len(HEADERS))]
    cut = text.index("</sheetData>")
    head = text[:cut].replace('<dimension ref="A1:I1"/>', f'<dimension ref="A1:I{last}"/>')
    yield head.encode()
    chunk: list[str] = []
    for r, row in rows:
        cells = "".join(_cell(f"{LETTERS[i]}{r}", style[i], v, sst) for i, v in enumerate(row))
        chunk.append(f'<row r="{r}" spans="1:9">{cells}</row>')
        if len(chunk) == 20_000:
            yield "".join(chunk).encode()
            chunk = []
    yield "".join(chunk).encode()
    yield text[cut:].encode()


def _uppgifter(xml: bytes, sst: SharedStrings) -> bytes:
    """Choose the municipality (B4) and give the code formula (B5) the value Excel would cache."""
    name, code = KOMMUN
    text, chosen = re.subn(
        r'<c r="B4" s="(\d+)"/>', rf'<c r="B4" s="\1" t="s"><v>{sst.index(name)}</v></c>', xml.decode()
    )
    text, cached = re.subn(r'(<c r="B5" s="\d+")(><f>.*?</f>)<v></v>', rf'\1 t="str"\2<v>{code}</v>', text)
    if (chosen, cached) != (1, 1):
        raise RuntimeError("mallens blad Uppgifter har inte de väntade cellerna B4 och B5")
    return text.encode()


def _sheet_member(zf: zipfile.ZipFile, name: str) -> str:
    """Zip member of the sheet called ``name``."""
    workbook = zf.read("xl/workbook.xml").decode()
    rid = re.search(rf'<sheet name="{name}" sheetId="\d+"[^>]* r:id="(\w+)"', workbook)[1]  # type: ignore[index]
    rels = zf.read("xl/_rels/workbook.xml.rels").decode()
    return "xl/" + re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"', rels)[1]  # type: ignore[index]


def _table_member(zf: zipfile.ZipFile, sheet: str) -> str:
    """Zip member of the (only) Table on the sheet stored as ``sheet``."""
    rels = zf.read(sheet.replace("worksheets/", "worksheets/_rels/") + ".rels").decode()
    return "xl/" + re.search(r'Target="\.\./(tables/[^"]+)"', rels)[1]  # type: ignore[index]


def generate(
    path: Path, rows: int = MAX_ROWS, seed: int = SEED, *, inline: bool = False, shift_days: int = 0
) -> set[tuple[str, str, str]]:
    """Write the filled template to ``path``; return the ``(sheet, cell, code)`` the injections must give.

    ``inline``: the visit rows' texts as inline strings (``t="inlineStr"``), as some exporters write
    them; ``shift_days``: see :func:`visit_rows` (the returned set is then that of the unshifted log).
    """
    if not 10 <= rows <= MAX_ROWS:
        raise ValueError(f"rows must be 10–{MAX_ROWS}")
    last = rows + 1
    template = zipfile.ZipFile(io.BytesIO(build_template("hemtjanst", YEAR)))
    sheet = _sheet_member(template, TABLE.sheet)
    table, uppgifter = _table_member(template, sheet), _sheet_member(template, "Uppgifter")
    sst = SharedStrings(template.read("xl/sharedStrings.xml"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in template.infolist():
            data = template.read(info)
            if info.filename == sheet:
                member = zipfile.ZipInfo(info.filename, info.date_time)
                member.compress_type = zipfile.ZIP_DEFLATED
                with out.open(member, "w", force_zip64=True) as fh:
                    visits = visit_rows(rows, seed, shift_days)
                    for part in _sheet_xml(data, visits, last, None if inline else sst):
                        fh.write(part)
                continue
            if info.filename == table:
                data = re.sub(rb'ref="A1:I2"', f'ref="A1:I{last}"'.encode(), data)
            elif info.filename == "xl/workbook.xml":
                data = data.replace(b"$A$1:$I$2<", f"$A$1:$I${last}<".encode())
            elif info.filename == uppgifter:
                data = _uppgifter(data, sst)
            elif info.filename == "xl/sharedStrings.xml":
                continue  # written last, once every text is known
            out.writestr(info, data, zipfile.ZIP_DEFLATED)
        out.writestr(
            zipfile.ZipInfo("xl/sharedStrings.xml", (1980, 1, 1, 0, 0, 0)), sst.xml(), zipfile.ZIP_DEFLATED
        )
    return expected_findings(rows)


def main() -> None:
    """Write the log and list the injected mistakes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--rows", type=int, default=MAX_ROWS)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--inline-strings", action="store_true", help='texter som t="inlineStr"')
    parser.add_argument("--shift-days", type=int, default=0, help="flytta alla besök så många dagar")
    args = parser.parse_args()
    t0 = time.perf_counter()
    options = {"inline": args.inline_strings, "shift_days": args.shift_days}
    expected = generate(args.out, args.rows, args.seed, **options)
    size = args.out.stat().st_size / 1e6
    print(f"{args.out}: {args.rows:,} besöksrader, {size:.1f} MB, {time.perf_counter() - t0:.1f} s")
    for sheet, cell, code in sorted(expected, key=lambda e: (int(e[1][1:]), e[2])):
        print(f"  {sheet}!{cell}  {code}")


if __name__ == "__main__":
    main()
