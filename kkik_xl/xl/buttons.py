"""The KKiK ribbon button: choose Validera, Skapa inlämning or Signera for the active workbook.

The controller add-in (``kkik_knappar.xlam``, built by :mod:`kkik_xl.xl.addin`) has one ribbon button,
whose VBA runs ``import kkik_knappar; kkik_knappar.main()``; that module re-exports :func:`main`.
xlwings passes the *active* workbook as ``Book.caller()``, so the department's workbook itself stays a
plain ``.xlsx`` without macros. The choice is made in at most two Swedish message boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kkik_xl.xl import macros

Macro = Callable[[Any], None]

FIRST_QUESTION = (
    "Vad vill du göra med arbetsboken {name}?\n\n"
    "Ja: Validera (kontrollera och markera fynden)\n"
    "Nej: Skapa inlämning eller Signera\n"
    "Avbryt: ingenting"
)
SECOND_QUESTION = (
    "Arbetsboken {name}:\n\n"
    "Ja: Skapa inlämning (skriv inlämningsfilen bredvid arbetsboken)\n"
    "Nej: Signera inlämningsfilen\n"
    "Avbryt: ingenting"
)


def choose(book: Any) -> Macro | None:
    """Ask which action to run on ``book``; ``None`` when the user cancels."""
    ask = book.app.alert
    first = ask(FIRST_QUESTION.format(name=book.name), title=macros.TITLE, buttons="yes_no_cancel")
    if first == "yes":
        return macros.validera
    if first != "no":
        return None
    second = ask(SECOND_QUESTION.format(name=book.name), title=macros.TITLE, buttons="yes_no_cancel")
    chosen: dict[str, Macro] = {"yes": macros.skapa_inlamning, "no": macros.signera}
    return chosen.get(str(second))


def main(book: Any = None) -> None:
    """Entry point of the ribbon button: choose, then run the macro on the active workbook."""
    if book is None:
        import xlwings as xw

        book = xw.Book.caller()
    action = choose(book)
    if action is not None:
        action(book)
