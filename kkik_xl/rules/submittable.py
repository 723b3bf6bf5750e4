"""KKIK-MA-020/021/022: what ``submit`` would refuse although every cell is right.

``validate`` promises every finding at once, so each reason ``submit`` can refuse for is a finding
here first (the mapping is tested in ``tests/test_submit_refusals.py``): a file format a submission
cannot be made from, a workbook without a year, a municipality missing or unknown on Uppgifter.
``submit`` (``kkik_xl.submission.prepare``) uses the same functions, so the two cannot disagree.
"""

from __future__ import annotations

from kkik_xl.codes import register
from kkik_xl.computation import UsageError
from kkik_xl.excel.result import ReadResult
from kkik_xl.findings import Finding, Severity
from kkik_xl.kommuner import Kommun, all_municipalities, lookup
from kkik_xl.rules.base import Rule, RuleContext

SUBMITTABLE = (".xlsx", ".xlsm")

NO_MUNICIPALITY = register(
    "KKIK-MA-020",
    Severity.ERROR,
    "Kommunen saknas eller är okänd",
    "Kommunen saknas eller är okänd på bladet Uppgifter{found}. Välj kommunen i listan; "
    "utan kommun kan ingen inlämning göras.",
)
NOT_SUBMITTABLE = register(
    "KKIK-MA-021",
    Severity.INFO,
    "Inlämning kräver en .xlsx-fil",
    "Filen har kontrollerats, men en inlämning (kkik-xl submit) görs bara från en .xlsx- eller "
    ".xlsm-fil. Spara filen som Excel-arbetsbok (.xlsx) och lämna in den filen.",
)
NO_YEAR = register(
    "KKIK-MA-022",
    Severity.INFO,
    "Arbetsboken anger inget år",
    "Arbetsboken anger inget år (bladet _meta eller Uppgifter) och har kontrollerats för {year}. "
    "En inlämning görs från kkik-xl:s mall, som anger året: hämta den med kkik-xl template.",
)


class Refusal(UsageError):
    """``submit`` cannot go on; ``code`` is the finding ``validate`` gives for the same reason."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code


def workbook_year(read: ReadResult) -> int | None:
    """The year the workbook states (``_meta``, else Uppgifter's ``KKIK_Ar``), or ``None``."""
    text = read.meta.names.get("KKIK_Ar")
    return read.meta.year or (int(text) if text and text.strip().isdigit() else None)


def municipality_of(read: ReadResult) -> Kommun | None:
    """The municipality named on the Uppgifter sheet (by code, else by name), or ``None``."""
    code = read.meta.names.get("KKIK_Kommunkod", "")
    name = read.meta.names.get("KKIK_Kommun", "").strip()
    found = lookup(code) if code.strip() else None
    if found is None and name:
        found = next((k for k in all_municipalities() if k.namn.casefold() == name.casefold()), None)
    return found


def _given(read: ReadResult) -> str:
    code = read.meta.names.get("KKIK_Kommunkod", "").strip()
    name = read.meta.names.get("KKIK_Kommun", "").strip()
    given = " ".join(p for p in (code, name) if p)
    return f" ({given!r} finns inte bland Sveriges kommuner)" if given else ""


def check(ctx: RuleContext) -> list[Finding]:
    """The first reason, in ``submit``'s order, why this file cannot be submitted as it is."""
    read = ctx.read
    if read.path.suffix.lower() not in SUBMITTABLE:
        return [NOT_SUBMITTABLE.finding()]
    if workbook_year(read) is None:
        return [NO_YEAR.finding(sheet="Uppgifter", year=ctx.year)]
    if municipality_of(read) is None:
        return [NO_MUNICIPALITY.finding(sheet="Uppgifter", found=_given(read))]
    return []


RULE = Rule("submittable", (NO_MUNICIPALITY, NOT_SUBMITTABLE, NO_YEAR), check)
