"""Text that reaches a terminal, a CSV cell or a submission (issue 17 §3): ``kkik_xl/textsafe.py``."""

from __future__ import annotations

import contextlib
import csv
import io
import unicodedata

import polars as pl
from hypothesis import given
from hypothesis import strategies as st

from kkik_xl.terminal import error
from kkik_xl.textsafe import csv_cell, frame_csv, has_unsafe, printable, rows_csv, strip_unsafe

ESC = "\x1b"
HOSTILE = [
    f"{ESC}[2J",  # clear screen
    f"{ESC}]8;;https://example.invalid/{ESC}\\länk{ESC}]8;;{ESC}\\",  # OSC 8 hyperlink
    f"{ESC}]0;titel\x07",  # window title + bell
    "\x9b31m",  # C1 CSI
    "\u202eLRO\u202c",  # right-to-left override
    "\u2067isolate\u2069",
    "NUL\x00",
]


def test_printable_removes_every_escape_and_direction_control() -> None:
    for text in HOSTILE:
        shown = printable(text)
        assert not any(unicodedata.category(ch) == "Cc" for ch in shown), repr(shown)
        assert not any(unicodedata.bidirectional(ch) in ("RLO", "LRO", "RLE", "LRE", "PDF", "RLI", "LRI",
                                                         "FSI", "PDI") for ch in shown)  # fmt: skip


def test_printable_keeps_newlines_tabs_and_swedish_text() -> None:
    assert printable("Åtgärda\tför\nskolan – 87,5 %") == "Åtgärda\tför\nskolan – 87,5 %"


@given(st.text())
def test_printable_never_leaves_a_control_character(text: str) -> None:
    shown = printable(text)
    assert all(ch in "\n\t" or unicodedata.category(ch) not in ("Cc", "Cs") for ch in shown)
    shown.encode("utf-8")  # no lone surrogate: printing can never raise UnicodeEncodeError


@given(st.text())
def test_stripped_text_is_never_unsafe(text: str) -> None:
    assert not has_unsafe(strip_unsafe(text))


def test_formula_like_cells_are_neutralised_and_numbers_kept() -> None:
    assert csv_cell("=HYPERLINK(A1).kkik.json") == "'=HYPERLINK(A1).kkik.json"
    assert csv_cell("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("\t=1+1") == "'\t=1+1"
    assert csv_cell("\r=1+1") == "'\r=1+1"
    assert csv_cell("-2+3") == "'-2+3"
    for number in ("-1,5", "-12.25", "+3", "-4e5", "-0,5 %", -1.5, -3):
        assert csv_cell(number) == number
    assert csv_cell("Solen") == "Solen"


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_a_frame_is_written_with_text_cells_neutralised_and_numbers_as_numbers() -> None:
    frame = pl.DataFrame({"fil": ["=HYPERLINK(A1).kkik.json", "a.kkik.json"], "värde": [-1.5, 2.0]})
    rows = _cells(frame_csv(frame))
    assert rows == [["fil", "värde"], ["'=HYPERLINK(A1).kkik.json", "-1.5"], ["a.kkik.json", "2.0"]]


@given(st.lists(st.text(), min_size=1, max_size=5))
def test_no_csv_cell_starts_a_formula(texts: list[str]) -> None:
    for text in (frame_csv(pl.DataFrame({"t": texts})), rows_csv(["t"], [[t] for t in texts])):
        for row in _cells(text)[1:]:
            for cell in row:
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")) or csv_cell(cell) == cell


PIECES = st.sampled_from(
    ["[", "]", "[/]", "[link=https://x.invalid]", "[bold]", ":smile:", "\x1b", "\x9b", "\n"]
)


@given(st.lists(PIECES | st.text(st.characters(exclude_characters="\t"), max_size=3)).map("".join))
def test_an_error_line_prints_any_text_literally(text: str) -> None:
    """Markup, emoji codes and escapes in user text: printed as characters, never interpreted.

    (rich expands a tab to spaces, so tabs are left out of the comparison.)
    """
    stream = io.StringIO()
    with contextlib.redirect_stderr(stream):
        error(text)
    assert stream.getvalue() == f"Fel: {printable(text)}\n"
