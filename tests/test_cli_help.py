"""Every CLI command has Swedish help with an example, and the top-level help lists them all."""

from __future__ import annotations

import typer
from typer.testing import CliRunner

from kkik_xl.cli import app

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
