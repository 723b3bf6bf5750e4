"""Printing to the terminal: user text is never markup and never carries control characters.

Every command prints through these functions. Text from a workbook, a file name or a submission (a
cell holding ``[/]`` or ``[link=…]``, an ``ESC`` sequence) is shown as the characters it is: rich
consoles here have markup, emoji codes and highlighting off, and every string passes through
:func:`kkik_xl.textsafe.printable`. Styling is only ever added with :func:`styled` pieces.
"""

from __future__ import annotations

from rich.console import Console, RenderableType
from rich.text import Text

from kkik_xl.textsafe import printable

Part = str | Text


def console(*, err: bool = False) -> Console:
    """A rich console that prints strings literally (no markup, emoji codes or highlighting)."""
    return Console(stderr=err, soft_wrap=True, markup=False, emoji=False, highlight=False)


def plain(text: object, style: str = "") -> Text:
    """``text`` as a rich Text without control characters (for table cells and lines)."""
    return Text(printable(text), style=style)


def styled(text: str, style: str) -> Text:
    """A piece of our own text with a rich style (``"bold red"``)."""
    return Text(text, style=style)


def line(*parts: Part) -> Text:
    """One line of pieces: strings are user text (cleaned), Text pieces are kept as they are."""
    return Text.assemble(*(p if isinstance(p, Text) else plain(p) for p in parts))


def say(*parts: Part, err: bool = False) -> None:
    """Print one line (stdout, or stderr with ``err``); plain text goes out as it is, without rich."""
    if all(isinstance(p, str) for p in parts):
        echo("".join(map(str, parts)), err=err)
    else:
        console(err=err).print(line(*parts))


def show(renderable: RenderableType, *, err: bool = False) -> None:
    """Print a rich renderable (a table whose cells are :func:`plain` texts)."""
    console(err=err).print(renderable)


def error(message: str) -> None:
    """``Fel: <message>`` on stderr, the label in bold red."""
    say(styled("Fel:", "bold red"), " ", message, err=True)


def echo(text: str, *, err: bool = False, nl: bool = True) -> None:
    """Print a long plain text (a report) without rich, control characters removed."""
    import typer

    typer.echo(printable(text), err=err, nl=nl)
