"""Receiving a workbook: the multipart form, a size limit, a temporary folder removed afterwards.

The upload is written to a fresh temporary folder under a cleaned version of its own name (the CLI's
report names the file, so the service's report names it the same way) and the folder is removed when
the request is done, whatever happens: nothing uploaded stays on disk unless it is stored as a
submission (which holds no raw rows).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path

from fastapi import Request
from starlette.datastructures import UploadFile

from kkik_xl.server.errors import ApiError
from kkik_xl.server.security import TooLarge, too_large_message

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods", ".csv")
CHUNK = 1 << 20
_UNSAFE = re.compile(r"[^0-9A-Za-zÅÄÖåäöÉé_.\- ]+")
MULTIPART = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {"type": "string", "format": "binary", "description": "Arbetsboken."},
                        "year": {"type": "integer", "description": "Mätåret (annars mallens år)."},
                        "period_start": {"type": "string", "description": "ÅÅÅÅ-MM-DD, hemtjänst."},
                    },
                }
            }
        },
    }
}


@dataclass(frozen=True)
class Upload:
    """A received workbook on disk with the optional form fields."""

    path: Path
    year: int | None
    period_start: str | None

    @property
    def name(self) -> str:
        """The file name as the report shows it."""
        return self.path.name


def safe_name(name: str | None) -> str:
    """The base name of an uploaded file with unusual characters replaced; refuses unknown types."""
    base = Path((name or "").replace("\\", "/")).name
    cleaned = _UNSAFE.sub("_", base).strip(" .") or "arbetsbok"
    if not cleaned.lower().endswith(SUFFIXES):
        raise ApiError(
            415, "Filtypen stöds inte. Skicka en arbetsbok (.xlsx, .xlsm, .xls, .ods) eller en CSV-fil."
        )
    return cleaned[-120:]


def _year(text: str | None) -> int | None:
    if text is None or not text.strip():
        return None
    if not text.strip().isdigit() or not 1990 <= int(text) <= 2100:
        raise ApiError(422, "Fältet year ska vara ett årtal mellan 1990 och 2100, till exempel 2025.")
    return int(text)


def _text(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


async def _copy(upload: UploadFile, target: Path, limit: int) -> None:
    written = 0
    with target.open("wb") as out:
        while chunk := await upload.read(CHUNK):
            written += len(chunk)
            if written > limit:
                raise ApiError(413, too_large_message(limit))
            out.write(chunk)


@asynccontextmanager
async def received(request: Request, limit: int) -> AsyncIterator[Upload]:
    """The uploaded workbook in a temporary folder that is removed when the block ends."""
    if "multipart/form-data" not in request.headers.get("content-type", ""):
        raise ApiError(415, "Skicka filen som multipart/form-data i fältet file.")
    folder = Path(tempfile.mkdtemp(prefix="kkik-upload-"))
    try:
        try:
            form = await request.form(max_files=1, max_fields=10)
        except TooLarge:
            raise ApiError(413, too_large_message(limit)) from None
        except Exception:
            raise ApiError(400, "Formuläret kunde inte läsas. Skicka filen i fältet file.") from None
        file = form.get("file")
        if not isinstance(file, UploadFile):
            raise ApiError(422, "Fältet file med arbetsboken saknas.")
        target = folder / safe_name(file.filename)
        try:
            await _copy(file, target, limit)
        finally:
            await form.close()
        yield Upload(target, _year(_text(form.get("year"))), _text(form.get("period_start")))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
