"""The committed JSON schema is the one generated from the pydantic model (``make schemas``)."""

from __future__ import annotations

from pathlib import Path

from kkik_xl.submission.io import schema_text
from kkik_xl.submission.schema_file import SCHEMA_PATH, main

ROOT = Path(__file__).resolve().parents[1]


def test_committed_schema_is_current() -> None:
    committed = (ROOT / SCHEMA_PATH).read_text(encoding="utf-8")
    assert committed == schema_text(), "schemas/submission.schema.json är inaktuell: kör make schemas"


def test_make_schemas_writes_the_generated_schema(tmp_path: Path) -> None:
    path = main(tmp_path)
    assert path.read_text(encoding="utf-8") == schema_text()
    assert '"format_version"' in schema_text() and '"additionalProperties": false' in schema_text()
