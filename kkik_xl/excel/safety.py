"""Refusing unsafe or unreadable files before any spreadsheet parser sees them.

Checks, all from the first bytes and the zip directory (nothing is inflated in full):
empty file; not a spreadsheet; password-protected OOXML (an OLE/CFB container holding
``EncryptionInfo``); corrupt zip; zip bombs (total uncompressed size and compression ratio from the
directory); and any XML part that declares a DTD (``<!DOCTYPE``), which is how XML external entities
and entity expansion ("billion laughs") attacks start. Only the first bytes of each XML part are
inflated for that check: a DTD must come before the root element.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from kkik_xl.excel.result import ReadError

CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
MAX_TOTAL_UNCOMPRESSED = 4 << 30
MAX_MEMBER_UNCOMPRESSED = 2 << 30
MAX_RATIO = 250
RATIO_CHECK_FROM = 20 << 20
PROLOG_BYTES = 4096
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
            for info in infos:
                if info.filename.endswith((".xml", ".rels", ".vml")):
                    _check_prolog(path, zf, info)
    except zipfile.BadZipFile:
        raise ReadError(f"Filen {path.name} är skadad (zip-arkivet kan inte läsas).") from None
    except (OSError, EOFError, RuntimeError, NotImplementedError) as err:
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


def _check_prolog(path: Path, zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> None:
    with zf.open(info) as fh:
        head = fh.read(PROLOG_BYTES)
    utf16 = head.startswith((b"\xff\xfe", b"\xfe\xff"))
    text = head.decode("utf-16" if utf16 else "utf-8", errors="ignore").upper()
    if "<!DOCTYPE" in text or "<!ENTITY" in text:
        raise ReadError(
            f"Filen {path.name} innehåller en XML-deklaration (DTD/entitet) i {info.filename}, "
            "vilket Excel aldrig skriver. Filen läses inte av säkerhetsskäl."
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
