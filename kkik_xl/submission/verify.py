"""Verification of a loaded submission: checksums and signatures, and against its workbook."""

from __future__ import annotations

from pathlib import Path

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.measures.settings import SETTINGS
from kkik_xl.submission.canonical import content_checksum, input_rows_checksum
from kkik_xl.submission.keys import PublicKeys
from kkik_xl.submission.kolada import display_value
from kkik_xl.submission.model import FORMAT_VERSION, MeasureEntry, Submission
from kkik_xl.submission.prepare import municipality, prepare
from kkik_xl.submission.signing import signature_problems


def verify_submission(sub: Submission, keys: PublicKeys | None = None) -> list[str]:
    """Swedish problems with a loaded submission (empty when checksums and signatures hold)."""
    problems: list[str] = []
    if sub.format_version > FORMAT_VERSION:
        problems.append(f"Formatversion {sub.format_version} är nyare än den här versionen av kkik-xl läser.")
    if content_checksum(sub) != sub.checksums.content_sha256:
        problems.append("Innehållets kontrollsumma stämmer inte: filen har ändrats efter att den skapades.")
    known = {m.kpi: m.decimals for m in CATALOGUE.measures}
    for m in sub.measures:
        if m.kpi not in known:
            problems.append(f"{m.kpi} finns inte i katalogen {CATALOGUE.version}.")
        elif m.decimals != known[m.kpi]:
            problems.append(f"{m.kpi}: {m.decimals} decimaler, men katalogen anger {known[m.kpi]}.")
        elif m.display != display_value(m.value, m.decimals):
            problems.append(f"{m.kpi}: det visade värdet {m.display!r} stämmer inte med värdet {m.value!r}.")
    problems.extend(signature_problems(sub, keys))
    return problems


def _measure_problems(
    saved: MeasureEntry, value: float | None, rows: int, excluded: dict[str, int]
) -> list[str]:
    out = []
    if saved.value != value:  # JSON keeps floats exactly: equality, not closeness
        out.append(f"{saved.kpi}: inlämningen har värdet {saved.value!r}, arbetsboken ger {value!r}.")
    if saved.rows_used != rows:
        out.append(f"{saved.kpi}: inlämningen räknade {saved.rows_used} rader, arbetsboken ger {rows}.")
    if saved.excluded != excluded:
        out.append(f"{saved.kpi}: de bortvalda raderna skiljer sig från arbetsbokens.")
    return out


def recorded_settings(sub: Submission) -> dict[str, str]:
    """The engine settings the submission was computed with (from its ``parameters``)."""
    return {name: value for name, value in sub.parameters.items() if name in SETTINGS}


def compare_with_workbook(sub: Submission, path: Path) -> list[str]:
    """Recompute every value from the workbook's raw rows and compare; Swedish problems.

    Raises :class:`kkik_xl.computation.UsageError` or :class:`kkik_xl.excel.result.ReadError`.
    """
    prep = prepare(path, recorded_settings(sub))
    problems: list[str] = []
    if prep.template.id != sub.template.id or prep.year != sub.year:
        problems.append(
            f"Arbetsboken är mallen {prep.template.id} för {prep.year}, "
            f"inlämningen gäller {sub.template.id} för {sub.year}."
        )
    if municipality(prep.read).kod != sub.municipality.code:
        problems.append("Arbetsboken gäller en annan kommun än inlämningen.")
    valid = (prep.fingerprint, *prep.fingerprints)
    if sub.template.fingerprint is not None and sub.template.fingerprint not in valid:
        problems.append(
            "Mallens fingeravtryck stämmer inte: arbetsbokens struktur skiljer sig från inlämningens."
        )
    if input_rows_checksum(prep.tables) != sub.checksums.input_rows_sha256:
        problems.append("Kontrollsumman för indataraderna stämmer inte: arbetsbokens rader har ändrats.")
    saved = {m.kpi: m for m in sub.measures}
    computed = {r.kpi: r for r in prep.results}
    for kpi in sorted(set(saved) ^ set(computed)):
        problems.append(f"{kpi} finns bara i {'inlämningen' if kpi in saved else 'arbetsboken'}.")
    for kpi in [k for k in saved if k in computed]:
        r = computed[kpi]
        problems.extend(_measure_problems(saved[kpi], r.value, r.rows_used, dict(r.excluded)))
    return problems
