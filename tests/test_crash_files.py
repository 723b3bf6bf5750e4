"""Damaged and hostile workbooks (``tests/data/crash/make_crash_files.py``) never crash the CLI.

Every file is run through ``validate``, ``validate --mark``, ``compute`` and ``submit`` in its own
process with a 3 GB address-space limit (``cli_sandbox``): an abort of the Rust reader, a kill by the
limit or the timeout, a Python traceback, an exit code other than 0, 1 or 2, a peak over 1.5 GB or a
message without Swedish text fails the test. The files the reader must refuse before any parser sees
them are refused with exit code 2 and a reason naming what is wrong.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from cli_sandbox import MEMORY_LIMIT, Outcome, Sandbox

DATA = Path(__file__).parent / "data" / "crash"
sys.path.insert(0, str(DATA))

from make_crash_files import CRASH_FILES  # noqa: E402

REFUSED = {
    "forskola_cell_i_xfd1048576.xlsx": "utspridda över 1 048 576 rader och 16 384 kolumner",
    "forskola_cell_i_z1048576_uppgifter.xlsx": "utspridda över 1 048 576 rader och 26 kolumner",
    "forskola_delade_texter_count_4294967295.xlsx": "count=4 294 967 295",
    "forskola_sammanfogning_a20_xfd1048576_uppgifter.xlsx": "sammanfogade celler",
    "forskola_crc_fel_efter_4kb.xlsx": "skadad",
    "forskola_packfel_sent_i_delen.xlsx": "skadad",
    "forskola_dtd_efter_lang_kommentar.xlsx": "DTD",
    "forskola_bladdel_saknas.xlsx": "bladet 'Placeringar' saknas",
}
COMMANDS = {
    "validate": ("validate", "{file}"),
    "mark": ("validate", "--mark", "{file}"),
    "compute": ("compute", "forskola", "{file}", "--year", "2025"),
    "submit": ("submit", "{file}", "--out", "{out}"),
}


READ = ("forskola_cell_i_z300000_uppgifter.xlsx", "forskola_zipnamn_utanfor_mappen.xlsx")
"""Files that are read as usual (exit 0 or 1, never refused)."""


@pytest.fixture(scope="module")
def sandbox() -> Iterator[Sandbox]:
    with Sandbox() as box:
        yield box


def _run(sandbox: Sandbox, command: str, file: Path, out: Path) -> Outcome:
    argv = [a.format(file=file, out=out) for a in COMMANDS[command]]
    return sandbox.run(*argv)


def test_every_file_is_committed_and_registered() -> None:
    committed = {p.name for p in DATA.glob("*.xlsx")}
    assert set(CRASH_FILES) == committed
    assert set(REFUSED) <= set(CRASH_FILES)


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("name", list(CRASH_FILES))
def test_no_crash(sandbox: Sandbox, name: str, command: str, tmp_path: Path) -> None:
    file = shutil.copy(DATA / name, tmp_path / name)
    outcome = _run(sandbox, command, Path(file), tmp_path)
    assert outcome.problem is None, str(outcome)
    if name in REFUSED:
        assert outcome.code == 2, str(outcome)
        assert REFUSED[name] in outcome.stderr + outcome.stdout, str(outcome)
    if name in READ:
        assert outcome.code in (0, 1), str(outcome)


def test_marked_copy_drops_entries_outside_the_package(sandbox: Sandbox, tmp_path: Path) -> None:
    name = "forskola_zipnamn_utanfor_mappen.xlsx"
    file = Path(shutil.copy(DATA / name, tmp_path / name))
    outcome = _run(sandbox, "mark", file, tmp_path)
    assert outcome.problem is None, str(outcome)
    marked = tmp_path / "forskola_zipnamn_utanfor_mappen_kontrollerad.xlsx"
    with zipfile.ZipFile(marked) as zf:
        names = zf.namelist()
    assert "xl/workbook.xml" in names
    assert not [n for n in names if n.startswith("/") or ".." in n.split("/")], names


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


@pytest.mark.parametrize(
    "name", ["forskola_cell_i_xfd1048576.xlsx", "forskola_delade_texter_count_4294967295.xlsx"]
)
def test_installed_command_refuses_what_would_abort_the_reader(name: str, tmp_path: Path) -> None:
    """The console script itself, in a fresh process: the reader's abort would be a signal here."""
    exe = Path(sys.executable).with_name("kkik-xl")
    env = {**os.environ, "COLUMNS": "200"}
    done = subprocess.run(
        [str(exe), "validate", str(DATA / name)],
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=_limit_memory,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 2, (done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert REFUSED[name] in done.stderr
