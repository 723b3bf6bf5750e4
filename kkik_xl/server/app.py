"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from kkik_xl import __version__
from kkik_xl.server import api, errors, pages, signing_api
from kkik_xl.server.config import ServerConfig
from kkik_xl.server.limits import WorkerPool
from kkik_xl.server.security import SecurityMiddleware
from kkik_xl.server.state import State
from kkik_xl.server.storage import Storage

DESCRIPTION = "KKiK-tjänsten: samma kontroller, markering och inlämningsfiler som kommandot kkik-xl."


def create_app(config: ServerConfig) -> FastAPI:
    """The service for ``config``: API, pages, limits and security headers."""
    pool = WorkerPool(config.workers, config.queue, config.request_timeout)
    storage = Storage(config.database)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        pool.shutdown()
        storage.close()

    app = FastAPI(
        title="kkik-xl",
        version=__version__,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.kkik = State(config, pool, storage)
    errors.install(app)
    app.include_router(api.router)
    app.include_router(signing_api.router)
    app.include_router(pages.router)
    app.add_middleware(
        SecurityMiddleware,
        limit=config.max_upload_bytes,
        public_url=config.public_url,
        addin_origin=config.addin_origin,
    )

    return app
