"""The web pages: upload and check a workbook (``/``), the coordinator's overview (``/samordnare``).

Plain HTML served by the app; the upload page uses one small script of its own (``/static/app.js``,
no external CDN) that sends the file to the API and lists the findings. Pages are Swedish and work
with the keyboard alone.
"""

from __future__ import annotations

from importlib.resources import files

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from kkik_xl.server import coordinator_page

router = APIRouter(include_in_schema=False)
STATIC = files("kkik_xl.server") / "static"
TYPES = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}


@router.get("/", response_class=HTMLResponse)
async def index() -> HTMLResponse:
    """The upload page."""
    return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))


@router.get("/samordnare", response_class=HTMLResponse)
async def coordinator(request: Request, year: int | None = None) -> HTMLResponse:
    """The stored submissions of ``year``: completeness and conflicts."""
    state = request.app.state.kkik
    content = await state.pool.run(lambda: coordinator_page.body(state.storage, year))
    page = (STATIC / "samordnare.html").read_text(encoding="utf-8")
    return HTMLResponse(page.replace("<!--INNEHALL-->", content))


@router.get("/static/{name}")
async def static(name: str) -> Response:
    """The page's own script and style sheet (nothing else is served from the folder)."""
    if name not in TYPES:
        return Response(status_code=404)
    return Response((STATIC / name).read_text(encoding="utf-8"), media_type=TYPES[name])
