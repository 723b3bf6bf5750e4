"""``kkik-xl serve``: the HTTP service (API and web page) for Excel on Windows, Mac and the web."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kkik_xl.server.config import MB, ServerConfig


def serve(
    host: Annotated[str, typer.Option("--host", help="Adress att lyssna på.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port.", min=1, max=65535)] = 8000,
    data: Annotated[
        Path, typer.Option("--data", help="Mapp för databasen (sparade inlämningar, logg).")
    ] = Path("kkik-data"),
    public_url: Annotated[
        str, typer.Option("--public-url", help="Adressen användarna når tjänsten på, https://…")
    ] = "",
    cert: Annotated[Path | None, typer.Option("--cert", help="TLS-certifikat (PEM).")] = None,
    key: Annotated[Path | None, typer.Option("--key", help="TLS-nyckel (PEM).")] = None,
    max_mb: Annotated[int, typer.Option("--max-mb", help="Största filstorlek i MB.", min=1)] = 100,
    timeout: Annotated[float, typer.Option("--timeout", help="Tidsgräns per anrop i sekunder.")] = 300.0,
    workers: Annotated[int, typer.Option("--workers", help="Samtidiga kontroller.", min=1)] = 2,
    queue: Annotated[int, typer.Option("--queue", help="Anrop som får vänta i kö.", min=0)] = 8,
    exempel: Annotated[
        bool,
        typer.Option("--exempel", help="Lägg in syntetiska exempelinlämningar (Ale 2025) i en tom databas."),
    ] = False,
    reference: Annotated[
        Path | None,
        typer.Option("--reference", help="Alla kommuners värden (CSV/JSON) för jämförelserapporten."),
    ] = None,
    trusted_proxy: Annotated[
        list[str] | None,
        typer.Option("--trusted-proxy", help="Proxyadress vars inloggningshuvud godtas (kan upprepas)."),
    ] = None,
    identity_header: Annotated[
        str, typer.Option("--identity-header", help="Huvudet med den inloggade användaren.")
    ] = "X-Remote-User",
    addin_origin: Annotated[
        str | None, typer.Option("--addin-origin", help="Tillåten CORS-origin för Office-tillägget.")
    ] = None,
) -> None:
    """Starta KKiK-tjänsten: webbsida och HTTP-API (docs/api.md) med samma kontroller som kommandona.

    Lyssnar bara på 127.0.0.1 om inget annat anges; i drift står den bakom kommunens omvända proxy
    med HTTPS (install/server/README.md).

    Exempel: kkik-xl serve --port 8000 --data /var/lib/kkik-xl --public-url https://kkik.kommun.se
    """
    import uvicorn

    from kkik_xl.server.app import create_app

    config = ServerConfig(
        data=data,
        public_url=public_url,
        max_upload_bytes=max_mb * MB,
        request_timeout=timeout,
        workers=workers,
        queue=queue,
        addin_origin=addin_origin,
        trusted_proxies=frozenset(trusted_proxy or ()),
        identity_header=identity_header,
        reference=reference,
    )
    app = create_app(config)
    if exempel:
        from kkik_xl.server.examples import seed

        seed(app.state.kkik.storage)
    uvicorn.run(
        app,
        host=host,
        port=port,
        ssl_certfile=str(cert) if cert else None,
        ssl_keyfile=str(key) if key else None,
        server_header=False,
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the CLI."""
    app.command("serve")(serve)
