"""``kkik-xl doctor``: a Swedish checklist; Excel parts checked as on Windows with a temporary home."""

from __future__ import annotations

import shutil
from importlib import metadata
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.commands import doctor
from kkik_xl.xl import doctor_checks as dc
from kkik_xl.xl.addin import ADDIN_NAME, AddinSettings, build_addin
from kkik_xl.xl.installation import configure
from kkik_xl.xl.udfs import ALL_FUNCTIONS
from kkik_xl.xl.xlwings_config import user_config_path

runner = CliRunner()
ROOT = Path(__file__).resolve().parents[1]


def windows_home(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A user profile laid out as install.ps1 leaves it: venv, add-ins in XLSTART, button module."""
    home = tmp_path / "Användare"
    local = home / "AppData" / "Local"
    roaming = home / "AppData" / "Roaming"
    pythonw = local / "kkik-xl" / "venv" / "Scripts" / "pythonw.exe"
    pythonw.parent.mkdir(parents=True)
    pythonw.write_bytes(b"")
    (pythonw.parent.parent / f"xlwings64-{metadata.version('xlwings')}.dll").write_bytes(b"")
    xlstart = roaming / "Microsoft" / "Excel" / "XLSTART"
    xlstart.mkdir(parents=True)
    (xlstart / "xlwings.xlam").write_bytes(b"")
    settings = AddinSettings(
        r"%LOCALAPPDATA%\kkik-xl\venv\Scripts\pythonw.exe", r"%LOCALAPPDATA%\kkik-xl\knappar"
    )
    built = build_addin(settings, local / "kkik-xl" / "knappar")
    shutil.copyfile(built, xlstart / built.name)
    configure(user_config_path(home), r"%LOCALAPPDATA%\kkik-xl\venv\Scripts\pythonw.exe")
    return home, {"LOCALAPPDATA": str(local), "APPDATA": str(roaming), "USERPROFILE": str(home)}


def test_complete_windows_installation_passes(tmp_path: Path) -> None:
    home, env = windows_home(tmp_path)
    checks = doctor.run_checks(home, env, windows=True, templates=ROOT / "workbook_templates")
    required = [c for c in checks if c.status is not dc.Status.OPTIONAL_MISSING]
    assert all(c.status is dc.Status.OK for c in required), doctor.render(checks)


@pytest.mark.parametrize(
    ("damage", "expected"),
    [
        (lambda home, env: user_config_path(home).unlink(), "xlwings.conf saknas"),
        (
            lambda home, env: user_config_path(home).write_text('"UDF MODULES","x"\n', encoding="utf-8"),
            "INTERPRETER_WIN saknas",
        ),
        (
            lambda home, env: configure(user_config_path(home), r"%LOCALAPPDATA%\annan\pythonw.exe"),
            r"pekar på %LOCALAPPDATA%\annan\pythonw.exe, som inte finns",
        ),
        (
            lambda home, env: user_config_path(home).write_text(
                f'"INTERPRETER_WIN","{env["LOCALAPPDATA"]}/kkik-xl/venv/Scripts/pythonw.exe"\n'
                '"UDF MODULES","mina_udfs"\n',
                encoding="utf-8",
            ),
            "UDF MODULES i",
        ),
        (
            lambda home, env: next((Path(env["LOCALAPPDATA"]) / "kkik-xl/venv").glob("*.dll")).unlink(),
            "xlwings DLL (xlwings64-",
        ),
        (
            lambda home, env: (Path(env["APPDATA"]) / f"Microsoft/Excel/XLSTART/{ADDIN_NAME}.xlam").unlink(),
            f"{ADDIN_NAME}.xlam",
        ),
        (
            lambda home, env: (Path(env["LOCALAPPDATA"]) / f"kkik-xl/knappar/{ADDIN_NAME}.py").unlink(),
            rf"{ADDIN_NAME}.py saknas i %LOCALAPPDATA%\kkik-xl\knappar.",
        ),
    ],
    ids=[
        "no-config",
        "no-interpreter",
        "interpreter-gone",
        "udf-module-missing",
        "dll-missing",
        "addin-missing",
        "button-module-missing",
    ],
)
def test_each_missing_part_fails_with_a_swedish_fix(tmp_path: Path, damage: object, expected: str) -> None:
    home, env = windows_home(tmp_path)
    damage(home, env)  # type: ignore[operator]
    checks = doctor.run_checks(home, env, windows=True, templates=None)
    failed = [c for c in checks if c.status is dc.Status.FAIL]
    assert len(failed) == 1, doctor.render(checks)
    assert expected in failed[0].detail
    text = doctor.render(checks)
    assert f"✗ {failed[0].title} (fel)" in text
    assert r"Gör så här: Kör install\windows\install.ps1 igen" in text
    assert text.endswith("1 nödvändiga delar saknas eller är fel (se ovan).")


def test_excel_parts_are_not_applicable_off_windows(tmp_path: Path) -> None:
    checks = doctor.run_checks(tmp_path, {}, windows=False, templates=None)
    by_title = {c.title: c.status for c in checks}
    assert by_title["xlwings inställningar"] is dc.Status.NOT_APPLICABLE
    assert by_title["Excel-tillägg"] is dc.Status.NOT_APPLICABLE
    assert by_title["Mallar"] is dc.Status.NOT_APPLICABLE
    assert "– Excel-tillägg (ej tillämpligt)" in doctor.render(checks)


def test_missing_template_file_fails(tmp_path: Path) -> None:
    folder = tmp_path / "mallar"
    folder.mkdir()
    (folder / "forskola.xlsx").write_bytes(b"")
    check = dc.templates(folder)
    assert check.status is dc.Status.FAIL and "sarskilt-boende" in check.detail


def test_old_python_and_missing_distribution_fail() -> None:
    assert dc.python_version((3, 10, 4)).status is dc.Status.FAIL
    assert dc.python_version((3, 11, 0)).status is dc.Status.OK
    missing = dc.dependencies("kkik-xl-finns-inte")
    assert missing.status is dc.Status.FAIL and "inte installerat" in missing.detail


def test_plain_marks_when_the_console_cannot_show_symbols() -> None:
    checks = [dc.Check("Python 3.11.7", dc.Status.OK), dc.Check("Paket", dc.Status.FAIL, "x saknas", "gör y")]
    text = doctor.render(checks, doctor.PLAIN_MARKS)
    assert text.encode("cp1252") and "FEL Paket (fel)" in text and "OK  Python" in text


def test_cli_exit_code_follows_the_required_checks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(doctor.sys, "platform", "linux")
    ok = runner.invoke(app, ["doctor", "--mallar", str(ROOT / "workbook_templates")])
    assert ok.exit_code == 0, ok.output
    assert f"✓ Funktioner: {len(ALL_FUNCTIONS)} KKIK_-funktioner i kkik_xl.xl.udfs" in ok.output
    assert "Alla nödvändiga delar är på plats." in ok.output
    empty = tmp_path / "tom"
    empty.mkdir()
    bad = runner.invoke(app, ["doctor", "--mallar", str(empty)])
    assert bad.exit_code == 1 and "✗ Mallar (fel)" in bad.output
