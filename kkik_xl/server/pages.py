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
from kkik_xl.server.errors import ApiError

router = APIRouter(include_in_schema=False)
STATIC = files("kkik_xl.server") / "static"
REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
TYPES = {"app.js": "text/javascript; charset=utf-8", "style.css": "text/css; charset=utf-8"}


@router.get("/", response_class=HTMLResponse)
async def index() -> HTMLResponse:
    """The upload page."""
    return HTMLResponse((STATIC / "index.html").read_text(encoding="utf-8"))


@router.get("/samordnare", response_class=HTMLResponse)
async def coordinator(request: Request, year: int | None = None) -> HTMLResponse:
    """The stored submissions of ``year``: completeness and conflicts."""
    state = request.app.state.kkik
    with_report = state.config.reference is not None
    content = await state.pool.run(lambda: coordinator_page.body(state.storage, year, with_report))
    page = (STATIC / "samordnare.html").read_text(encoding="utf-8")
    return HTMLResponse(page.replace("<!--INNEHALL-->", content))


@router.get("/samordnare/rapport", response_class=HTMLResponse)
async def comparison(request: Request, year: int, kommun: str) -> HTMLResponse:
    """The existing HTML comparison report for the merged values of ``year`` and ``kommun``."""
    state = request.app.state.kkik
    if state.config.reference is None:
        raise ApiError(404, "Ingen referensfil med alla kommuners värden är inställd (--reference).")
    reference = state.config.reference
    html = await state.pool.run(lambda: coordinator_page.report(state.storage, reference, year, kommun))
    return HTMLResponse(html, headers={"Content-Security-Policy": REPORT_CSP})


@router.get("/static/{name}")
async def static(name: str) -> Response:
    """The page's own script and style sheet (nothing else is served from the folder)."""
    if name not in TYPES:
        return Response(status_code=404)
    return Response((STATIC / name).read_text(encoding="utf-8"), media_type=TYPES[name])
