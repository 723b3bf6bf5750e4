"""Issue 17: a personnummer placed in any text-carrying part of the package is found, said where, masked.

One parametrised sweep over every part in ``tests/data/personal_data_parts.py``: the workbook is built
from a clean filled template with the test number 19121212-1212 put in that one place, then validated
through the CLI as a user would (``validate --report json``).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kkik_xl.cli import app

DATA = Path(__file__).parent / "data"
sys.path.insert(0, str(DATA))

from personal_data_parts import PARTS, PNR, base, read_parts, write_parts  # noqa: E402

runner = CliRunner()


@pytest.fixture(scope="module")
def clean(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return base(tmp_path_factory.mktemp("bas"))


def _personal_data(path: Path) -> list[dict[str, str]]:
    result = runner.invoke(app, ["validate", str(path), "--report", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert PNR not in result.output and "121212-1212" not in result.output
    findings = json.loads(result.output)["findings"]
    return [f for f in findings if f["code"].startswith("KKIK-PN-0") and f["code"] != "KKIK-PN-002"]


def test_the_clean_workbook_has_no_personal_data(clean: Path) -> None:
    assert _personal_data(clean) == []


@pytest.mark.parametrize("part", sorted(PARTS))
def test_a_personnummer_in_any_part_is_found_and_masked(clean: Path, tmp_path: Path, part: str) -> None:
    edit, place = PARTS[part]
    path = write_parts(edit(read_parts(clean)), tmp_path / f"forskola_personnummer_{part}.xlsx")
    found = _personal_data(path)
    assert found and {f["code"] for f in found} == {"KKIK-PN-010"}, found
    here = [f for f in found if f["message"].startswith(place)]
    assert here, found
    assert "******-****" in here[0]["message"] and here[0]["severity"] == "error", here


def test_a_damaged_part_is_skipped_and_the_others_still_scanned(clean: Path, tmp_path: Path) -> None:
    edit, place = PARTS["bladnamn"]
    parts = edit(read_parts(clean))
    parts["xl/charts/chart9.xml"] = b'<c:chartSpace xmlns:c="urn:x"><c:title>Tolvan 1912'  # truncated
    parts["xl/embeddings/trasig.docx"] = b"PK\x03\x04 inte en zip"
    found = _personal_data(write_parts(parts, tmp_path / "forskola_trasig_del.xlsx"))
    assert any(f["message"].startswith(place) for f in found), found
