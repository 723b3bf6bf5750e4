"""``merge --keys`` (the coordinator's public key list) and synthetic submissions labelled downstream."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import polars as pl
import pytest
from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.coordinator.synthetic_submissions import synthetic_submission
from kkik_xl.submission import Role, load_submission, save_submission, verify_submission
from kkik_xl.submission.keys import KeyFileError, create_key, load_key_list, load_private_key
from kkik_xl.submission.signing import sign

runner = CliRunner()
T = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
SIGNERS = (("registrerad", "handläggare"), ("kontrollerad", "controller"), ("godkand", "chef"))


def _keys(folder: Path) -> tuple[dict[str, Path], Path]:
    """A private key per signer and the coordinator's key list with all three public keys."""
    private, lines = {}, []
    for _, who in SIGNERS:
        pem, pub = create_key(who, folder / who, "0180")
        private[who] = pem
        lines.append(pub.read_text(encoding="utf-8"))
    key_list = folder / "nycklar.txt"
    key_list.write_text("".join(lines), encoding="utf-8")
    return private, key_list


def test_merge_with_keys_rejects_signatures_without_a_listed_key(tmp_path: Path) -> None:
    private, key_list = _keys(tmp_path / "nycklar")
    inbox = tmp_path / "in"
    keyed = save_submission(
        make_submission({"U11401": 87.5}, kod="0180"), inbox / "0180_forskola_2025.kkik.json"
    )
    for role, who in SIGNERS[:2]:
        args = ["sign", str(keyed), "--role", role, "--by", who, "--key", str(private[who])]
        assert runner.invoke(app, args).exit_code == 0
    role, who = SIGNERS[2]  # a configured key: the environment variable instead of --key
    env = {"KKIK_XL_NYCKEL": str(private[who])}
    assert runner.invoke(app, ["sign", str(keyed), "--role", role, "--by", who], env=env).exit_code == 0
    assert all(s.key_id and s.ed25519 for s in load_submission(keyed).signatures)
    plain = make_submission({"U11401": 60.0}, kod="0114")
    for role, who in SIGNERS:
        plain = sign(plain, Role(role), who, now=T)
    save_submission(plain, inbox / "0114_forskola_2025.kkik.json")

    without = runner.invoke(app, ["merge", str(inbox), "--out", str(tmp_path / "alla")])
    assert without.exit_code == 0 and "2 inlämningar godtogs" in without.output, without.output
    checked = runner.invoke(
        app, ["merge", str(inbox), "--out", str(tmp_path / "ut"), "--keys", str(key_list)]
    )
    assert checked.exit_code == 1
    rejected = pl.read_csv(tmp_path / "ut" / "avvisade.csv", separator=";")
    assert rejected["fil"].to_list() == ["0114_forskola_2025.kkik.json"]
    assert "saknar nyckelsignatur" in rejected["orsak"][0]
    values = pl.read_csv(tmp_path / "ut" / "varden.csv", separator=";", infer_schema=False)
    assert values["kommunkod"].to_list() == ["0180"]
    broken = tmp_path / "trasig.txt"
    broken.write_text("inte en nyckel\n", encoding="utf-8")
    bad = runner.invoke(app, ["merge", str(inbox), "--out", str(tmp_path / "x"), "--keys", str(broken)])
    assert bad.exit_code == 2 and "Nyckellistan" in bad.output


def _synthetic(folder: Path) -> Path:
    sub = synthetic_submission("1440", "service", 2025, {"U00412": 80.0}, created=T)
    return save_submission(sub, folder / sub.file_name())


def test_synthetic_submissions_are_labelled_in_the_merge_and_never_exported(tmp_path: Path) -> None:
    path = _synthetic(tmp_path / "in")
    merged = runner.invoke(app, ["merge", str(tmp_path / "in"), "--out", str(tmp_path / "ut")])
    assert merged.exit_code == 0, merged.output
    assert "SYNTETISKA DATA: 1 inlämning har" in merged.output
    doc = json.loads((tmp_path / "ut" / "varden.json").read_text("utf-8"))
    assert doc["syntetisk"] is True
    header = (tmp_path / "ut" / "varden.csv").read_text("utf-8").splitlines()[0]
    assert header.endswith(";syntetisk")
    compared = runner.invoke(app, ["compare", str(tmp_path / "ut" / "varden.json"), "--year", "2025"])
    assert json.loads(compared.stdout)["synthetic"] is True
    out = tmp_path / "kolada.csv"
    exported = runner.invoke(app, ["export-kolada", str(path), "--out", str(out)])
    assert exported.exit_code == 1 and "syntetisk inlämning" in exported.output
    assert not out.exists()


def test_real_submissions_are_not_labelled_synthetic(tmp_path: Path) -> None:
    save_submission(make_submission(), tmp_path / "in" / "0180_forskola_2025.kkik.json")
    merged = runner.invoke(app, ["merge", str(tmp_path / "in"), "--out", str(tmp_path / "ut")])
    assert "SYNTETISKA" not in merged.output
    assert json.loads((tmp_path / "ut" / "varden.json").read_text("utf-8"))["syntetisk"] is False
    assert "syntetisk" not in (tmp_path / "ut" / "varden.csv").read_text("utf-8")


def test_keys_of_another_municipality_do_not_count(tmp_path: Path) -> None:
    """Three key holders of Stockholm (0180) sign Ale's (1440) submission: merge --keys rejects it."""
    private, key_list = _keys(tmp_path / "nycklar")
    inbox = tmp_path / "in"
    other = save_submission(
        make_submission({"U11401": 87.5}, kod="1440"), inbox / "1440_forskola_2025.kkik.json"
    )
    for role, who in SIGNERS:
        args = ["sign", str(other), "--role", role, "--by", who, "--key", str(private[who])]
        assert runner.invoke(app, args).exit_code == 0
    result = runner.invoke(app, ["merge", str(inbox), "--out", str(tmp_path / "ut"), "--keys", str(key_list)])
    assert result.exit_code == 1
    rejected = pl.read_csv(tmp_path / "ut" / "avvisade.csv", separator=";")
    assert rejected["fil"].to_list() == ["1440_forskola_2025.kkik.json"]
    assert "hör till kommun 0180, men inlämningen gäller kommun 1440" in rejected["orsak"][0]


def test_a_key_bound_to_a_role_signs_only_that_role(tmp_path: Path) -> None:
    pem, pub = create_key("controller", tmp_path, "0180", Role.KONTROLLERAD)
    sub = sign(make_submission(kod="0180"), Role.REGISTRERAD, "controller", key=load_private_key(pem), now=T)
    problems = verify_submission(sub, load_key_list(pub))
    assert problems == ["Signatur 1 (registrerad, controller): nyckeln " + sub.signatures[0].key_id  # type: ignore[operator]
                        + " får bara signera som kontrollerad, inte som registrerad."]  # fmt: skip


def test_old_key_list_lines_without_municipality_are_refused_with_a_way_out(tmp_path: Path) -> None:
    _, pub = create_key("controller", tmp_path, "0180")
    old = tmp_path / "gammal.txt"
    old.write_text(";".join(pub.read_text(encoding="utf-8").split(";")[:3]) + "\n", encoding="utf-8")
    sub = save_submission(make_submission(), tmp_path / "0180_forskola_2025.kkik.json")
    result = runner.invoke(app, ["verify", str(sub), "--keys", str(old)])
    assert result.exit_code == 2 and "saknar kommunkod" in result.output
    with pytest.raises(KeyFileError, match=r"saknar kommunkod.*keys create --kommun"):
        load_key_list(old)
