"""Four-eyes sign-off: order, one person per role, content changes, chain links, ed25519 keys."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.submission import (
    Role,
    is_fully_signed,
    last_signed_at,
    load_submission,
    save_submission,
    verify_submission,
)
from kkik_xl.submission.keys import create_key, load_key_list, load_private_key
from kkik_xl.submission.model import Submission, parse_role
from kkik_xl.submission.signing import SigningError, sign

runner = CliRunner()
T1 = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)


def _fully_signed() -> Submission:
    sub = sign(make_submission(), Role.REGISTRERAD, "handläggare", now=T1)
    sub = sign(sub, Role.KONTROLLERAD, "controller", now=T1)
    return sign(sub, Role.GODKAND, "förvaltningschef", now=datetime(2026, 3, 4, 8, 15, tzinfo=UTC))


def test_three_roles_in_order_sign_fully() -> None:
    sub = make_submission()
    assert not is_fully_signed(sub) and last_signed_at(sub) is None
    signed = _fully_signed()
    assert is_fully_signed(signed)
    assert verify_submission(signed) == []
    assert last_signed_at(signed) == datetime(2026, 3, 4, 8, 15, tzinfo=UTC)
    assert [s.role for s in signed.signatures] == [Role.REGISTRERAD, Role.KONTROLLERAD, Role.GODKAND]


def test_same_person_cannot_sign_two_roles() -> None:
    sub = sign(make_submission(), Role.REGISTRERAD, "Controller Anna", now=T1)
    with pytest.raises(SigningError, match="Fyra ögon"):
        sign(sub, Role.KONTROLLERAD, "  controller   anna ", now=T1)


def test_roles_out_of_order_are_refused() -> None:
    with pytest.raises(SigningError, match="Fel ordning"):
        sign(make_submission(), Role.KONTROLLERAD, "controller", now=T1)
    sub = sign(make_submission(), Role.REGISTRERAD, "handläggare", now=T1)
    with pytest.raises(SigningError, match="Fel ordning"):
        sign(sub, Role.GODKAND, "chef", now=T1)
    with pytest.raises(SigningError, match="redan signerad"):
        sign(_fully_signed(), Role.GODKAND, "någon annan", now=T1)


def test_content_change_after_signing_invalidates_the_signatures(tmp_path: Path) -> None:
    path = save_submission(_fully_signed(), tmp_path / "s.kkik.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["measures"][0]["excluded"] = {}
    path.write_text(json.dumps(data), encoding="utf-8")
    tampered = load_submission(path)
    problems = verify_submission(tampered)
    assert sum("gäller inte längre" in p for p in problems) == 3
    assert not is_fully_signed(tampered)


def test_hand_edited_signature_chain_is_detected() -> None:
    signed = _fully_signed()
    dropped = signed.model_copy(update={"signatures": signed.signatures[1:]})
    problems = verify_submission(dropped)
    assert any("fel ordning" in p for p in problems) and any("kedjan är bruten" in p for p in problems)
    forged = signed.signatures[1].model_copy(update={"by": "handläggare"})
    same = signed.model_copy(update={"signatures": [signed.signatures[0], forged, signed.signatures[2]]})
    assert any("samma person" in p for p in verify_submission(same))
    assert any("kedjan är bruten" in p for p in verify_submission(same))


def test_ed25519_signatures_are_checked_against_the_key_list(tmp_path: Path) -> None:
    names = ("handläggare", "controller", "chef")
    keys = {n: create_key(n, tmp_path / n, "0180") for n in names}
    key_list = tmp_path / "nycklar.txt"
    key_list.write_text("# samordnarens lista\n" + "".join(keys[n][1].read_text() for n in names))
    sub = make_submission()
    for role, name in zip((Role.REGISTRERAD, Role.KONTROLLERAD, Role.GODKAND), names, strict=True):
        sub = sign(sub, role, name, key=load_private_key(keys[name][0]), now=T1)
    public = load_key_list(key_list)
    assert verify_submission(sub, public) == []
    path = save_submission(sub, tmp_path / "0180_forskola_2025.kkik.json")
    unchecked = runner.invoke(app, ["verify", str(path)])
    assert unchecked.exit_code == 0 and "kontrollerades inte" in unchecked.output
    checked = runner.invoke(app, ["verify", str(path), "--keys", str(key_list)])
    assert checked.exit_code == 0 and "kontrollerades inte" not in checked.output, checked.output
    assert oct(keys["chef"][0].stat().st_mode & 0o777) == "0o600"
    renamed = sub.signatures[2].model_copy(update={"by": "chefen"})
    bad = sub.model_copy(update={"signatures": [*sub.signatures[:2], renamed]})
    assert any("tillhör 'chef'" in p for p in verify_submission(bad, public))
    # A key that is not on the coordinator's list is reported.
    only_two = tmp_path / "två.txt"
    only_two.write_text("".join(keys[n][1].read_text() for n in names[:2]))
    assert any("finns inte i samordnarens" in p for p in verify_submission(sub, load_key_list(only_two)))
    # Without keys, a list makes key signatures mandatory.
    plain = sign(make_submission(), Role.REGISTRERAD, "handläggare", now=T1)
    assert any("saknar nyckelsignatur" in p for p in verify_submission(plain, public))


def test_sign_and_verify_commands(tmp_path: Path) -> None:
    path = save_submission(make_submission(), tmp_path / "0180_forskola_2025.kkik.json")
    ok = runner.invoke(app, ["sign", str(path), "--role", "registrerad", "--by", "handläggare"])
    assert ok.exit_code == 0, ok.output
    assert "Nästa signatur: kontrollerad" in ok.output
    twice = runner.invoke(app, ["sign", str(path), "--role", "kontrollerad", "--by", "Handläggare"])
    assert twice.exit_code == 1
    wrong = runner.invoke(app, ["sign", str(path), "--role", "godkand", "--by", "chef"])
    assert wrong.exit_code == 1
    assert len(load_submission(path).signatures) == 1
    checked = runner.invoke(app, ["verify", str(path)])
    assert checked.exit_code == 0, checked.output
    assert "inte fullständigt signerad" in checked.output
    path.write_text(path.read_text(encoding="utf-8").replace("87.5", "88.5"), encoding="utf-8")
    tampered = runner.invoke(app, ["verify", str(path)])
    assert tampered.exit_code == 1 and "gäller inte längre" in tampered.output
    path.write_text("{", encoding="utf-8")
    assert runner.invoke(app, ["verify", str(path)]).exit_code == 2


def test_keys_create_command(tmp_path: Path) -> None:
    args = ["keys", "create", "--by", "controller", "--kommun", "Ale", "--roll", "Kontrollerad"]
    result = runner.invoke(app, [*args, "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    [pub] = tmp_path.glob("*.pub.txt")
    [(kid, entry)] = load_key_list(pub).items()
    assert entry.name == "controller" and (tmp_path / f"{kid}.pem").is_file()
    assert (entry.municipality, entry.role) == ("1440", Role.KONTROLLERAD)
    unknown = runner.invoke(
        app, ["keys", "create", "--by", "x", "--kommun", "Atlantis", "--out", str(tmp_path)]
    )
    assert unknown.exit_code == 2 and "ingen kommun" in unknown.output


def test_a_changed_unsigned_file_cannot_be_signed() -> None:
    sub = make_submission()
    changed = sub.model_copy(update={"year": 2024})
    with pytest.raises(SigningError, match="har ändrats"):
        sign(changed, Role.REGISTRERAD, "handläggare", now=T1)


@pytest.mark.parametrize(
    ("spelling", "role"),
    [("godkänd", Role.GODKAND), ("GODKÄND", Role.GODKAND), ("Godkand", Role.GODKAND),
     ("Registrerad", Role.REGISTRERAD), (" KONTROLLERAD ", Role.KONTROLLERAD)],
)  # fmt: skip
def test_role_is_accepted_in_swedish_spelling_and_any_case(spelling: str, role: Role) -> None:
    assert parse_role(spelling) is role


def test_cli_signs_with_godkand_spelled_in_swedish(tmp_path: Path) -> None:
    path = save_submission(make_submission(), tmp_path / "0180_forskola_2025.kkik.json")
    for spelling, who in (
        ("Registrerad", "handläggare"),
        ("KONTROLLERAD", "controller"),
        ("godkänd", "chef"),
    ):
        result = runner.invoke(app, ["sign", str(path), "--role", spelling, "--by", who])
        assert result.exit_code == 0, result.output
    assert "nu fullständigt signerad" in result.output
    assert is_fully_signed(load_submission(path))
    unknown = runner.invoke(app, ["sign", str(path), "--role", "chef", "--by", "x"])
    assert unknown.exit_code == 2 and "Rollen 'chef' finns inte" in unknown.output
