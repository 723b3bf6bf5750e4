"""The stable HTTP API (docs/api.md): health, validate, mark, submit and the worksheet functions."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from kkik_xl import __version__
from kkik_xl.personnummer import mask_text
from kkik_xl.server import work
from kkik_xl.server.functions_api import evaluate
from kkik_xl.server.state import State, who
from kkik_xl.server.uploads import MULTIPART, received
from kkik_xl.submission.io import to_text

router = APIRouter()


class FunctionCall(BaseModel):
    """The body of ``POST /api/functions/{NAME}``."""

    args: list[Any] = []


def _state(request: Request) -> State:
    state: State = request.app.state.kkik
    return state


def _attachment(name: str) -> dict[str, str]:
    return {"Content-Disposition": f"attachment; filename*=UTF-8''{_quote(name)}"}


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


def _file_label(name: str) -> str:
    return str(mask_text(name))


@router.get("/health", tags=["tjänst"])
async def health() -> dict[str, str]:
    """Tjänsten svarar: ``{"status": "ok", "version": ...}``."""
    return {"status": "ok", "version": __version__}


@router.post("/api/validate", tags=["arbetsbok"], openapi_extra=MULTIPART)
async def validate(request: Request) -> Response:
    """Samma JSON som ``kkik-xl validate --report json`` för filen."""
    state = _state(request)
    async with received(request, state.config.max_upload_bytes) as upload:
        text, report = await state.pool.run(lambda: work.report_json(upload))
    counts = ", ".join(f"{k}={v}" for k, v in report.per_code().items())
    state.storage.audit(
        who(request), "validera", f"{_file_label(upload.name)} ({report.template} {report.year}) {counts}"
    )
    return Response(text, media_type="application/json")


@router.post("/api/mark", tags=["arbetsbok"], openapi_extra=MULTIPART)
async def mark(request: Request) -> Response:
    """Den markerade kopian (``<namn>_kontrollerad.xlsx``) som ``kkik-xl validate --mark`` skriver."""
    state = _state(request)
    async with received(request, state.config.max_upload_bytes) as upload:
        marked, report = await state.pool.run(lambda: work.mark(upload))
    state.storage.audit(
        who(request), "markera", f"{_file_label(upload.name)} ({report.template} {report.year})"
    )
    return Response(marked.content, media_type=marked.media_type, headers=_attachment(marked.name))


@router.post("/api/submit", tags=["arbetsbok"], openapi_extra=MULTIPART)
async def submit(request: Request, store: bool = False) -> Response:
    """Inlämningsfilen (``.kkik.json``) som ``kkik-xl submit`` skriver; ``?store=true`` sparar den."""
    state = _state(request)
    async with received(request, state.config.max_upload_bytes) as upload:
        try:
            sub = await state.pool.run(lambda: work.submit(upload))
        except work.RefusedError as refused:
            state.storage.audit(who(request), "inlämning vägrad", f"{_file_label(upload.name)}")
            return JSONResponse({"error": refused.message, "reasons": refused.reasons}, status_code=422)
    what = f"{sub.file_name()} {sub.checksums.content_sha256[:16]}"
    headers = _attachment(sub.file_name())
    if store:
        stored = state.storage.store(sub)
        state.storage.audit(who(request), "inlämning sparad", f"{what} nr {stored}")
        headers["X-KKIK-Inlamning"] = str(stored)
    else:
        state.storage.audit(who(request), "inlämning skapad", what)
    return Response(to_text(sub), media_type="application/json", headers=headers)


@router.post("/api/functions/{name}", tags=["funktioner"])
async def function(name: str, body: FunctionCall, request: Request) -> dict[str, Any]:
    """Ett ``KKIK_*``-kalkylbladsfunktionsanrop: ``{"args": [...]}`` → ``{"result": ...}``."""
    state = _state(request)
    return {"result": await state.pool.run(lambda: evaluate(name, body.args))}
