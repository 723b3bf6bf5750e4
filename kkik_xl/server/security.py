"""Headers and checks for every response: body size limit, same-origin POSTs, CSP, CORS for the add-in.

- A body larger than the limit is refused with 413 before it is read (Content-Length) or as soon as
  it passes the limit (chunked bodies).
- POST, PUT, PATCH and DELETE from a browser page of another site are refused (403): the Origin
  header (or ``Sec-Fetch-Site: cross-site``) must be this service or the configured add-in origin.
  Requests without those headers (integrations, curl) are not browser CSRF and pass.
- Every response has a strict Content-Security-Policy (only this service's own scripts and styles,
  no inline script, no frames), ``nosniff``, no referrer and ``frame-ancestors 'none'``.
- CORS: only the configured add-in origin gets ``Access-Control-Allow-Origin``.
- The comparison report (the CLI's self-contained HTML with inline styles) sets its own policy: inline
  styles and data images, still no script at all.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
UNSAFE_METHODS = {"POST", "PUT", "PATCH", "DELETE"}


class TooLarge(Exception):
    """The request body passed the upload limit while it was being read."""


def too_large_message(limit: int) -> str:
    """The Swedish 413 sentence."""
    return f"Filen är för stor. Största tillåtna storlek är {limit // (1024 * 1024)} MB."


def _headers(scope: Scope) -> dict[str, str]:
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}


def _origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else ""


async def _send_json(send: Send, status: int, body: dict[str, str], extra: list[tuple[bytes, bytes]]) -> None:
    data = json.dumps(body, ensure_ascii=False).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode()), *extra]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


class SecurityMiddleware:
    """The checks and headers above, as plain ASGI (the size limit must see the raw body)."""

    def __init__(self, app: ASGIApp, limit: int, public_url: str, addin_origin: str | None) -> None:
        self.app = app
        self.limit = limit
        self.allowed = {o for o in (_origin_of(public_url), _origin_of(addin_origin or "")) if o}
        self.addin = _origin_of(addin_origin or "")

    def _same_origin(self, headers: dict[str, str], scope: Scope) -> bool:
        origin = headers.get("origin", "").lower()
        own = f"{scope.get('scheme', 'http')}://{headers.get('host', '')}".lower()
        if origin and origin != "null":
            return origin == own or origin in self.allowed
        if origin == "null":
            return False
        return headers.get("sec-fetch-site", "same-origin") in {"same-origin", "none"}

    def _extra(self, headers: dict[str, str]) -> list[tuple[bytes, bytes]]:
        extra = [
            (b"content-security-policy", CSP.encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"),
            (b"x-frame-options", b"DENY"),
        ]
        if self.addin and headers.get("origin", "").lower() == self.addin:
            extra += [
                (b"access-control-allow-origin", self.addin.encode()),
                (b"access-control-allow-methods", b"GET, POST"),
                (b"access-control-allow-headers", b"content-type"),
                (b"vary", b"Origin"),
            ]
        return extra

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        extra = self._extra(headers)
        if scope["method"] == "OPTIONS" and self.addin and headers.get("origin", "").lower() == self.addin:
            await send({"type": "http.response.start", "status": 204, "headers": extra})
            await send({"type": "http.response.body", "body": b""})
            return
        if scope["method"] in UNSAFE_METHODS and not self._same_origin(headers, scope):
            body = {"error": "Anropet kom från en annan webbplats och avvisades."}
            await _send_json(send, 403, body, extra)
            return
        length = headers.get("content-length", "")
        if length.isdigit() and int(length) > self.limit + 64 * 1024:
            await _send_json(send, 413, {"error": too_large_message(self.limit)}, extra)
            return
        await self.app(scope, self._counting(receive), self._with_headers(send, extra))

    def _counting(self, receive: Receive) -> Receive:
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.limit + 64 * 1024:  # room for the form's own fields and boundaries
                raise TooLarge
            return message

        return counted

    @staticmethod
    def _with_headers(send: Send, extra: list[tuple[bytes, bytes]]) -> Send:
        async def sending(message: Message) -> None:
            if message["type"] == "http.response.start":  # a page's own, stricter-scoped CSP wins
                own = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in own)]
            await send(message)

        return sending
