"""Type cells into a workbook in a real LibreOffice through UNO, recalculate and save it as .xlsx.

Run by the system Python that has LibreOffice's ``uno`` module (Debian: python3-uno), not by the
project's virtual environment:

    /usr/bin/python3 tests/libreoffice_typing.py job.json

``job.json``: a list of ``{"source": path, "target": path, "cells": [[sheet, "A2", value], ...]}``,
all typed in one LibreOffice process. A text value goes through ``XCell.setFormula``, which parses it
as LibreOffice's input line does (``2025-03-05`` becomes a date, ``08:30:00`` a time): what a user
typing gets; a number is set as the number typed (``setValue``, free of the locale's decimal sign).
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _prop(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _connect(port: int, deadline: float) -> object:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    url = f"uno:socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
    while True:
        try:
            return resolver.resolve(url)
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def _type(doc: object, cells: list[list[str]]) -> None:
    sheets = doc.getSheets()  # type: ignore[attr-defined]
    for sheet, address, value in cells:
        cell = sheets.getByName(sheet).getCellRangeByName(address)
        if isinstance(value, int | float):
            cell.setValue(value)
        else:
            cell.setFormula(value)
    doc.calculateAll()  # type: ignore[attr-defined]


def run(jobs: list[dict[str, object]], port: int = 2083) -> None:
    """Per job: open ``source`` hidden, type ``cells``, recalculate, store as .xlsx at ``target``."""
    with tempfile.TemporaryDirectory(prefix="kkik-uno-") as profile:
        accept = f"socket,host=127.0.0.1,port={port};urp;StarOffice.ComponentContext"
        office = subprocess.Popen(
            ["soffice", f"-env:UserInstallation={Path(profile).as_uri()}", "--headless", "--invisible",
             "--norestore", "--nologo", f"--accept={accept}"],
        )  # fmt: skip
        try:
            ctx = _connect(port, time.monotonic() + 60)
            smgr = ctx.ServiceManager  # type: ignore[attr-defined]
            desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
            for job in jobs:
                source = Path(str(job["source"])).resolve().as_uri()
                doc = desktop.loadComponentFromURL(source, "_blank", 0, (_prop("Hidden", True),))
                _type(doc, job["cells"])  # type: ignore[arg-type]
                target = Path(str(job["target"])).resolve().as_uri()
                doc.storeToURL(target, (_prop("FilterName", "Calc MS Excel 2007 XML"),))
                doc.close(True)
        finally:
            office.terminate()
            office.wait(timeout=30)


if __name__ == "__main__":
    run(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
