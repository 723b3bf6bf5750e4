"""install/windows/*.ps1: parse, agree with the Python side and with xlwings, and undo each other.

PowerShell is not available on Linux CI, so the scripts are parsed with the tree-sitter PowerShell
grammar (and with the real PowerShell parser where ``pwsh`` exists). The steps with logic (xlwings
configuration, the add-in) live in :mod:`kkik_xl.xl.installation` and are run here for real.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import tree_sitter
import tree_sitter_powershell
import xlwings
import xlwings.cli

from kkik_xl.xl import installation, udfs
from kkik_xl.xl.addin import ADDIN_NAME
from kkik_xl.xl.xlwings_config import (
    INTERPRETER_KEY,
    UDF_MODULE,
    UDF_MODULES_KEY,
    read_config,
    user_config_path,
)

ROOT = Path(__file__).resolve().parents[1]
INSTALL = ROOT / "install" / "windows" / "install.ps1"
UNINSTALL = ROOT / "install" / "windows" / "uninstall.ps1"
SCRIPTS = [INSTALL, UNINSTALL]
PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))
SHARED = ("UdfModul", "TillaggNamn", "Venv", "Knappar", "Manifest", "XlStart", "VenvPython")
DEFAULT_INTERPRETER = r"%LOCALAPPDATA%\kkik-xl\venv\Scripts\pythonw.exe"


def text(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig")


def syntax_errors(source: bytes) -> list[str]:
    found: list[str] = []
    stack = [PARSER.parse(source).root_node]
    while stack:
        node = stack.pop()
        if node.type == "ERROR" or node.is_missing:
            found.append(f"line {node.start_point[0] + 1}: {node.text[:60]!r}")
        stack.extend(node.children)
    return found


def constants(path: Path) -> dict[str, str]:
    """Top-level ``$Name = value`` lines."""
    return dict(re.findall(r"^\$(\w+) = (.+)$", text(path), flags=re.M))


def steps(path: Path) -> set[str]:
    """The kkik_xl.xl.installation steps a script runs."""
    return set(re.findall(r"kkik_xl\.xl\.installation'?,? '?(\w+)", text(path)))


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_parses_and_is_saved_for_windows_powershell(script: Path) -> None:
    raw = script.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), (
        "Windows PowerShell 5.1 reads a file without BOM as ANSI (å, ä, ö)"
    )
    assert syntax_errors(raw) == []


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_python_code_passed_to_python_has_no_double_quotes(script: Path) -> None:
    """Windows PowerShell 5.1 drops embedded double quotes from arguments to native programs."""
    snippets = re.findall(r"-c '([^']*)'", text(script))
    assert all('"' not in code for code in snippets)
    assert len(snippets) == (2 if script == INSTALL else 0)


def test_the_syntax_check_itself_finds_errors() -> None:
    broken = text(INSTALL).replace("function HittaPython {", "function HittaPython ", 1)
    assert syntax_errors(broken.encode()) != []


@pytest.mark.skipif(shutil.which("pwsh") is None, reason="pwsh (PowerShell 7) is not installed")
@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_real_powershell_parser_accepts_the_script(script: Path) -> None:
    command = (
        "$e = $null; [void][System.Management.Automation.Language.Parser]::ParseFile("
        f"'{script}', [ref]$null, [ref]$e); $e | ForEach-Object {{ $_.ToString() }}; exit $e.Count"
    )
    done = subprocess.run(["pwsh", "-NoProfile", "-Command", command], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_scripts_agree_on_locations_and_names() -> None:
    ours, theirs = constants(INSTALL), constants(UNINSTALL)
    for name in SHARED:
        assert ours[name] == theirs[name], name
    assert ours["UdfModul"] == f"'{UDF_MODULE}'" and udfs.__name__ == UDF_MODULE
    assert udfs.ALL_FUNCTIONS and all(n.startswith("KKIK_") for n in udfs.ALL_FUNCTIONS)
    assert ours["TillaggNamn"] == f"'{ADDIN_NAME}'"
    assert ours["VenvPythonw"] == "Join-Path $Venv 'Scripts\\pythonw.exe'"
    assert f"$interpreter = '{DEFAULT_INTERPRETER}'" in text(UNINSTALL)
    assert "(Join-Path $env:LOCALAPPDATA 'kkik-xl')" in text(INSTALL)
    assert (INSTALL.parent / ".." / ".." / "pyproject.toml").is_file(), "-Kalla defaults to this checkout"


def test_uninstall_removes_what_install_creates() -> None:
    install, uninstall = text(INSTALL), text(UNINSTALL)
    assert "'-m', 'venv', $Venv" in install and "'--ut', $Knappar" in install
    assert "Set-Content -Encoding UTF8 -Path $Manifest" in install
    assert "foreach ($del in @($Venv, $Knappar, $Manifest))" in uninstall
    assert "addin', 'install', '--file', (Join-Path $Knappar \"$TillaggNamn.xlam\")" in install
    assert (
        'Remove-Item -Force -ErrorAction SilentlyContinue (Join-Path $XlStart "$TillaggNamn.xlam")'
        in uninstall
    )
    assert "Kor 'xlwings addin install' $xlwings @('addin', 'install')" in install
    assert "(Join-Path $XlStart 'xlwings.xlam')" in uninstall
    written = set(re.findall(r"^\s{4}(\w+) = ", install.split("[ordered]@{")[1].split("}")[0], re.M))
    read = set(re.findall(r"\$anteckning\.(\w+)", uninstall))
    assert read and read <= written
    assert steps(INSTALL) == {"tillagg", "konfigurera"} and steps(UNINSTALL) == {"avkonfigurera"}


def test_every_step_the_scripts_run_exists(tmp_path: Path) -> None:
    parser = installation._parser()
    known = set(parser._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    assert steps(INSTALL) | steps(UNINSTALL) <= known
    assert (
        installation.main(["tillagg", "--ut", str(tmp_path), "--interpreter", "x", "--pythonpath", "y"]) == 0
    )
    assert (tmp_path / f"{ADDIN_NAME}.xlam").is_file() and (tmp_path / f"{ADDIN_NAME}.py").is_file()


def test_config_keys_and_file_are_the_ones_xlwings_reads() -> None:
    vba = (Path(xlwings.__file__).parent / "xlwings.bas").read_text(encoding="utf-8", errors="replace")
    for key in (INTERPRETER_KEY, UDF_MODULES_KEY):
        assert f'GetConfig("{key}"' in vba, key
    assert 'PROJECT_NAME As String = "xlwings"' in vba
    assert 'Environ("USERPROFILE") & "\\." & PROJECT_NAME & "\\" & PROJECT_NAME & ".conf"' in vba
    assert Path(xlwings.USER_CONFIG_FILE) == user_config_path()


def test_config_file_is_written_as_xlwings_writes_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    theirs = tmp_path / "theirs" / "xlwings.conf"
    monkeypatch.setattr(xlwings, "USER_CONFIG_FILE", str(theirs))
    xlwings.cli.update_user_config(INTERPRETER_KEY, DEFAULT_INTERPRETER)
    xlwings.cli.update_user_config(UDF_MODULES_KEY, UDF_MODULE)
    ours = tmp_path / "ours" / "xlwings.conf"
    installation.configure(ours, DEFAULT_INTERPRETER)
    assert ours.read_text(encoding="utf-8") == theirs.read_text(encoding="utf-8")


def test_configure_then_unconfigure_restores_other_settings(tmp_path: Path) -> None:
    path = user_config_path(tmp_path)
    path.parent.mkdir()
    before = '"SHOW CONSOLE","True"\n"UDF MODULES","mina_udfs"\n"INTERPRETER_WIN","C:\\Python\\pythonw.exe"\n'
    path.write_text(before, encoding="utf-8")
    lines = installation.configure(path, DEFAULT_INTERPRETER)
    assert lines[0] == "Tidigare Python för xlwings (C:\\Python\\pythonw.exe) ersätts."
    assert read_config(path) == {
        "SHOW CONSOLE": "True",
        INTERPRETER_KEY: DEFAULT_INTERPRETER,
        UDF_MODULES_KEY: f"mina_udfs;{UDF_MODULE}",
    }
    installation.configure(path, DEFAULT_INTERPRETER)  # idempotent
    assert read_config(path)[UDF_MODULES_KEY] == f"mina_udfs;{UDF_MODULE}"
    installation.unconfigure(path, DEFAULT_INTERPRETER)
    assert read_config(path) == {"SHOW CONSOLE": "True", UDF_MODULES_KEY: "mina_udfs"}


def test_unconfigure_keeps_an_interpreter_someone_changed(tmp_path: Path) -> None:
    path = user_config_path(tmp_path)
    installation.configure(path, DEFAULT_INTERPRETER)
    path.write_text(path.read_text(encoding="utf-8").replace(DEFAULT_INTERPRETER, "D:\\annan.exe"), "utf-8")
    assert installation.unconfigure(path, DEFAULT_INTERPRETER) == [
        f"{INTERPRETER_KEY} i {path} pekar på en annan Python och lämnas kvar."
    ]
    assert read_config(path) == {INTERPRETER_KEY: "D:\\annan.exe"}


def test_unconfigure_of_only_our_settings_removes_file_and_folder(tmp_path: Path) -> None:
    path = user_config_path(tmp_path)
    installation.configure(path, DEFAULT_INTERPRETER)
    installation.unconfigure(path, DEFAULT_INTERPRETER)
    assert not path.parent.exists()


def _step(*args: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kkik_xl.xl.installation", *args]
    return subprocess.run(command, capture_output=True, text=True)


def test_steps_run_as_the_scripts_run_them(tmp_path: Path) -> None:
    config = tmp_path / ".xlwings" / "xlwings.conf"
    done = _step("konfigurera", "--interpreter", DEFAULT_INTERPRETER, "--konfigfil", str(config))
    assert done.returncode == 0 and done.stdout == f"xlwings inställningar skrivna i {config}.\n"
    done = _step("avkonfigurera", "--interpreter", DEFAULT_INTERPRETER, "--konfigfil", str(config))
    assert done.returncode == 0 and not config.exists()
    blocked = tmp_path / "fil"
    blocked.write_text("", encoding="utf-8")
    failed = _step("tillagg", "--ut", str(blocked / "knappar"), "--interpreter", "x", "--pythonpath", "y")
    assert failed.returncode == 1 and failed.stderr.startswith("Fel: ") and "Traceback" not in failed.stderr


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_script_refuses_while_excel_runs_before_changing_anything(script: Path) -> None:
    body = text(script)
    check = body.index("if (Get-Process EXCEL")
    changes = [m.start() for m in re.finditer(r"^\s*(Kor |Remove-Item|New-Item|& \$(?!Program))", body, re.M)]
    assert changes and check < min(changes)
