"""``make schemas``: write ``schemas/submission.schema.json`` from the pydantic model."""

from __future__ import annotations

import sys
from pathlib import Path

from kkik_xl.atomic import write_text
from kkik_xl.submission.io import schema_text

SCHEMA_PATH = Path("schemas") / "submission.schema.json"


def main(root: Path | None = None) -> Path:
    """Write the schema under ``root`` (default: the current folder) and return its path."""
    path = (root or Path.cwd()) / SCHEMA_PATH
    return write_text(path, schema_text())


if __name__ == "__main__":
    sys.stdout.write(f"Skrev {main()}\n")
