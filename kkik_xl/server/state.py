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


def who(request: Request) -> str:
    """The caller as the audit log names them (no sign-in yet: the client address)."""
    client = request.client.host if request.client else "okänd"
    return f"anonym ({client})"
