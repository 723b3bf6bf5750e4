"""Every writer fails cleanly (issue 17 §5, issue 14 point 7): Swedish message naming the file, exit 2,
nothing partial and no temporary file left — for each command that writes a file.

Tests run as root in CI, where a read-only folder does not stop a write: a refused rename
(``os.replace`` raising ``PermissionError``) stands for a read-only folder or a file open in Excel, and a
failing ``fsync`` (``ENOSPC``, after the content went to the temporary file) for a full disk. A folder
whose parent is a file, and an existing folder where the file should be, are real.
"""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.atomic import WriteError, batch, write_text
from kkik_xl.cli import app
from kkik_xl.oserror_sv import reason_and_advice
from kkik_xl.submission import save_submission

runner = CliRunner()
DATA = Path(__file__).parent / "data"
WORKBOOK = DATA / "forskola_styrtecken_i_forvaltning.xlsx"  # submittable (one justified warning)


@dataclass(frozen=True)
class Writer:
    """A command that writes: ``args(tmp, out)`` for an output folder or file ``out``; ``target`` named."""

    name: str
    args: Callable[[Path, Path], list[str]]
    target: Callable[[Path, Path], Path]


def _workbook(tmp: Path) -> Path:
    return Path(shutil.copy(WORKBOOK, tmp / "forskola.xlsx"))


def _submission(tmp: Path) -> Path:
    return save_submission(make_submission(), tmp / "in" / "0180_forskola_2025.kkik.json")


def _national(tmp: Path) -> Path:
    path = tmp / "nationellt.csv"
    if not path.exists():
        assert runner.invoke(app, ["synthetic", "--out", str(path), "--year", "2025"]).exit_code == 0
    return next(tmp.glob("*nationell*.csv"))


def _compare(fmt: str) -> Writer:
    return Writer(
        f"compare --format {fmt}",
        lambda tmp, out: [
            "compare",
            str(_national(tmp)),
            "--year",
            "2025",
            "--municipality",
            "1440",
            "--format",
            fmt,
            "--out",
            str(out / f"jamforelse.{fmt}"),
        ],
        lambda tmp, out: out / f"jamforelse.{fmt}",
    )


WRITERS = [
    Writer("submit", lambda tmp, out: ["submit", str(_workbook(tmp)), "--out", str(out)],
           lambda tmp, out: out / "1440_forskola_2025.kkik.json"),
    Writer("validate --out", lambda tmp, out: ["validate", str(_workbook(tmp)), "--out", str(out / "r.txt")],
           lambda tmp, out: out / "r.txt"),
    Writer("merge", lambda tmp, out: ["merge", str(_submission(tmp)), "--out", str(out)],
           lambda tmp, out: out / "varden.csv"),
    Writer("export-kolada",
           lambda tmp, out: ["export-kolada", str(_submission(tmp)), "--out", str(out / "kolada.csv")],
           lambda tmp, out: out / "kolada.csv"),
    Writer("keys create",
           lambda tmp, out: ["keys", "create", "--by", "controller", "--kommun", "1440", "--out", str(out)],
           lambda tmp, out: out),
    Writer("template", lambda tmp, out: ["template", "forskola", "--out", str(out)],
           lambda tmp, out: out / "forskola.xlsx"),
    Writer("synthetic", lambda tmp, out: ["synthetic", "--out", str(out / "nat.csv")],
           lambda tmp, out: out / "syntetisk_nat.csv"),
    _compare("json"),
    _compare("html"),
    _compare("xlsx"),
]  # fmt: skip
IDS = [w.name for w in WRITERS]


def _leftovers(root: Path) -> list[Path]:
    """Temporary files of the atomic writer anywhere under ``root``."""
    return [p for p in root.rglob(".*") if ".tmp" in p.name]


def _assert_clean_failure(output: str, exit_code: int, named: Path, reason: str) -> None:
    assert exit_code == 2, output
    assert "Traceback" not in output
    assert f"Fel: {named}" in output.replace("\n", " ") or str(named) in output, output
    assert reason in output, output


