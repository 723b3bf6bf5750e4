"""The ``kkik-xl`` command line. Swedish help; each subcommand lives in :mod:`kkik_xl.commands`."""

from __future__ import annotations

import typer

from kkik_xl import __version__

app = typer.Typer(
    name="kkik-xl",
    help="KKiK-rapportering från Excel: mallar, beräkning, validering, inlämning och jämförelse.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)


@app.command("version")
def version() -> None:
    """Visa versionen av kkik-xl."""
    typer.echo(f"kkik-xl {__version__}")


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
