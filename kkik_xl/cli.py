"""The ``kkik-xl`` command line. Swedish help; each subcommand lives in :mod:`kkik_xl.commands`."""

from __future__ import annotations

import typer
import typer.rich_utils as rich_utils

from kkik_xl import __version__

# Swedish headings in the rich help output.
rich_utils.OPTIONS_PANEL_TITLE = "Flaggor"
rich_utils.ARGUMENTS_PANEL_TITLE = "Argument"
rich_utils.COMMANDS_PANEL_TITLE = "Kommandon"

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
    Samordnare: kkik-xl merge, compare, export-kolada. IT: kkik-xl doctor.
    """


@app.command("version")
def version() -> None:
    """Visa versionen av kkik-xl.

    Exempel: kkik-xl version
    """
    typer.echo(f"kkik-xl {__version__}")


from kkik_xl.commands import compare, compute, synthetic, validate  # noqa: E402

compare.register(app)
__import__("kkik_xl.commands.merge").commands.merge.register(app)
__import__("kkik_xl.commands.preview").commands.preview.register(app)
compute.register(app)
synthetic.register(app)
__import__("kkik_xl.commands.template").commands.template.register(app)
validate.register(app)
__import__("kkik_xl.commands.submit").commands.submit.register(app)
__import__("kkik_xl.commands.sign").commands.sign.register(app)
__import__("kkik_xl.commands.verify").commands.verify.register(app)
__import__("kkik_xl.commands.export_kolada").commands.export_kolada.register(app)
__import__("kkik_xl.commands.keys").commands.keys.register(app)
__import__("kkik_xl.commands.doctor").commands.doctor.register(app)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()
