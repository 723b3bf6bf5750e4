"""Every file the project writes goes through here: atomic, and failing with a Swedish sentence.

A file is written to a temporary file beside its target (same folder, so same disk), flushed to disk
and renamed over the target (``os.replace``): a reader sees the old file or the new one, never half a
file, and a failure (read-only folder, file open in Excel, full disk) leaves the old file as it was and
no temporary file behind. Several files that belong together (``merge``'s outputs) are written with
:class:`Batch`: all are written first, then all are renamed into place.

A failure raises :class:`WriteError`, whose ``message`` names the file, says why in Swedish and what to
do; the command line prints it and exits with code 2 (``kkik_xl/cli.py``).
"""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import NoReturn

from kkik_xl.oserror_sv import reason_and_advice

Saver = Callable[[Path], object]


class WriteError(Exception):
    """A file could not be written; ``message`` is the Swedish sentence for the user."""

    def __init__(self, path: Path, error: BaseException) -> None:
        self.path = path
        self.reason, self.advice = reason_and_advice(error)
        self.message = f"{path} kunde inte skrivas: {self.reason}. {self.advice}"
        super().__init__(self.message)


def _os_error(exc: BaseException) -> OSError | None:
    """The OSError behind ``exc`` (writers such as XlsxWriter wrap it in their own exception)."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        if isinstance(current, OSError):
            return current
        seen.add(id(current))
        wrapped = next((a for a in current.args if isinstance(a, OSError)), None)
        current = wrapped or current.__cause__ or current.__context__
    return None


def _new_mode(target: Path) -> int:
    """The target's mode when it exists, else what a new file gets under the current umask."""
    with contextlib.suppress(OSError):
        return target.stat().st_mode & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _prepare_folder(target: Path) -> None:
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(target))
    target.parent.mkdir(parents=True, exist_ok=True)


def _fsync_folder(folder: Path) -> None:
    """Make the rename durable where the platform allows opening a folder (not on Windows)."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


class Batch:
    """Files written together: each to a temporary file first, renamed into place on :meth:`commit`."""

    def __init__(self) -> None:
        self._staged: list[tuple[Path, Path, int | None]] = []

    def save(self, target: Path, save: Saver, *, mode: int | None = None) -> Path:
        """Stage ``target``: ``save(tmp)`` writes the content to a temporary path beside it."""
        tmp: Path | None = None
        try:
            _prepare_folder(target)
            fd, name = tempfile.mkstemp(
                prefix=f".{target.name}.", suffix=f".tmp{target.suffix}", dir=target.parent
            )
            os.close(fd)
            tmp = Path(name)
            self._staged.append((tmp, target, mode))
            save(tmp)
            _fsync_file(tmp)
        except Exception as exc:
            _raise(target, exc)
        return target

    def bytes(self, target: Path, data: bytes, *, mode: int | None = None) -> Path:
        """Stage ``data`` for ``target``."""
        return self.save(target, lambda tmp: tmp.write_bytes(data), mode=mode)

    def text(
        self,
        target: Path,
        text: str,
        *,
        newline: str = "\n",
        encoding: str = "utf-8",
        mode: int | None = None,
    ) -> Path:
        """Stage ``text`` (``\\n`` written as ``newline``) for ``target``."""
        return self.bytes(target, text.replace("\n", newline).encode(encoding), mode=mode)

    def commit(self) -> list[Path]:
        """Rename every staged file into place; returns the targets."""
        done: list[Path] = []
        for tmp, target, mode in self._staged:
            try:
                os.chmod(tmp, _new_mode(target) if mode is None else mode)
                os.replace(tmp, target)
            except Exception as exc:
                _raise(target, exc)
            done.append(target)
        for folder in {target.parent for target in done}:
            _fsync_folder(folder)
        self._staged.clear()
        return done

    def discard(self) -> None:
        """Remove every temporary file not yet renamed into place."""
        for tmp, _target, _mode in self._staged:
            with contextlib.suppress(OSError):
                tmp.unlink(missing_ok=True)
        self._staged.clear()

    def __enter__(self) -> Batch:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if kind is None:
                self.commit()
        finally:
            self.discard()


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _raise(target: Path, exc: Exception) -> NoReturn:
    """Raise ``exc`` as a :class:`WriteError` when a file-system error is behind it, else unchanged."""
    cause = None if isinstance(exc, WriteError) else _os_error(exc)
    if cause is None:
        raise exc
    raise WriteError(target, cause) from None


@contextlib.contextmanager
def batch() -> Iterator[Batch]:
    """``with batch() as b: b.text(...); b.save(...)`` — all files in place at the end, or none."""
    with Batch() as staged:
        yield staged


def save_with(target: Path, save: Saver, *, mode: int | None = None) -> Path:
    """Write ``target`` atomically with ``save(tmp_path)`` (for writers that want a path)."""
    with batch() as b:
        b.save(target, save, mode=mode)
    return target


def write_bytes(target: Path, data: bytes, *, mode: int | None = None) -> Path:
    """Write ``data`` to ``target`` atomically."""
    with batch() as b:
        b.bytes(target, data, mode=mode)
    return target


def write_text(
    target: Path, text: str, *, newline: str = "\n", encoding: str = "utf-8", mode: int | None = None
) -> Path:
    """Write ``text`` (UTF-8 unless told) to ``target`` atomically."""
    with batch() as b:
        b.text(target, text, newline=newline, encoding=encoding, mode=mode)
    return target
