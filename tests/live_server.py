"""A real ``kkik-xl serve`` (uvicorn) on 127.0.0.1 in a subprocess, for HTTP contract tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def live_server(data: Path, *options: str, env: dict[str, str] | None = None) -> Iterator[str]:
    """Start the service with ``options`` (and extra ``env``); yields its URL once ``/health`` answers."""
    port = free_port()
    command = [sys.executable, "-m", "kkik_xl", "serve", "--port", str(port), "--data", str(data), *options]
    data.mkdir(parents=True, exist_ok=True)
    log = (data / "server.log").open("w")
    process = subprocess.Popen(
        command, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait(url, process)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


def _wait(url: str, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"kkik-xl serve stopped with exit code {process.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("kkik-xl serve did not answer /health within 60 s")
