"""``/samordnare``: the stored submissions of a year → completeness, conflicts and the comparison report.

The stored documents are written to a temporary folder (one subfolder per stored submission, so two
versions of one file both take part) and merged by :func:`kkik_xl.coordinator.merge.merge` with the
same reader as the CLI; the page shows what ``merge`` writes: accepted and rejected files, the
completeness matrix and the conflicts with their Swedish explanations. With a national reference file
(``--reference``), ``/samordnare/rapport`` gives ``kkik-xl compare --format html`` for the merged values.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from datetime import date
from html import escape
from pathlib import Path

import polars as pl

from kkik_xl.coordinator.colours import QuartileRule
from kkik_xl.coordinator.compare import national
from kkik_xl.coordinator.completeness import counts
from kkik_xl.coordinator.merge import MergeResult, merge
from kkik_xl.coordinator.merge_output import VALUES_STEM, write_merge
from kkik_xl.coordinator.report_html import render_html
from kkik_xl.coordinator.submissions import read_submission
from kkik_xl.coordinator.values import ValuesError, load_values
from kkik_xl.server.errors import ApiError
from kkik_xl.server.storage import Storage, StoredSubmission

MAX_ROWS = 500


def merged(storage: Storage, stored: list[StoredSubmission]) -> tuple[MergeResult, str]:
    """``kkik-xl merge`` over the stored documents, and the temporary folder's prefix in its file labels."""
    folder = Path(tempfile.mkdtemp(prefix="kkik-merge-"))
    try:
        for sub in stored:
            target = folder / str(sub.id) / sub.file_name
            target.parent.mkdir()
            target.write_text(storage.document(sub.id) or "", encoding="utf-8")
        return merge([folder], read_submission), f"{folder}{os.sep}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def report(storage: Storage, reference: Path, year: int, kommun: str) -> str:
    """The comparison report (``kkik-xl compare --format html``) of the stored submissions of ``year``."""
    folder = Path(tempfile.mkdtemp(prefix="kkik-rapport-"))
    try:
        result, _ = merged(storage, storage.submissions(year))
        write_merge(result, folder)
        value_set = load_values([folder / f"{VALUES_STEM}.json", reference])
        nat = national(value_set.frame, year, QuartileRule.CEIL, synthetic=value_set.synthetic)
        if kommun not in nat.municipalities():
            raise ApiError(404, f"Kommunkoden {kommun[:8]} har inga värden för {year}.")
        return render_html(nat.compare(kommun), value_set.notes)
    except ValuesError as err:
        raise ApiError(422, f"Jämförelsen kunde inte göras: {err}") from None
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _report_links(stored: list[StoredSubmission], year: int) -> str:
    codes = sorted({s.kommunkod for s in stored})
    links = " · ".join(f'<a href="/samordnare/rapport?year={year}&amp;kommun={c}">{c}</a>' for c in codes)
    return f"<h2>Jämförelserapport</h2><p>Jämför med alla kommuner (referensfilen): {links}</p>"


def frame_table(frame: pl.DataFrame, caption: str, prefix: str = "") -> str:
    """An HTML table of ``frame`` (first :data:`MAX_ROWS` rows), every cell escaped.

    ``prefix`` (the temporary folder) is replaced by "nr " so a file reads "nr 3/1440_lss_2025.kkik.json".
    """
    head = "".join(f'<th scope="col">{escape(c)}</th>' for c in frame.columns)
    rows = []
    for row in frame.head(MAX_ROWS).iter_rows():
        cells = "".join(f"<td>{escape(_label(_text(v), prefix))}</td>" for v in row)
        rows.append(f"<tr>{cells}</tr>")
    more = f"<p>… och {frame.height - MAX_ROWS} rader till.</p>" if frame.height > MAX_ROWS else ""
    return f"<table><caption>{escape(caption)}</caption><thead><tr>{head}</tr></thead>" + (
        f"<tbody>{''.join(rows)}</tbody></table>{more}"
    )


def _label(text: str, prefix: str) -> str:
    return text.replace(prefix, "nr ") if prefix else text


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _stored_table(stored: list[StoredSubmission]) -> str:
    frame = pl.DataFrame(
        [(s.id, s.file_name, s.kommunkod, s.template, s.stored_at) for s in stored],
        schema=["nr", "fil", "kommunkod", "mall", "sparad (UTC)"],
        orient="row",
    )
    return frame_table(frame, "Sparade inlämningar")


def _year_links(years: list[int], year: int) -> str:
    links = " · ".join(
        f'<a href="/samordnare?year={y}"{" aria-current=page" if y == year else ""}>{y}</a>' for y in years
    )
    return f"<p>År: {links}</p>" if links else ""


def body(storage: Storage, year: int | None, with_report: bool = False) -> str:
    """The page's main content for ``year`` (default: the newest year with submissions)."""
    years = storage.years()
    year = year or (years[0] if years else date.today().year)
    stored = storage.submissions(year)
    parts = [f"<h2>Inlämningar {year}</h2>", _year_links(years, year)]
    if not stored:
        parts.append("<p>Inga sparade inlämningar för året. Inlämningar sparas från sidan Kontrollera.</p>")
        return "".join(parts)
    result, prefix = merged(storage, stored)
    summary = ", ".join(f"{n} {escape(status)}" for status, n in counts(result.completeness).items())
    parts.append(_stored_table(stored))
    if with_report:
        parts.append(_report_links(stored, year))
    parts.append(f"<h2>Fullständighet</h2><p>{summary}</p>")
    parts.append(frame_table(result.completeness, "Fullständighet per mått", prefix))
    parts.append("<h2>Konflikter</h2>")
    conflicts = result.resolution.conflicts
    parts.append(
        frame_table(conflicts, "Konflikter", prefix) if conflicts.height else "<p>Inga konflikter.</p>"
    )
    if result.rejected:
        items = "".join(
            f"<li>{escape(_label(f, prefix))}: {escape(_label(r, prefix))}</li>" for f, r in result.rejected
        )
        parts.append(f"<h2>Avvisade filer</h2><ul>{items}</ul>")
    return "".join(parts)
