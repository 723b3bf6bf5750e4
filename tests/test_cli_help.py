"""Every CLI command has Swedish help with an example, and the top-level help lists them all."""

from __future__ import annotations

import pytest
import typer
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.cli_sv import translate

runner = CliRunner()


def _commands() -> list[str]:
    group = typer.main.get_group(app)
    return sorted(group.commands)


def test_top_level_help_is_swedish_and_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "KKiK-rapportering" in result.output
    for name in _commands():
        assert name in result.output


def test_each_command_has_help_with_an_example() -> None:
    for name in _commands():
        result = runner.invoke(app, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Exempel" in result.output, f"{name}: help has no 'Exempel'"


ENGLISH = (
    "Usage",
    "Show this message",
    "[default",
    "[required]",
    "Options",
    "Arguments",
    "Commands",
    "Error",
    "<path>",
    "<str>",
    "<bool>",
    "<int",
    "<float",
    "{file}",
    "{files",
    "<list[",
    "Path]",
)


def _all_help_pages() -> list[tuple[str, str]]:
    pages = [("kkik-xl", runner.invoke(app, ["--help"]).output)]
    pages += [(name, runner.invoke(app, [name, "--help"]).output) for name in _commands()]
    return [*pages, ("keys create", runner.invoke(app, ["keys", "create", "--help"]).output)]


def test_help_pages_have_no_english_framework_text() -> None:
    for name, page in _all_help_pages():
        for word in ENGLISH:
            assert word not in page, f"{name}: {word!r} in help"
        assert "Användning: kkik-xl" in page, name


def test_every_command_is_listed_under_its_role() -> None:
    panels = {c.name: c.rich_help_panel for c in app.registered_commands}
    panels |= {g.name: g.rich_help_panel for g in app.registered_groups}
    assert set(panels) == set(_commands())
    assert "Övrigt" not in panels.values(), panels
    top = runner.invoke(app, ["--help"]).output
    assert top.index("Inmatare") < top.index("Kontrollant") < top.index("Samordnare")


@pytest.mark.parametrize(
    ("args", "swedish"),
    [
        (["validate"], "Argumentet FIL saknas."),
        (["validate", "x.xlsx", "--year", "abc"], "värdet ska vara ett heltal"),
        (["validate", "x.xlsx", "--year", "2500"], "värdet får vara högst 2100"),
        (["validate", "x.xlsx", "--report", "pdf"], "'pdf' är inte något av"),
        (["validate", "--yeer", "2"], "Okänd flagga: --yeer"),
        (["sign", "a.json", "--role", "kontrollerad"], "Flaggan --by saknas."),
        (["finns-inte"], "Okänt kommando 'finns-inte'."),
        (["validate", "a.xlsx", "b.xlsx"], "Oväntade extra argument: b.xlsx"),
        (["template", "forskola", "--year"], "Flaggan --year kräver ett värde."),
    ],
)
def test_usage_errors_are_swedish(args: list[str], swedish: str) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert swedish in " ".join(result.output.split()), result.output
    for word in ("Missing", "Invalid", "No such", "Got unexpected", "Error", "Try "):
        assert word not in result.output, result.output


def test_unknown_english_text_is_kept_rather_than_lost() -> None:
    assert translate("Something new happened") == "Something new happened"
    assert translate("Missing argument 'file'.") == "Argumentet file saknas."
