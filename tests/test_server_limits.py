"""Limits and safety of ``kkik-xl serve`` (real uvicorn): size, types, busy pool, origins, traces on disk."""

from __future__ import annotations

import re
import sqlite3
import threading
import time
from pathlib import Path

import httpx
from live_server import live_server

DATA = Path(__file__).parent / "data"
BIG = DATA / "forskola_tomma_formaterade_rader_1m.xlsx"  # 2.5 MB
PERSONNUMMER = re.compile(r"(?<!\d)(?:\d{2})?\d{6}[-+]?\d{4}(?!\d)")


def post(url: str, route: str, path: Path, **headers: str) -> httpx.Response:
    with path.open("rb") as fh:
        return httpx.post(f"{url}{route}", files={"file": (path.name, fh)}, headers=headers, timeout=120)


def test_too_large_is_413_in_swedish(tmp_path: Path) -> None:
    with live_server(tmp_path, "--max-mb", "1") as url:
        response = post(url, "/api/validate", BIG)
    assert response.status_code == 413
    assert response.json() == {"error": "Filen är för stor. Största tillåtna storlek är 1 MB."}


def test_wrong_types_are_415_and_bad_fields_422(tmp_path: Path) -> None:
    with live_server(tmp_path) as url:
        assert post(url, "/api/validate", Path(__file__)).status_code == 415
        not_form = httpx.post(
            f"{url}/api/validate", content=b"{}", headers={"content-type": "application/json"}
        )
        assert not_form.status_code == 415
        no_file = httpx.post(f"{url}/api/validate", files={"other": ("a.xlsx", b"x")})
        assert no_file.status_code == 422
        with (DATA / "forskola_text_i_datumcell.xlsx").open("rb") as fh:
            bad_year = httpx.post(
                f"{url}/api/validate", files={"file": ("a.xlsx", fh)}, data={"year": "tjugo"}
            )
        assert bad_year.status_code == 422 and "year" in bad_year.json()["error"]
        broken = post(url, "/api/validate", DATA / "forskola_skadad_zip.xlsx")
        assert broken.status_code == 422 and "Traceback" not in broken.text
        assert httpx.get(f"{url}/finns-inte").json() == {"error": "Adressen finns inte."}


def test_full_pool_answers_503_try_again(tmp_path: Path) -> None:
    with live_server(tmp_path, "--workers", "1", "--queue", "0") as url:
        slow = threading.Thread(target=post, args=(url, "/api/mark", BIG))  # validate + mark 1M rows
        slow.start()
        answers = []
        while slow.is_alive() and 503 not in [a.status_code for a in answers]:
            answers.append(httpx.post(f"{url}/api/functions/HELGDAG", json={"args": ["2025-12-24"]}))
            time.sleep(0.02)
        slow.join()
        after = httpx.post(f"{url}/api/functions/HELGDAG", json={"args": ["2025-12-24"]})
    busy = [a for a in answers if a.status_code == 503]
    assert busy, [a.status_code for a in answers]
    assert "Försök igen" in busy[0].json()["error"]
    assert after.json() == {"result": "Julafton"}


def test_time_limit_answers_503(tmp_path: Path) -> None:
    with live_server(tmp_path, "--timeout", "0.2") as url:
        response = post(url, "/api/mark", BIG)
    assert response.status_code == 503 and "för lång tid" in response.json()["error"]


def test_cross_site_posts_refused_and_cors_only_for_the_addin(tmp_path: Path) -> None:
    addin = "https://tillagg.kommun.se"
    path = DATA / "forskola_text_i_datumcell.xlsx"
    with live_server(tmp_path, "--addin-origin", addin) as url:
        evil = post(url, "/api/validate", path, origin="https://elak.example")
        fetch_site = post(url, "/api/validate", path, **{"sec-fetch-site": "cross-site"})
        own = post(url, "/api/validate", path, origin=url)
        from_addin = post(url, "/api/validate", path, origin=addin)
        page = httpx.get(f"{url}/")
    assert evil.status_code == 403 and fetch_site.status_code == 403
    assert "access-control-allow-origin" not in evil.headers
    assert own.status_code == 200 and "access-control-allow-origin" not in own.headers
    assert from_addin.status_code == 200 and from_addin.headers["access-control-allow-origin"] == addin
    csp = page.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "default-src 'none'" in csp and "unsafe-inline" not in csp


def test_nothing_uploaded_stays_and_no_personnummer_is_logged(tmp_path: Path) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    data = tmp_path / "data"
    files = ["forskola_personnummer_i_kommentar.xlsx", "hemtjanst_personnummer_12_siffror_plus.xlsx"]
    with live_server(data, env={"TMPDIR": str(temp)}) as url:
        for name in files:
            for route in ("/api/validate", "/api/mark", "/api/submit"):
                post(url, route, DATA / name)
        left = list(temp.iterdir())
    assert left == []
    with sqlite3.connect(data / "kkik-xl.sqlite3") as db:
        audit = "\n".join(" ".join(row) for row in db.execute("SELECT at, who, action, what FROM audit"))
    assert audit.count("validera") == len(files)
    log = (data / "server.log").read_text()
    for text in (audit, log):
        assert not PERSONNUMMER.search(text), text
