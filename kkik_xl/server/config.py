"""The service's settings (from ``kkik-xl serve`` options)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

MB = 1024 * 1024


@dataclass(frozen=True)
class ServerConfig:
    """Everything the app needs to know; defaults suit one municipality on a small server."""

    data: Path
    public_url: str = ""
    max_upload_bytes: int = 100 * MB
    request_timeout: float = 300.0
    workers: int = 2
    queue: int = 8
    addin_origin: str | None = None
    trusted_proxies: frozenset[str] = frozenset()
    identity_header: str = "X-Remote-User"
    reference: Path | None = None  # national values (CSV/JSON) for the comparison report

    @property
    def database(self) -> Path:
        """The SQLite file in the data folder."""
        return self.data / "kkik-xl.sqlite3"
