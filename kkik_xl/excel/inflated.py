"""Each part of a workbook inflated once per validation, however many checks read it.

The safety scan (CRC, far cells), the merged-cell scan with the fingerprint's slim copy and the
personal-data scan each stream the worksheet XML. Inside :func:`sharing` (one validation, one
``submit``), the first reader of a part up to :data:`MAX_PART_BYTES` inflates it whole (``ZipFile.read``
checks its CRC as streaming to the end does) and every later reader gets the same bytes from memory.
Bigger parts, parts beyond :data:`MAX_TOTAL_BYTES` of shared parts, files opened from memory and
readers outside :func:`sharing` stream from the zip as before (issue 14, point 8: "read each part once").
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import IO

MAX_PART_BYTES = 64 << 20
"""Parts above this are never held in memory (the scans skip or bound such parts anyway)."""
MAX_TOTAL_BYTES = 256 << 20
"""At most this much inflated XML is shared at a time."""

Key = tuple[str, int, int, str]
_SHARED: ContextVar[dict[Key, bytes] | None] = ContextVar("kkik_inflated_parts", default=None)


@contextmanager
def sharing() -> Iterator[None]:
    """Share inflated parts between the readers inside the block (nested blocks share the outer one)."""
    if _SHARED.get() is not None:
        yield
        return
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def _key(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> Key | None:
    name = zf.filename
    if not isinstance(name, str) or not name:
        return None
    try:
        stat = os.stat(name)
    except OSError:
        return None
    return (os.path.abspath(name), stat.st_mtime_ns, stat.st_size, info.filename)


def open_part(zf: zipfile.ZipFile, info: zipfile.ZipInfo) -> IO[bytes]:
    """The part's bytes as a readable file: shared when inside :func:`sharing` and small enough."""
    shared = _SHARED.get()
    key = _key(zf, info) if shared is not None and info.file_size <= MAX_PART_BYTES else None
    if shared is None or key is None:
        return zf.open(info)
    data = shared.get(key)
    if data is None:
        data = zf.read(info)
        if sum(map(len, shared.values())) + len(data) <= MAX_TOTAL_BYTES:
            shared[key] = data
    return io.BytesIO(data)
