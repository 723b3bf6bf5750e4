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


_TYPES = (
    (r"\blist\[Path\]", "sökvägar"),
    (r"\blist\[str\]", "texter"),
    (r"\blist\[[^\]]*\]", "lista"),
    (r"\b(?:int|float) range\b", lambda m: "heltal" if m[0].startswith("int") else "tal"),
    (r"\bpath\b", "sökväg"),
    (r"\bint\b", "heltal"),
    (r"\bfloat\b", "tal"),
    (r"\bstr\b", "text"),
    (r"\bdatetime\b", "datum"),
)
ARGUMENT_NAMES = {
    "file": "FIL",
    "files": "FILER",
    "paths": "SÖKVÄGAR",
    "values": "VÄRDEFILER",
    "template": "MALL",
    "workbook": "ARBETSBOK",
    "submission": "INLÄMNING",
}
"""Argument names (the Python parameter names) as the help and errors show them."""


def type_label(label: str) -> str:
    """``<int range>`` → ``<heltal>``, ``<path>`` → ``<sökväg>`` (choices are left as they are)."""
    for pattern, replacement in _TYPES:
        label = re.sub(pattern, replacement, label)
    return label


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


def _swedish_type(display_type: Callable[..., str]) -> Callable[..., str]:
    def wrapped(self: Any, ctx: Any) -> str:
        label = display_type(self, ctx)
        return label if self.type_descriptor.is_choice else type_label(label)

    return wrapped


def _no_flag_type(display_type_rich: Callable[..., str | None]) -> Callable[..., str | None]:
    def wrapped(self: Any, ctx: Any) -> str | None:
        return None if getattr(self, "is_bool_flag", False) else display_type_rich(self, ctx)

    return wrapped


def _swedish_argument_name(name: Any) -> property:
    def wrapped(self: Any) -> str:
        return str(ARGUMENT_NAMES.get(self.name, name.fget(self)) if self.metavar is None else self.metavar)

    return property(wrapped)


def _install_parameters() -> None:
    """Type labels and argument names in Swedish, no type shown for on/off flags."""
    from typer import core as typer_core

    param, option, argument = typer_core._TyperParameter, typer_core.TyperOption, typer_core.TyperArgument
    if hasattr(param, "display_type") and hasattr(option, "display_type_rich"):
        param.display_type = _swedish_type(param.display_type)  # type: ignore[method-assign]
        option.display_type_rich = _no_flag_type(option.display_type_rich)  # type: ignore[method-assign]
    if isinstance(getattr(param, "display_name_raw", None), property):
        argument.display_name_raw = _swedish_argument_name(param.display_name_raw)  # type: ignore[assignment]


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
    _install_parameters()
    rich_utils._kkik_sv = True  # type: ignore[attr-defined]
