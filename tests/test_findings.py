"""The Finding model: frozen, every field of the issue, Swedish message rendered from template + context."""

from __future__ import annotations

import pydantic
import pytest

from kkik_xl.codes import CODES
from kkik_xl.findings import SEVERITY_SV, Finding, Severity


def test_finding_has_the_fields_of_the_issue_and_is_frozen() -> None:
    f = Finding(
        code="KKIK-DA-001",
        severity=Severity.WARNING,
        message="Cell B7: …",
        sheet="Placeringar",
        cell="B7",
        row=7,
        column="Önskat placeringsdatum",
        value="2024-12-30",
        measure="U11401",
    )
    assert f.model_dump() == {
        "code": "KKIK-DA-001",
        "severity": Severity.WARNING,
        "message": "Cell B7: …",
        "sheet": "Placeringar",
        "cell": "B7",
        "row": 7,
        "column": "Önskat placeringsdatum",
        "value": "2024-12-30",
        "measure": "U11401",
        "justification": None,
        "anchor": None,
        "count": None,
    }
    with pytest.raises(pydantic.ValidationError):
        f.cell = "C7"  # type: ignore[misc]
    assert hash(f) == hash(f.model_copy())


def test_severity_is_one_of_three_with_swedish_names() -> None:
    assert [s.value for s in Severity] == ["error", "warning", "info"]
    assert SEVERITY_SV == {Severity.ERROR: "Fel", Severity.WARNING: "Varning", Severity.INFO: "Information"}
    with pytest.raises(pydantic.ValidationError):
        Finding(code="KKIK-VA-001", severity="fatal", message="x")  # type: ignore[arg-type]


def test_message_is_rendered_from_the_code_template_and_context() -> None:
    import kkik_xl.rules  # noqa: F401  (registers the rule codes)

    spec = CODES["KKIK-VA-003"]
    f = spec.finding(
        sheet="Ansökningar",
        cell="B9",
        row=9,
        column="Ålder vid ansökan",
        value=150,
        measure="U23401",
        low="0",
        high="120",
    )
    assert f.message == (
        "Cell B9 i kolumnen Ålder vid ansökan innehåller 150, men värdet ska ligga mellan 0 och 120."
    )
    assert (f.code, f.severity, f.value, f.measure) == ("KKIK-VA-003", Severity.ERROR, "150", "U23401")


def test_sort_key_orders_by_sheet_row_cell_code() -> None:
    a = Finding(code="KKIK-VA-001", severity=Severity.ERROR, message="", sheet="A", cell="B10", row=10)
    b = Finding(code="KKIK-DA-001", severity=Severity.WARNING, message="", sheet="A", cell="C2", row=2)
    c = Finding(code="KKIK-ST-003", severity=Severity.INFO, message="")
    assert sorted([a, b, c], key=Finding.sort_key) == [c, b, a]
