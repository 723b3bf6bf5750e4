"""SQLite in the data folder: stored submissions and an append-only audit log.

The audit log records who did what and when — the action, the file name, template, year, counts —
never cell contents or personnummer. Triggers refuse UPDATE and DELETE on it, so a row once written
stays. Stored submissions are the ``.kkik.json`` documents (values and checksums, no raw rows).
"""

from __future__ import annotations

import sqlite3
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kkik_xl.submission.io import to_text
from kkik_xl.submission.model import Submission

SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    id INTEGER PRIMARY KEY,
    stored_at TEXT NOT NULL,
    file_name TEXT NOT NULL,
    kommunkod TEXT NOT NULL,
    template TEXT NOT NULL,
    year INTEGER NOT NULL,
    content_sha256 TEXT NOT NULL,
    document TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    action TEXT NOT NULL,
    what TEXT NOT NULL
);
CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
"""


@dataclass(frozen=True)
class StoredSubmission:
    """One row of the submissions table (without the document)."""

    id: int
    stored_at: str
    file_name: str
    kommunkod: str
    template: str
    year: int
    content_sha256: str


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class Storage:
    """The service's database; one connection guarded by a lock (SQLite serialises writes anyway)."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()
        with self._lock:
            self._db.executescript(SCHEMA)

    def audit(self, who: str, action: str, what: str) -> None:
        """Append one line to the audit log."""
        with self._lock:
            self._db.execute(
                "INSERT INTO audit (at, who, action, what) VALUES (?, ?, ?, ?)", (_now(), who, action, what)
            )

    def audit_log(self, limit: int = 200) -> list[tuple[str, str, str, str]]:
        """The newest audit lines (at, who, action, what)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT at, who, action, what FROM audit ORDER BY id DESC LIMIT ?", (limit,)
            ).fetchall()
        return [(str(a), str(b), str(c), str(d)) for a, b, c, d in rows]

    def store(self, sub: Submission) -> int:
        """Keep ``sub``; returns its id."""
        values = (
            _now(),
            sub.file_name(),
            sub.municipality.code,
            sub.template.id,
            sub.year,
            sub.checksums.content_sha256,
            to_text(sub),
        )
        with self._lock:
            cur = self._db.execute(
                "INSERT INTO submissions (stored_at, file_name, kommunkod, template, year, content_sha256,"
                " document) VALUES (?, ?, ?, ?, ?, ?, ?)",
                values,
            )
        return int(cur.lastrowid or 0)

    def replace(self, sub_id: int, sub: Submission) -> None:
        """Replace stored submission ``sub_id`` with ``sub`` (a newly signed copy of it)."""
        with self._lock:
            self._db.execute("UPDATE submissions SET document = ? WHERE id = ?", (to_text(sub), sub_id))

    def submissions(self, year: int) -> list[StoredSubmission]:
        """The stored submissions of ``year``, oldest first."""
        with self._lock:
            rows = self._db.execute(
                "SELECT id, stored_at, file_name, kommunkod, template, year, content_sha256 FROM submissions"
                " WHERE year = ? ORDER BY id",
                (year,),
            ).fetchall()
        return [StoredSubmission(*row) for row in rows]

    def years(self) -> list[int]:
        """The years that have stored submissions, newest first."""
        with self._lock:
            rows = self._db.execute("SELECT DISTINCT year FROM submissions ORDER BY year DESC").fetchall()
        return [int(r[0]) for r in rows]

    def document(self, sub_id: int) -> str | None:
        """The stored ``.kkik.json`` text."""
        with self._lock:
            row = self._db.execute("SELECT document FROM submissions WHERE id = ?", (sub_id,)).fetchone()
        return None if row is None else str(row[0])

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()
