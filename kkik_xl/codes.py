"""Registry of stable finding codes (``KKIK-XX-000``) with severity and Swedish message templates.

Reader codes and rule codes live here together so that one test can check that each code is
documented in ``docs/regler.md``. Modules register their codes at import time with :func:`register`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kkik_xl.findings import Finding, Severity

CODE_PATTERN = re.compile(r"^KKIK-[A-Z]{2}-\d{3}$")


@dataclass(frozen=True)
class CodeSpec:
    """A finding code: severity, short Swedish title and a ``str.format`` message template."""

    code: str
    severity: Severity
    title: str
    template: str

    def finding(self, **context: Any) -> Finding:
        """A :class:`Finding` whose message is the template filled with ``context``.

        Keys that are also ``Finding`` fields (sheet, cell, row, column, value, measure) are passed on.
        """
        fields = {k: context[k] for k in ("sheet", "cell", "row", "column", "measure") if k in context}
        value = context.get("value")
        return Finding(
            code=self.code,
            severity=context.get("severity", self.severity),
            message=self.template.format(**context),
            value=None if value is None else str(value),
            **fields,
        )


CODES: dict[str, CodeSpec] = {}


def register(code: str, severity: Severity, title: str, template: str) -> CodeSpec:
    """Register a code once; a second registration of the same code is a programming error."""
    if not CODE_PATTERN.match(code):
        raise ValueError(f"invalid code {code!r}")
    if code in CODES:
        raise ValueError(f"duplicate code {code!r}")
    spec = CodeSpec(code=code, severity=severity, title=title, template=template)
    CODES[code] = spec
    return spec
