"""Load xlwings' real Windows UDF machinery (``xlwings.udfs``) on Linux, for tests.

``xlwings.udfs`` imports pywin32 at module level; the few names it touches at import time are
stubbed, nothing else. With it, ``xw.func``/``xw.arg`` are xlwings' real decorators (on Linux the
public ones are no-ops), so tests see the metadata and the VBA wrappers Excel would get.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import xlwings as xw


def _stub_pywin32() -> dict[str, types.ModuleType]:
    pythoncom = types.ModuleType("pythoncom")
    pythoncom.CoInitialize = lambda: None  # type: ignore[attr-defined]
    pywintypes = types.ModuleType("pywintypes")
    pywintypes.com_error = OSError  # type: ignore[attr-defined]
    client = types.ModuleType("win32com.client")
    client.Dispatch = lambda *a: None  # type: ignore[attr-defined]
    win32com = types.ModuleType("win32com")
    win32com.client = client  # type: ignore[attr-defined]
    return {"pythoncom": pythoncom, "pywintypes": pywintypes, "win32com": win32com, "win32com.client": client}


@contextmanager
def real_udf_decorators() -> Iterator[tuple[Any, Any]]:
    """Yield ``(xlwings.udfs, kkik_xl.xl.udfs)`` decorated by xlwings' real ``xlfunc``/``xlarg``."""
    saved_modules = {k: sys.modules.get(k) for k in (*_stub_pywin32(), "xlwings.udfs")}
    saved = (xw.func, xw.arg)
    sys.modules.update(_stub_pywin32())
    try:
        xl_udfs = importlib.import_module("xlwings.udfs")
        xw.func, xw.arg = xl_udfs.xlfunc, xl_udfs.xlarg
        ours = importlib.reload(importlib.import_module("kkik_xl.xl.udfs"))
        yield xl_udfs, ours
    finally:
        xw.func, xw.arg = saved
        for name, module in saved_modules.items():
            if module is None:
                sys.modules.pop(name, None)
            else:
                sys.modules[name] = module
        importlib.reload(importlib.import_module("kkik_xl.xl.udfs"))
