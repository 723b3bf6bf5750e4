"""Text that is safe to print, to put in a CSV cell and to store in a submission.

Text from a workbook, a file name or a submission file is the user's (or an attacker's). Before it
reaches a terminal, every control character is removed: an ``ESC`` (also decoded from Excel's
``_x001B_``) would let the text clear the screen, retitle the window or fake a link (OSC 8); C1 codes
(``U+009B`` is a one-character CSI) likewise; bidirectional overrides and isolates reorder what is shown;
a lone surrogate cannot be encoded. ``\\n`` and ``\\t`` are kept.

A CSV cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel
and LibreOffice (CSV injection): :func:`csv_cell` prefixes it with an apostrophe, unless the whole cell
is a number (``-1,5`` stays a number). Every CSV the project writes goes through :func:`frame_csv` or
:func:`rows_csv`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from typing import Any

import polars as pl

BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
"""Arabic letter mark, LRM, RLM, the embeddings and overrides (LRE … RLO) and the isolates (LRI … PDI)."""

_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
"""C0 controls except tab and newline, DEL, C1 controls, bidirectional controls, lone surrogates."""
_UNSAFE_STORED = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{BIDI_CONTROLS}\ud800-\udfff]")
"""As :data:`_UNSAFE`, but a carriage return (Windows line ends in a note) is tolerated in a stored text."""

CSV_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d[\d\u00a0 ]*)?(?:[.,]\d+)?(?:[eE][+-]?\d+)?(?:[\u00a0 ]?%)?")


def printable(text: object) -> str:
    """``text`` without control, bidirectional-control and surrogate characters (``\\n``/``\\t`` kept)."""
    return _UNSAFE.sub("", str(text))


def has_unsafe(text: str) -> bool:
    """True when ``text`` holds a character that :func:`strip_unsafe` would remove."""
    return _UNSAFE_STORED.search(text) is not None


def strip_unsafe(text: str) -> str:
    """``text`` as stored in a submission: control and bidirectional-control characters removed."""
    return _UNSAFE_STORED.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def _is_number(text: str) -> bool:
    return any(ch.isdigit() for ch in text) and _NUMBER.fullmatch(text) is not None


def csv_cell(value: Any) -> Any:
    """A text cell a spreadsheet would read as a formula, with a leading apostrophe; others unchanged."""
    if isinstance(value, str) and value.startswith(CSV_TRIGGERS) and not _is_number(value):
        return "'" + value
    return value


def neutralise(frame: pl.DataFrame) -> pl.DataFrame:
    """``frame`` with :func:`csv_cell` applied to every text column (numbers stay numbers)."""
    text = [name for name, dtype in frame.schema.items() if dtype == pl.String]
    return frame.with_columns(_neutralised(pl.col(name)).alias(name) for name in text) if text else frame


def _neutralised(col: pl.Expr) -> pl.Expr:
    trigger = col.str.contains(r"^[=+\-@\t\r]")
    number = col.str.contains(r"\d") & col.str.contains(f"^(?:{_NUMBER.pattern})$")
    return pl.when(trigger & ~number).then(pl.lit("'") + col).otherwise(col)


def frame_csv(frame: pl.DataFrame, separator: str = ";") -> str:
    """The CSV text of ``frame`` (header row first) with formula-like text cells neutralised."""
    return neutralise(frame).write_csv(separator=separator)


def rows_csv(header: Iterable[Any], rows: Iterable[Iterable[Any]], separator: str = ";") -> str:
    """CSV text (CRLF line ends, as Excel writes) of ``header`` and ``rows`` with text cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow([csv_cell(v) for v in header])
    writer.writerows([csv_cell(v) for v in row] for row in rows)
    return buffer.getvalue()
