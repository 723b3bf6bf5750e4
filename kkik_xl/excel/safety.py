"""Refusing unsafe or unreadable files before any spreadsheet parser sees them.

Checks, from the first bytes and the zip directory: empty file; not a spreadsheet; password-protected
OOXML (an OLE/CFB container holding ``EncryptionInfo``); corrupt zip; zip bombs (total uncompressed
size and compression ratio from the directory). Then one streaming pass over every part
(:mod:`kkik_xl.excel.package_scan`): CRC and inflate errors anywhere, a DTD (``<!DOCTYPE``, how XML
external entities and "billion laughs" start) anywhere in an XML part, cells spread over more of a
sheet than memory holds, huge merged ranges, an impossible shared-string count; and a sheet whose
part is missing. :func:`parsing` turns what a parser still raises on a damaged file into the same
Swedish :class:`ReadError`.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree.ElementTree import ParseError

import fastexcel
import python_calamine

from kkik_xl.excel.meta import sheet_members
from kkik_xl.excel.package_scan import PackageProblem, scan_package
from kkik_xl.excel.result import ReadError

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_TOTAL_UNCOMPRESSED = 4 << 30
MAX_MEMBER_UNCOMPRESSED = 2 << 30
MAX_RATIO = 250
RATIO_CHECK_FROM = 20 << 20
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def check_file(path: Path) -> str:
    """Refuse a file that must not be parsed; return its container kind (``"zip"`` or ``"cfb"``)."""
    size = path.stat().st_size
    if size == 0:
        raise ReadError(f"Filen {path.name} är tom.")
    with path.open("rb") as fh:
        head = fh.read(8)
    if head.startswith(ZIP_MAGIC):
        check_zip(path)
        return "zip"
    if head == CFB_MAGIC:
        check_cfb(path)
        return "cfb"
    raise ReadError(f"Filen {path.name} är inte ett Excel- eller OpenDocument-kalkylark.")


def check_cfb(path: Path) -> None:
    """An OLE container is fine for ``.xls``; with ``EncryptionInfo`` it is a password-protected file."""
    data = path.read_bytes()
    if _ENCRYPTION_INFO in data:
        raise ReadError(
            f"Filen {path.name} är lösenordsskyddad (krypterad). Spara den utan lösenord och försök igen."
        )
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        raise ReadError(f"Filen {path.name} är inte en giltig .xlsx-fil (den är ett äldre Office-format).")


def check_zip(path: Path) -> None:
    """Corrupt zip, zip bomb and DTD checks on an OOXML or ODF container."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            _check_sizes(path, infos)
            scan_package(zf)
            _check_sheet_parts(path, zf)
    except PackageProblem as problem:
        raise ReadError(f"Filen {path.name} {problem.args[0]}.") from None
    except (zipfile.BadZipFile, zlib.error, EOFError):
        raise ReadError(f"Filen {path.name} är skadad (zip-arkivet kan inte läsas).") from None
    except (OSError, RuntimeError, NotImplementedError, ValueError) as err:
        raise ReadError(f"Filen {path.name} är skadad och kan inte läsas ({err}).") from None


def _check_sizes(path: Path, infos: list[zipfile.ZipInfo]) -> None:
    total = sum(i.file_size for i in infos)
    if total > MAX_TOTAL_UNCOMPRESSED:
        raise ReadError(f"Filen {path.name} packas upp till mer än 4 GB och läses inte (möjlig zip-bomb).")
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        too_big = info.file_size > MAX_MEMBER_UNCOMPRESSED
        if too_big or (info.file_size > RATIO_CHECK_FROM and ratio > MAX_RATIO):
            raise ReadError(
                f"Filen {path.name} innehåller delen {info.filename} som packas upp {ratio:.0f} gånger "
                "och läses inte (möjlig zip-bomb)."
            )


def _check_sheet_parts(path: Path, zf: zipfile.ZipFile) -> None:
    """Every sheet the workbook lists must have its part in the file."""
    try:
        members = sheet_members(zf)
    except ParseError:
        raise ReadError(f"Filen {path.name} är skadad: listan över blad kan inte läsas.") from None
    names = set(zf.namelist())
    for sheet, member in members.items():
        if member not in names:
            raise ReadError(
                f"Filen {path.name} är skadad: bladet {sheet!r} saknas i filen ({member}). "
                "Öppna filen i Excel, spara den igen och försök på nytt."
            )


PARSER_ERRORS: tuple[type[BaseException], ...] = (
    fastexcel.FastExcelError,
    python_calamine.CalamineError,
    zipfile.BadZipFile,
    zlib.error,
    ParseError,
    EOFError,
    MemoryError,
)
"""What the readers raise on a damaged file that passed :func:`check_file`."""
LOADER_ERRORS = (ValueError, KeyError, IndexError, TypeError, AttributeError)
"""What openpyxl also raises on XML it does not expect (only caught around openpyxl loads)."""


@contextmanager
def parsing(path: Path, *, loader: bool = False) -> Iterator[None]:
    """Turn a parser's exception on a damaged ``path`` into a Swedish :class:`ReadError`.

    ``loader``: the block loads the workbook with openpyxl, whose errors are Python's own types.
    """
    caught = PARSER_ERRORS + LOADER_ERRORS if loader else PARSER_ERRORS
    try:
        yield
    except caught as err:
        raise ReadError(damaged(path, err)) from None


def damaged(path: Path, err: BaseException) -> str:
    """The Swedish reason for a file a parser could not read (its own message in parentheses)."""
    if isinstance(err, MemoryError):
        return f"Filen {path.name} kräver mer minne än datorn har och kan inte läsas."
    detail = str(err).strip().splitlines()[0][:200] if str(err).strip() else type(err).__name__
    return (
        f"Filen {path.name} är skadad och kan inte läsas (tekniskt fel: {detail}). "
        "Öppna filen i Excel, spara den igen och försök på nytt."
    )


_OTHER_OFFICE = (("word/", "ett Word-dokument"), ("ppt/", "en PowerPoint-presentation"))


def unreadable_reason(path: Path) -> str:
    """Swedish reason for a container that passed :func:`check_file` but no spreadsheet parser can open."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = zf.namelist()
    except (zipfile.BadZipFile, OSError):
        names = []
    for prefix, what in _OTHER_OFFICE:
        if any(n.startswith(prefix) for n in names):
            return f"Filen {path.name} är {what}, inte ett kalkylark. Öppna rätt fil eller spara om den."
    return f"Filen {path.name} kan inte läsas som kalkylark: arbetsboken i filen saknas eller är skadad."
