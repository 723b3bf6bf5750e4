"""The code registry refuses duplicates and malformed codes, and renders Swedish messages."""

from __future__ import annotations

import pytest

from kkik_xl.codes import CODES, register
from kkik_xl.findings import Severity


def test_register_and_render() -> None:
    spec = register("KKIK-ZZ-999", Severity.ERROR, "Test", "Cellen {cell} innehåller {value!r}.")
    try:
        f = spec.finding(sheet="Blad", cell="C7", row=7, value="abc")
        assert f.message == "Cellen C7 innehåller 'abc'."
        assert (f.sheet, f.cell, f.row, f.value, f.severity) == ("Blad", "C7", 7, "abc", Severity.ERROR)
        with pytest.raises(ValueError, match="duplicate"):
            register("KKIK-ZZ-999", Severity.ERROR, "Test", "x")
    finally:
        del CODES["KKIK-ZZ-999"]


def test_malformed_code_is_refused() -> None:
    with pytest.raises(ValueError, match="invalid"):
        register("KKIK-1", Severity.INFO, "x", "x")
