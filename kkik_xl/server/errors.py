"""Errors as JSON ``{"error": "<Swedish sentence>"}`` with a fitting status, never a stack trace."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

LOG = logging.getLogger("kkik_xl.server")
GENERIC = {
    404: "Adressen finns inte.",
    405: "Metoden stöds inte på den här adressen.",
}


class ApiError(Exception):
    """A request the service refuses; ``message`` is shown to the user."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error_response(status: int, message: str) -> JSONResponse:
    """The JSON error body."""
    return JSONResponse({"error": message}, status_code=status)


def install(app: FastAPI) -> None:
    """Register handlers so that every error leaves as Swedish JSON."""

    @app.exception_handler(ApiError)
    async def _api(_request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, _exc: RequestValidationError) -> JSONResponse:
        return error_response(422, "Anropet saknar ett fält eller har ett fält med fel typ (se docs/api.md).")

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error_response(exc.status_code, GENERIC.get(exc.status_code, "Anropet kunde inte utföras."))

    @app.exception_handler(Exception)
    async def _crash(_request: Request, exc: Exception) -> JSONResponse:
        LOG.error("internal error: %s", type(exc).__name__)  # no message: it may quote cell contents
        return error_response(500, "Internt fel i tjänsten. Försök igen eller kontakta IT.")
