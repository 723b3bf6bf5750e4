"""Validation reports: JSON (every finding, never truncated), plain text and HTML, in Swedish."""

from __future__ import annotations

import html
from collections import Counter
from typing import Any

from kkik_xl.codes import CODES
from kkik_xl.findings import SEVERITY_NOUN, SEVERITY_SV, Finding, Severity
from kkik_xl.rules.engine import ValidationReport
from kkik_xl.sv_text import counted
from kkik_xl.textsafe import printable

TEXT_LIMIT_PER_CODE = 20


def to_json(report: ValidationReport) -> dict[str, Any]:
    """The JSON document: counts, every finding and every measure result.

    Its texts hold no control or bidirectional-control characters (a cell's text quoted in a message
    may carry them), so the document is the same printed, saved or served (``kkik-xl serve``).
    """
    document: dict[str, Any] = _printable(_document(report))
    return document


def _printable(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(k): _printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_printable(v) for v in value]
    return value


def _document(report: ValidationReport) -> dict[str, Any]:
    return {
        "file": report.file,
        "template": report.template,
        "year": report.year,
        "counts": {s.value: report.count(s) for s in Severity},
        "per_code": report.per_code(),
        "unjustified_warnings": len(report.unjustified_warnings),
        "findings": [f.model_dump(mode="json") for f in report.findings],
        "measures": [r.model_dump(mode="json") for r in report.results],
    }


def _summary_lines(report: ValidationReport) -> list[str]:
    counts = ", ".join(counted(report.count(s), SEVERITY_NOUN[s]) for s in Severity)
    lines = [f"Kontroll av {report.file} (mall {report.template}, år {report.year}): {counts}."]
    unjustified = len(report.unjustified_warnings)
    if unjustified:
        lines.append(
            f"{counted(unjustified, 'varning')} saknar motivering i kolumnen Motivering på bladet Kontroll "
            "(eller i en anteckning i cellen som börjar med ”Motivering:”)."
        )
    return lines


def _finding_line(f: Finding) -> str:
    place = f"{f.sheet or ''}!{f.cell}" if f.cell else (f.sheet or "")
    note = f" Motivering: {f.justification}" if f.justification else ""
    unjustified = " (saknar motivering)" if f.severity is Severity.WARNING and not f.justification else ""
    return f"  {place:<22} {f.message}{unjustified}{note}"


def to_text(report: ValidationReport) -> str:
    """Grouped by code; long groups show their first cells and say how many more there are."""
    lines = _summary_lines(report)
    by_code: dict[str, list[Finding]] = {}
    for f in report.findings:
        by_code.setdefault(f.code, []).append(f)
    for code in sorted(by_code, key=lambda c: (list(Severity).index(by_code[c][0].severity), c)):
        group = by_code[code]
        title = CODES[code].title if code in CODES else ""
        lines.append("")
        lines.append(f"{SEVERITY_SV[group[0].severity]} {code} {title} ({len(group)})")
        lines += [_finding_line(f) for f in group[:TEXT_LIMIT_PER_CODE]]
        if len(group) > TEXT_LIMIT_PER_CODE:
            lines.append(
                f"  … och {len(group) - TEXT_LIMIT_PER_CODE} till med samma kod (alla finns i --report json)."
            )
    if not report.findings:
        lines.append("Inga anmärkningar.")
    return "\n".join(lines) + "\n"


def _cells(f: Finding) -> list[str]:
    e = html.escape
    justification = f.justification or ("saknar motivering" if f.severity is Severity.WARNING else "")
    return [
        e(SEVERITY_SV[f.severity]),
        e(f.code),
        e(f.sheet or ""),
        e(f.cell or ""),
        e(f.message),
        e(f.measure or ""),
        e(justification),
    ]


def _per_code_rows(report: ValidationReport) -> str:
    """One table row per code: severity, code, title and how many findings it has."""
    e = html.escape
    rows = []
    for code, n in report.per_code().items():
        spec = CODES.get(code)
        severity = SEVERITY_SV[spec.severity] if spec else ""
        rows.append(
            f"<tr><td>{e(severity)}</td><td>{e(code)}</td><td>{e(spec.title if spec else '')}</td>"
            f"<td>{n}</td></tr>"
        )
    return "\n".join(rows)


def to_html(report: ValidationReport) -> str:
    """A standalone Swedish HTML page: counts per severity and per code, then every finding."""
    e = html.escape
    counts = Counter(f.severity for f in report.findings)
    rows = "\n".join(
        "<tr class='{}'>{}</tr>".format(
            f.severity.value,
            "".join(f"<td>{cell}</td>" for cell in _cells(f)),
        )
        for f in report.findings
    )
    summary = ", ".join(counted(counts.get(s, 0), SEVERITY_NOUN[s]) for s in Severity)
    unjustified = counted(len(report.unjustified_warnings), "varning")
    return f"""<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Kontroll av {e(report.file)}</title>
<style>body{{font-family:sans-serif}}table{{border-collapse:collapse}}
td,th{{border:1px solid #ccc;padding:4px}}
tr.error td{{background:#FFC7CE}}tr.warning td{{background:#FFEB9C}}tr.info td{{background:#DDEBF7}}</style>
</head><body><h1>Kontroll av {e(report.file)}</h1>
<p>Mall {e(report.template)}, år {report.year}: {summary}. {unjustified} saknar motivering.</p>
<h2>Antal per kod</h2>
<table><thead><tr><th>Allvarlighet</th><th>Kod</th><th>Kontroll</th><th>Antal</th></tr></thead><tbody>
{_per_code_rows(report)}
</tbody></table>
<h2>Alla anmärkningar</h2>
<table><thead><tr><th>Allvarlighet</th><th>Kod</th><th>Blad</th><th>Cell</th><th>Meddelande</th><th>Mått</th>
<th>Motivering</th></tr></thead><tbody>
{rows}
</tbody></table></body></html>
"""
