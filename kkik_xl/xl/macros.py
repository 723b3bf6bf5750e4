"""Macros for Excel buttons (xlwings ``RunPython``): Validera, Skapa inlämning, Signera.

Each works on ``xw.Book.caller()`` (the active workbook when called from the KKiK add-in), saves it,
runs the same code as the CLI on the saved file, and reports in a Swedish message box. User errors
are shown as information; crashes as a short message, with the traceback written to a log file
beside the workbook. Called from VBA as::

    RunPython "import kkik_xl.xl.macros as m; m.validera()"
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from kkik_xl.atomic import WriteError
from kkik_xl.personnummer import mask_text
from kkik_xl.xl.refusal import Refusal

TITLE = "KKiK"
LOG_SUFFIX = "_kkik-fel.log"
Action = Callable[[Any], str]


def book_path(book: Any) -> Path:
    """The workbook's file; refuses a workbook that has never been saved as .xlsx/.xlsm."""
    path = Path(str(book.fullname))
    if not path.is_absolute() or path.suffix.lower() not in (".xlsx", ".xlsm"):
        raise Refusal(
            "Spara arbetsboken som en Excel-fil (.xlsx eller .xlsm) på datorn eller en nätverksenhet "
            "först och försök sedan igen."
        )
    return path


def saved_path(book: Any) -> Path:
    """Save the workbook and return its path (see :func:`book_path`)."""
    path = book_path(book)
    book.save()
    return path


def log_path(book: Any) -> Path:
    """Where a crash is logged: ``<arbetsbok>_kkik-fel.log`` beside the workbook (else the home folder)."""
    path = Path(str(book.fullname))
    if path.is_absolute() and path.parent.is_dir():
        return path.with_name(path.stem + LOG_SUFFIX)
    return Path.home() / f"kkik{LOG_SUFFIX}"


def write_log(book: Any, what: str) -> Path:
    """Append the current exception's traceback (any personnummer masked) to the log file; its path."""
    target = log_path(book)
    stamp = datetime.now().isoformat(timespec="seconds")
    with target.open("a", encoding="utf-8") as log:
        log.write(f"--- {stamp} {what}\n{mask_text(traceback.format_exc())}\n")
    return target


def run(what: str, action: Action, book: Any = None) -> None:
    """Run ``action(book)`` and show its Swedish message; refusals and crashes become message boxes."""
    if book is None:
        import xlwings as xw

        book = xw.Book.caller()
    title = f"{TITLE} – {what}"
    try:
        message = action(book)
    except Refusal as refusal:
        book.app.alert(refusal.reason, title=title, mode="info")
    except WriteError as failed:  # a file open in Excel, a read-only folder, a full disk
        book.app.alert(failed.message, title=title, mode="critical")
    except Exception:
        try:
            where = f"Felet är sparat i {write_log(book, what)}."
        except OSError:
            where = "Felet kunde inte sparas i en loggfil."
        book.app.alert(
            f"Något gick fel i {what}. {where} Skicka filen till den som ansvarar för kkik-xl.",
            title=title,
            mode="critical",
        )
    else:
        book.app.alert(message, title=title, mode="info")


def _validera(book: Any) -> str:
    from kkik_xl.xl.validation_adapter import validate_and_mark

    book_path(book)
    return validate_and_mark(book, lambda: saved_path(book))


def _skapa_inlamning(book: Any) -> str:
    from kkik_xl.xl import submission_adapter

    return submission_adapter.create(saved_path(book))


def _signera(book: Any) -> str:
    from kkik_xl.xl import submission_adapter

    def ask(question: str) -> bool:
        return str(book.app.alert(question, title=f"{TITLE} – Signera", buttons="yes_no")) == "yes"

    return submission_adapter.sign_latest(saved_path(book), ask)


def validera(book: Any = None) -> None:
    """Knappen Validera: kontrollera arbetsboken och markera fynden i den."""
    run("Validera", _validera, book)


def skapa_inlamning(book: Any = None) -> None:
    """Knappen Skapa inlämning: skriv inlämningsfilen bredvid arbetsboken."""
    run("Skapa inlämning", _skapa_inlamning, book)


def signera(book: Any = None) -> None:
    """Knappen Signera: signera inlämningsfilen bredvid arbetsboken."""
    run("Signera", _signera, book)
