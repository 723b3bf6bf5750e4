"""The FastAPI application factory."""

from __future__ import annotations

from fastapi import FastAPI

from kkik_xl import __version__
from kkik_xl.server import api, errors, pages
from kkik_xl.server.config import ServerConfig
from kkik_xl.server.limits import WorkerPool
from kkik_xl.server.security import SecurityMiddleware
from kkik_xl.server.state import State
from kkik_xl.server.storage import Storage

DESCRIPTION = "KKiK-tjänsten: samma kontroller, markering och inlämningsfiler som kommandot kkik-xl."


def create_app(config: ServerConfig) -> FastAPI:
    """The service for ``config``: API, pages, limits and security headers."""
    app = FastAPI(
        title="kkik-xl", version=__version__, description=DESCRIPTION, docs_url=None, redoc_url=None
    )
    pool = WorkerPool(config.workers, config.queue, config.request_timeout)
    app.state.kkik = State(config, pool, Storage(config.database))
    errors.install(app)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.add_middleware(
        SecurityMiddleware,
        limit=config.max_upload_bytes,
        public_url=config.public_url,
        addin_origin=config.addin_origin,
    )

    @app.on_event("shutdown")
    def _close() -> None:
        pool.shutdown()
        app.state.kkik.storage.close()

    return app
