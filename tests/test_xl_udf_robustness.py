"""Whatever Excel passes, a KKIK_ worksheet function answers with a value or a Swedish sentence.

Complements ``test_xl_udfs.py`` (equality with the engines): random Excel-shaped arguments never raise
and never reach the "internal error" fallback, which is reserved for real bugs; the templates call each
function with the number of arguments it takes; importing the Excel layer needs neither Excel nor
pywin32.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_xl_templates_functions import TEMPLATES, resultat_formulas

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.xl import udfs
from kkik_xl.xl.measure_call import signature
from kkik_xl.xl.udfs import ALL_FUNCTIONS

CELL = st.one_of(
    st.none(),
    st.floats(allow_nan=False, allow_infinity=False),
    st.floats(min_value=30_000, max_value=50_000),  # date serials
    st.integers(-(10**12), 10**12).map(float),
    st.booleans(),
    st.datetimes(min_value=datetime(1899, 12, 30), max_value=datetime(2200, 1, 1)),
    st.sampled_from(["", " ", "2024-03-05", "1,5", "1.5", "Ja", "nej", "07:30", "5/3 2024", "121212-1212"]),
    st.text(max_size=12),
)
COLUMN = st.one_of(
    CELL, st.lists(CELL, max_size=8), st.lists(st.lists(CELL, min_size=1, max_size=3), max_size=5)
)


def _arity(func: Any) -> int:
    import inspect

    return len(inspect.signature(func).parameters)


@pytest.mark.parametrize("name", sorted(ALL_FUNCTIONS))
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_any_excel_input_gives_a_value_or_a_swedish_sentence(name: str, data: st.DataObject) -> None:
    func = ALL_FUNCTIONS[name]
    n = _arity(func)
    count = data.draw(st.sampled_from([n, n, n, max(0, n - 1)]), label="argument count")
    args = [data.draw(COLUMN, label=f"arg{i}") for i in range(count)]
    got = func(*args)
    assert isinstance(got, str | float | int | bool | date), (name, args, got)
    if isinstance(got, str) and name not in ("KKIK_HELGDAG", "KKIK_FARG"):
        assert got.strip(), (name, args)
    assert not (isinstance(got, str) and got.startswith("Internt fel")), (name, args, got)
    assert not (isinstance(got, str) and re.search(r"[^.]\.\.$", got)), (name, args, got)


def _top_level_args(call: str) -> list[str]:
    depth, current, args = 0, "", []
    for ch in call:
        if ch == "," and depth == 0:
            args.append(current)
            current = ""
            continue
        depth += (ch in "([") - (ch in ")]")
        current += ch
    return [*args, current]


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_templates_call_each_function_with_its_arguments(path: Path) -> None:
    for formula in resultat_formulas(path):
        for match in re.finditer(r"\b(KKIK_(U\d{5}))\(", formula):
            start, depth, end = match.end(), 1, match.end()
            while depth:
                depth += (formula[end] == "(") - (formula[end] == ")")
                end += 1
            args = _top_level_args(formula[start : end - 1])
            expected = [a for a, _, _ in signature(CATALOGUE.measure(match[2])).args]
            assert len(args) == len(expected), (match[1], args, expected)
            assert _arity(ALL_FUNCTIONS[match[1]]) == len(expected)


def test_helpers_with_more_excel_shapes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert udfs.KKIK_PERSONNUMMER(1212121212.0) is True  # typed without dash: Excel makes it a number
    assert udfs.KKIK_PERSONNUMMER(1212121213.0) is False
    assert udfs.KKIK_NASTA_VARDAG(datetime(2025, 12, 24, 13, 5)) == (
        "Datumet kan inte läsas: Hittade 2025-12-24 13:05, men här ska det vara ett datum utan klockslag."
    )
    assert udfs.KKIK_ARBETSDAGAR("2025-03-03", None) == "Slutdatumet saknas."
    assert udfs.KKIK_U11401([None], [None], None) == "Året saknas (KKIK_Ar på bladet Uppgifter)."
    assert (
        udfs.KKIK_U11401([None, None], [None, None], "2025")
        == "Inget värde: Det finns inga rader som ska räknas."
    )
    ref = tmp_path / "ref.csv"
    rows = [f"U11401;{c};2024;T;{v}" for c, v in (("0114", 10), ("0115", 20), ("0117", 30), ("0120", 40))]
    ref.write_text("kpi;kommunkod;år;kön;värde\n" + "\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("KKIK_REFERENSVARDEN", str(ref))
    assert udfs.KKIK_FARG("U11401", "45,5") == "grön"
    assert udfs.KKIK_FARG("U11401", "mycket") == (
        "Värdet kan inte läsas: Hittade 'mycket', som inte är ett tal (skriv till exempel 1234,5)."
    )


def test_importing_the_excel_layer_needs_no_excel() -> None:
    """No Excel and no pywin32 on import; xlwings itself only where a module needs it."""
    code = (
        "import sys, kkik_xl, kkik_xl.cli, kkik_xl.xl, kkik_xl.xl.macros, kkik_xl.xl.buttons, "
        "kkik_xl.xl.doctor_checks, kkik_xl.xl.installation\n"
        "assert 'xlwings' not in sys.modules, 'xlwings imported too early'\n"
        "import kkik_xl.xl.udfs\n"
        "bad = [m for m in ('win32com', 'pythoncom', 'pywintypes') if m in sys.modules]\n"
        "assert not bad, bad\n"
        "print(len(kkik_xl.xl.udfs.ALL_FUNCTIONS))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert int(done.stdout) == len(ALL_FUNCTIONS)
