"""Signing in the service: the proxy's identity, four eyes on identities, every signature audited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import httpx
from live_server import live_server
from submission_workbooks import filled_workbook

from kkik_xl.submission.io import parse_submission
from kkik_xl.submission.signing import is_fully_signed


def stored_submission(url: str, tmp_path: Path) -> str:
    workbook = filled_workbook(tmp_path, "lss")
    with workbook.open("rb") as fh:
        response = httpx.post(
            f"{url}/api/submit?store=true", files={"file": (workbook.name, fh)}, timeout=120
        )
    assert response.status_code == 200, response.text
    return response.headers["x-kkik-inlamning"]


def test_signing_with_proxy_identities_and_four_eyes(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with live_server(data, "--trusted-proxy", "127.0.0.1") as url:
        nr = stored_submission(url, tmp_path)

        def sign(role: str, user: str | None) -> httpx.Response:
            headers = {"X-Remote-User": user} if user else {}
            return httpx.post(f"{url}/api/sign/{nr}?role={role}", headers=headers)

        assert sign("registrerad", None).status_code == 401
        assert sign("registrerad", "anna.andersson").status_code == 200
        twice = sign("kontrollerad", "Anna.Andersson")
        assert twice.status_code == 422 and "Fyra ögon" in twice.json()["error"]
        assert sign("kontrollerad", "bertil.berg").status_code == 200
        last = sign("godkand", "cecilia.carlsson")
        assert last.status_code == 200
    sub = parse_submission(last.text)
    assert [s.by for s in sub.signatures] == ["anna.andersson", "bertil.berg", "cecilia.carlsson"]
    assert is_fully_signed(sub)
    with sqlite3.connect(data / "kkik-xl.sqlite3") as db:
        signatures = db.execute("SELECT who FROM audit WHERE action = 'signatur' ORDER BY id").fetchall()
        stored = db.execute("SELECT document FROM submissions WHERE id = ?", (int(nr),)).fetchone()[0]
    assert [w for (w,) in signatures] == ["anna.andersson", "bertil.berg", "cecilia.carlsson"]
    assert is_fully_signed(parse_submission(stored))


def test_identity_header_is_ignored_from_untrusted_addresses(tmp_path: Path) -> None:
    with live_server(tmp_path / "data") as url:  # no --trusted-proxy: nobody's header counts
        nr = stored_submission(url, tmp_path)
        response = httpx.post(f"{url}/api/sign/{nr}?role=registrerad", headers={"X-Remote-User": "anna"})
    assert response.status_code == 401 and "inloggning" in response.json()["error"]


def test_the_audit_log_is_append_only(tmp_path: Path) -> None:
    from kkik_xl.server.storage import Storage

    storage = Storage(tmp_path / "db.sqlite3")
    storage.audit("anna", "validera", "forskola 2025")
    for statement in ("UPDATE audit SET who = 'x'", "DELETE FROM audit"):
        try:
            storage._db.execute(statement)
        except sqlite3.DatabaseError as err:
            assert "append-only" in str(err)
        else:
            raise AssertionError(f"{statement} was allowed")
    assert [row[1] for row in storage.audit_log()] == ["anna"]
