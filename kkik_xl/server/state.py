"""What the routes share: settings, the worker pool and the storage; who is asking."""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import Request

from kkik_xl.server.config import ServerConfig
from kkik_xl.server.limits import WorkerPool
from kkik_xl.server.storage import Storage


@dataclass
class State:
    """Created once per app."""

    config: ServerConfig
    pool: WorkerPool
    storage: Storage


def identity(request: Request) -> str | None:
    """The signed-in user as the reverse proxy says, trusted only from a configured proxy address."""
    config: ServerConfig = request.app.state.kkik.config
    client = request.client.host if request.client else ""
    if client not in config.trusted_proxies:
        return None
    name = request.headers.get(config.identity_header, "").strip()
    return name[:200] or None


def who(request: Request) -> str:
    """The caller as the audit log names them: the proxy's identity, else the client address."""
    name = identity(request)
    if name:
        return name
    client = request.client.host if request.client else "okänd"
    return f"anonym ({client})"
