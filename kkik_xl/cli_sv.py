"""Swedish help and usage errors for the command line (typer and its vendored click are English only).

:func:`install` sets typer's help strings and wraps the few places that build English text: the usage
prefix, the ``--help`` option's help and the usage-error panel. Each patch is guarded, so a typer release
that moves these internals leaves English text (caught by ``tests/test_cli_help.py``), never a crash.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import typer.rich_utils as rich_utils

USAGE = "Användning: "
HELP_OPTION_TEXT = "Visa den här hjälpen och avsluta."
_USAGE_WORDS = (("[OPTIONS]", "[FLAGGOR]"), ("COMMAND [ARGS]...", "KOMMANDO [ARGUMENT]..."))
_RICH_TEXTS = {
    "OPTIONS_PANEL_TITLE": "Flaggor",
    "ARGUMENTS_PANEL_TITLE": "Argument",
    "COMMANDS_PANEL_TITLE": "Kommandon",
    "DEFAULT_STRING": "[standard: {}]",
    "REQUIRED_LONG_STRING": "[krävs]",
    "ENVVAR_STRING": "[miljövariabel: {}]",
    "DEPRECATED_STRING": "(utgår) ",
    "ERRORS_PANEL_TITLE": "Fel",
    "ABORTED_TEXT": "Avbrutet.",
    "RICH_HELP": "Skriv [blue]'{command_path} {help_option}'[/] för hjälp.",
}
_ERRORS: tuple[tuple[str, str], ...] = (
    (r"Missing argument '([^']+)'\.", r"Argumentet \1 saknas."),
    (r"Missing option '([^']+)'\.", r"Flaggan \1 saknas."),
    (r"Missing parameter: (\S+)", r"Värdet \1 saknas."),
    (r"No such option: (\S+)", r"Okänd flagga: \1"),
    (r"\(Possible options: ([^)]*)\)", r"(Möjliga flaggor: \1)"),
    (r"Did you mean ([^?]+)\?", r"Menade du \1?"),
    (r"No such command '([^']+)'\.", r"Okänt kommando '\1'."),
    (r"Missing command\.", "Kommando saknas."),
    (r"Got unexpected extra arguments? ?\(s\)? \(([^)]*)\)", r"Oväntade extra argument: \1"),
    (r"Option '([^']+)' requires an argument\.", r"Flaggan \1 kräver ett värde."),
    (r"Invalid value for ('[^']+'|[^:]+): ", r"Ogiltigt värde för \1: "),
    (r"Invalid value: ", "Ogiltigt värde: "),
    (r"Value error, ", ""),
    (r"Input should be a valid integer[^.]*", "värdet ska vara ett heltal"),
    (r"Input should be a valid number[^.]*", "värdet ska vara ett tal"),
    (r"Input should be less than or equal to (\S+)", r"värdet får vara högst \1"),
    (r"Input should be greater than or equal to (\S+)", r"värdet måste vara minst \1"),
    (r"('[^']*') is not one of (.+)\.", r"\1 är inte något av \2."),
    (r"(\w+) ('[^']*') does not exist\.", r"\1 \2 finns inte."),
    (r"^Path ", "Sökvägen "),
    (r"^File ", "Filen "),
    (r"^Directory ", "Mappen "),
)


def translate(message: str) -> str:
    """A click/typer usage-error message in Swedish (unknown parts are kept as they are)."""
    for pattern, replacement in _ERRORS:
        message = re.sub(pattern, replacement, message)
    return message


def _swedish_usage(write_usage: Callable[..., None]) -> Callable[..., None]:
    def wrapped(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        for english, swedish in _USAGE_WORDS:
            args = args.replace(english, swedish)
        write_usage(self, prog, args, USAGE if prefix is None else prefix)

    return wrapped


def _swedish_help_option(get_help_option: Callable[..., Any]) -> Callable[..., Any]:
    def wrapped(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    return wrapped


def _swedish_error(format_error: Callable[[Any], None]) -> Callable[[Any], None]:
    def wrapped(error: Any) -> None:
        english = error.format_message
        error.format_message = lambda: translate(english())
        format_error(error)

    return wrapped


def install() -> None:
    """Make typer's help and usage errors Swedish (idempotent)."""
    for name, text in _RICH_TEXTS.items():
        setattr(rich_utils, name, text)
    if getattr(rich_utils, "_kkik_sv", False):
        return
    try:
        from typer._click import core, formatting
    except ImportError:  # pragma: no cover - a typer without vendored click: English remains
        return
    formatting.HelpFormatter.write_usage = _swedish_usage(formatting.HelpFormatter.write_usage)  # type: ignore[method-assign]
    core.Command.get_help_option = _swedish_help_option(core.Command.get_help_option)  # type: ignore[method-assign]
    rich_utils.rich_format_error = _swedish_error(rich_utils.rich_format_error)  # type: ignore[assignment]
    rich_utils.highlighter.highlights.append(r"(?P<usage>Användning: )")
    rich_utils._kkik_sv = True  # type: ignore[attr-defined]
