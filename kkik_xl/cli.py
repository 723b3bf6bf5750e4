"""The ``kkik-xl`` command line. Swedish help; each subcommand lives in :mod:`kkik_xl.commands`."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib import import_module
from typing import Any

import typer

from kkik_xl import __version__, cli_sv
from kkik_xl.atomic import WriteError
from kkik_xl.terminal import error

cli_sv.install()

app = typer.Typer(
    name="kkik-xl",
    help="KKiK-rapportering från Excel: mallar, beräkning, validering, inlämning och jämförelse.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.callback()
def _root() -> None:
    """KKiK-rapportering från Excel: mallar, beräkning, validering, inlämning och jämförelse.

    Inmatare: kkik-xl template. Kontrollant: kkik-xl validate, submit, sign, verify.
    Samordnare: kkik-xl merge, compare, export-kolada. IT: kkik-xl serve, doctor.
    """


def version() -> None:
    """Visa versionen av kkik-xl.

    Exempel: kkik-xl version
    """
    typer.echo(f"kkik-xl {__version__}")


# The top-level help lists the commands in panels by role, in the order a KKiK year runs.
ROLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Inmatare (förvaltningen)", ("template", "compute")),
    ("Kontrollant", ("validate", "submit", "sign", "verify")),
    ("Samordnare", ("merge", "compare", "preview", "export-kolada", "synthetic")),
    ("IT och nycklar", ("serve", "keys", "doctor", "version")),
)
MODULES = (
    "template", "compute", "validate", "submit", "sign", "verify", "merge", "compare", "preview",
    "export_kolada", "synthetic", "serve", "keys", "doctor",
)  # fmt: skip


def writes_cleanly(callback: Callable[..., Any]) -> Callable[..., Any]:
    """``callback`` with a file that cannot be written reported in Swedish, exit code 2 (no traceback)."""

    @functools.wraps(callback)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        try:
            return callback(*args, **kwargs)
        except WriteError as exc:
            error(exc.message)
            raise typer.Exit(2) from None

    return guarded


def _guard(typer_app: typer.Typer) -> None:
    """Wrap every command of ``typer_app`` and of its sub-apps in :func:`writes_cleanly`."""
    for command in typer_app.registered_commands:
        if command.callback is not None:
            command.callback = writes_cleanly(command.callback)
    for group in typer_app.registered_groups:
        if group.typer_instance is not None:
            _guard(group.typer_instance)


def _register(modules: tuple[str, ...]) -> None:
    for module in modules:
        import_module(f"kkik_xl.commands.{module}").register(app)
    app.command("version")(version)
    panel = {name: role for role, names in ROLES for name in names}
    for command in app.registered_commands:
        command.rich_help_panel = panel.get(command.name or "", "Övrigt")
    for group in app.registered_groups:
        group.rich_help_panel = panel.get(group.name or "", "Övrigt")
    _guard(app)


_register(MODULES)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