def _refuse_replace(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(src: object, dst: object) -> None:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("kkik_xl.atomic.os.replace", refuse)


def _disk_full(monkeypatch: pytest.MonkeyPatch) -> None:
    def full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kkik_xl.atomic.os.fsync", full)


@pytest.mark.parametrize("writer", WRITERS, ids=IDS)
def test_a_read_only_folder_or_open_file(
    writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "ut"
    args = writer.args(tmp_path, out)
    _refuse_replace(monkeypatch)
    result = runner.invoke(app, args)
    target = writer.target(tmp_path, out)
    _assert_clean_failure(result.output, result.exit_code, out if target == out else target, "åtkomst nekad")
    assert "Permission denied" not in result.output  # no English OS text
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS, ids=IDS)
def test_a_full_disk(writer: Writer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "ut"
    args = writer.args(tmp_path, out)
    _disk_full(monkeypatch)
    result = runner.invoke(app, args)
    _assert_clean_failure(result.output, result.exit_code, out, "disken är full")
    assert "Frigör utrymme" in result.output
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS, ids=IDS)
def test_a_folder_whose_parent_is_a_file(writer: Writer, tmp_path: Path) -> None:
    blocker = tmp_path / "rapport"
    blocker.write_text("en fil, inte en mapp", encoding="utf-8")
    out = blocker / "ut"
    result = runner.invoke(app, writer.args(tmp_path, out))
    _assert_clean_failure(result.output, result.exit_code, out, "en del av sökvägen är en fil, inte en mapp")
    assert blocker.read_text(encoding="utf-8") == "en fil, inte en mapp"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize("writer", WRITERS, ids=IDS)
def test_a_missing_folder_is_created(writer: Writer, tmp_path: Path) -> None:
    out = tmp_path / "ny" / "mapp"
    result = runner.invoke(app, writer.args(tmp_path, out))
    assert result.exit_code in (0, 1), result.output  # 1: merge/validate report what they found
    assert writer.target(tmp_path, out).exists()
    assert _leftovers(tmp_path) == []


def test_a_folder_where_the_report_file_should_be(tmp_path: Path) -> None:
    (tmp_path / "r.txt").mkdir()
    result = runner.invoke(app, ["validate", str(_workbook(tmp_path)), "--out", str(tmp_path / "r.txt")])
    _assert_clean_failure(result.output, result.exit_code, tmp_path / "r.txt", "det finns redan en mapp")


def test_sign_keeps_the_file_as_it_was_when_it_cannot_be_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _submission(tmp_path)
    before = path.read_bytes()
    for fail in (_refuse_replace, _disk_full):
        with monkeypatch.context() as patch:
            fail(patch)
            result = runner.invoke(app, ["sign", str(path), "--role", "registrerad", "--by", "handläggare"])
        reason = "åtkomst nekad" if fail is _refuse_replace else "disken är full"
        _assert_clean_failure(result.output, result.exit_code, path, reason)
        assert path.read_bytes() == before
        assert _leftovers(tmp_path) == []


def test_validate_mark_names_the_marked_copy_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workbook = _workbook(tmp_path)
    _disk_full(monkeypatch)
    result = runner.invoke(app, ["validate", str(workbook), "--mark"])
    marked = tmp_path / "forskola_kontrollerad.xlsx"
    _assert_clean_failure(result.output, result.exit_code, marked, "disken är full")
    assert not marked.exists() and _leftovers(tmp_path) == []


def test_merge_writes_all_files_or_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fourth of six files fails: the three before it are not left behind either."""
    calls = {"n": 0}
    real = os.fsync

    def fourth_fails(fd: int) -> None:
        calls["n"] += 1
        if calls["n"] == 4:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(fd)

    monkeypatch.setattr("kkik_xl.atomic.os.fsync", fourth_fails)
    out = tmp_path / "ut"
    out.mkdir()
    (out / "varden.csv").write_text("förra körningen", encoding="utf-8")
    result = runner.invoke(app, ["merge", str(_submission(tmp_path)), "--out", str(out)])
    assert result.exit_code == 2, result.output
    assert sorted(p.name for p in out.iterdir()) == ["varden.csv"]
    assert (out / "varden.csv").read_text(encoding="utf-8") == "förra körningen"


def test_a_failed_write_keeps_the_old_file_and_a_new_one_has_the_usual_mode(tmp_path: Path) -> None:
    target = write_text(tmp_path / "a.txt", "ett")
    assert target.stat().st_mode & 0o777 == 0o666 & ~_umask()
    with pytest.raises(ValueError), batch() as files:  # the caller's own error, not a write failure
        files.text(target, "två")
        raise ValueError("avbrutet")
    assert target.read_text(encoding="utf-8") == "ett" and _leftovers(tmp_path) == []


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class _SharingViolation(OSError):
    winerror = 32  # what Windows raises for a file open in Excel


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "åtkomst nekad"),
        (PermissionError(errno.EPERM, "Operation not permitted"), "åtkomst nekad"),
        (FileNotFoundError(errno.ENOENT, "No such file"), "mappen finns inte"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "det finns redan en mapp"),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory"), "en del av sökvägen är en fil"),
        (OSError(errno.ENOSPC, "No space left on device"), "disken är full"),
        (OSError(errno.EROFS, "Read-only file system"), "skrivskyddad"),
        (_SharingViolation(errno.EACCES, "The process cannot access the file"), "öppen eller låst"),
        (OSError(errno.ENAMETOOLONG, "File name too long"), "för långt"),
        (OSError(errno.EXDEV, "Invalid cross-device link"), "operativsystemet vägrade (EXDEV)"),
    ],
)
def test_os_errors_in_swedish(error: OSError, reason: str) -> None:
    why, advice = reason_and_advice(error)
    assert reason in why and advice
    message = WriteError(Path("ut") / "varden.csv", error).message
    assert message.startswith(f"{Path('ut') / 'varden.csv'} kunde inte skrivas: ")
    assert error.strerror is not None and error.strerror not in message
