"""Seeded mutations of a filled-in workbook: zip entries, XML bytes and attributes.

Each mutation takes the package as ``{member: bytes}`` (in zip order) and a seeded ``random.Random``,
and returns the changed package; :func:`mutant` writes one to disk. A few mutations break the zip
itself (a flipped byte in a compressed part, an entry named ``../../x``). The values tried are those
that broke the program before (a cell at ``XFD1048576``, ``count="4294967295"``, a DTD after a long
comment, an index out of range), plus random bytes.
"""

from __future__ import annotations

import random
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

Package = dict[str, bytes]
Mutation = Callable[[Package, random.Random], Package]

HOSTILE_VALUES = (
    b"XFD1048576", b"A1048577", b"XFE1", b"A0", b"0", b"", b"-1", b"4294967295", b"18446744073709551616",
    b"1e308", b"-1e308", b"NaN", b"inf", b"9" * 40, b"A1:XFD1048576", b"B2:A1", b"\xff\xfe", b"&#0;",
    b"s", b"str", b"b", b"e", b"n", b"d", b"inlineStr", b"x", b"2958466", b"20250301", b"A", b"1A",
)  # fmt: skip
_ATTR = re.compile(rb'\b(r|ref|count|uniqueCount|s|t|sqref|spans|id|sheetId|xSplit|topLeftCell)="([^"]*)"')
_VALUE = re.compile(rb"<(v|t|f)>([^<]*)</\1>")


def read_package(path: Path) -> Package:
    """The members of an ``.xlsx`` in zip order."""
    with zipfile.ZipFile(path) as zf:
        return {name: zf.read(name) for name in zf.namelist()}


def write_package(package: Package, path: Path) -> Path:
    """Write ``package`` as a zip (fixed timestamps)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in package.items():
            zf.writestr(zipfile.ZipInfo(name, (2025, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED)
    return path


def _xml_member(package: Package, rnd: random.Random) -> str:
    names = [n for n in package if n.endswith((".xml", ".rels"))]
    weighted = names + [n for n in names if "worksheets/" in n or "sharedStrings" in n] * 3
    return rnd.choice(weighted)


def _sub_nth(
    pattern: re.Pattern[bytes], data: bytes, rnd: random.Random, new: Callable[[re.Match[bytes]], bytes]
) -> bytes:
    found = list(pattern.finditer(data))
    if not found:
        return data
    m = rnd.choice(found)
    return data[: m.start()] + new(m) + data[m.end() :]


def attribute(package: Package, rnd: random.Random) -> Package:
    """One attribute (cell reference, count, style, type, ...) set to a hostile value."""
    name = _xml_member(package, rnd)
    value = rnd.choice(HOSTILE_VALUES)
    package[name] = _sub_nth(_ATTR, package[name], rnd, lambda m: m[1] + b'="' + value + b'"')
    return package


def value(package: Package, rnd: random.Random) -> Package:
    """One ``<v>``, ``<t>`` or ``<f>`` text set to a hostile value."""
    name = _xml_member(package, rnd)
    new = rnd.choice(HOSTILE_VALUES)
    package[name] = _sub_nth(_VALUE, package[name], rnd, lambda m: b"<%s>%s</%s>" % (m[1], new, m[1]))
    return package


def flip_bytes(package: Package, rnd: random.Random) -> Package:
    """A few random bytes of one XML part replaced."""
    name = _xml_member(package, rnd)
    data = bytearray(package[name])
    for _ in range(rnd.randint(1, 4)):
        if data:
            data[rnd.randrange(len(data))] = rnd.choice(b'<>"=/&\x00 az09\xff')
    package[name] = bytes(data)
    return package


def truncate(package: Package, rnd: random.Random) -> Package:
    """One XML part cut off somewhere."""
    name = _xml_member(package, rnd)
    package[name] = package[name][: rnd.randrange(max(len(package[name]), 1))]
    return package


def drop_member(package: Package, rnd: random.Random) -> Package:
    """One part removed (a sheet, the shared strings, the workbook, a relationship part ...)."""
    del package[_xml_member(package, rnd)]
    return package


def huge_merge(package: Package, rnd: random.Random) -> Package:
    """A merged range down to Excel's last cell on a sheet."""
    name = rnd.choice([n for n in package if "worksheets/sheet" in n])
    merge = b'<mergeCells count="1"><mergeCell ref="A20:XFD1048576"/></mergeCells>'
    data = package[name]
    package[name] = (
        data.replace(b"</sheetData>", b"</sheetData>" + merge, 1) if b"<mergeCells" not in data else data
    )
    return package


def far_cell(package: Package, rnd: random.Random) -> Package:
    """One cell moved to ``XFD1048576`` (in its own last row)."""
    name = rnd.choice([n for n in package if "worksheets/sheet" in n])
    cell = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    package[name] = package[name].replace(b"</sheetData>", cell + b"</sheetData>", 1)
    return package


def sparse_cell(package: Package, rnd: random.Random) -> Package:
    """One value far out on a sheet, near or beyond the largest area the reader accepts."""
    name = rnd.choice([n for n in package if "worksheets/sheet" in n])
    ref = (
        rnd.choice((b"Z", b"AA", b"AZ", b"ZZ"))
        + str(rnd.choice((99_999, 150_000, 300_000, 1_048_576))).encode()
    )
    row = ref.lstrip(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    cell = b'<row r="%s"><c r="%s"><v>1</v></c></row>' % (row, ref)
    package[name] = package[name].replace(b"</sheetData>", cell + b"</sheetData>", 1)
    return package


def late_doctype(package: Package, rnd: random.Random) -> Package:
    """A DTD after a comment longer than any prolog check."""
    name = _xml_member(package, rnd)
    data = package[name]
    dtd = b"<!--" + b"x" * 5000 + b'--><!DOCTYPE r [<!ENTITY e "boom">]>'
    if data.startswith(b"<?xml"):
        end = data.index(b"?>") + 2
        package[name] = data[:end] + dtd + data[end:]
    return package


def traversal_entry(package: Package, rnd: random.Random) -> Package:
    """An extra entry whose name climbs out of the folder (``../../x``)."""
    package[rnd.choice(("../../x", "/etc/kkik-x", "xl/../../../x.xml"))] = b"<x/>"
    return package


MUTATIONS: tuple[Mutation, ...] = (
    attribute, attribute, attribute, value, value, flip_bytes, flip_bytes, truncate, drop_member,
    huge_merge, far_cell, sparse_cell, late_doctype, traversal_entry,
)  # fmt: skip


def corrupt_stream(path: Path, rnd: random.Random) -> None:
    """A byte of a compressed part flipped after its first 4 KB (a CRC or inflate error)."""
    with zipfile.ZipFile(path) as zf:
        big = [i for i in zf.infolist() if i.compress_size > 64]
        info = rnd.choice(big)
    data = bytearray(path.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode())
    pos = start + rnd.randrange(info.compress_size // 2, info.compress_size)
    data[pos] ^= 0xFF
    path.write_bytes(bytes(data))


def mutant(source: Path, out: Path, seed: int) -> tuple[Path, str]:
    """Write the mutant ``seed`` of ``source`` to ``out``; return it and the mutations applied."""
    rnd = random.Random(seed)
    package = read_package(source)
    applied = []
    for _ in range(rnd.choice((1, 1, 1, 2, 3))):
        mutation = rnd.choice(MUTATIONS)
        package = mutation(package, rnd)
        applied.append(mutation.__name__)
    write_package(package, out)
    if rnd.random() < 0.08:
        corrupt_stream(out, rnd)
        applied.append("corrupt_stream")
    return out, "+".join(applied)
