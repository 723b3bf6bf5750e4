"""KKIK-MA-001/003/005/007: template identity from the ``_meta`` sheet (version, origin, year, id)."""

from __future__ import annotations

from kkik_xl.catalogue import CATALOGUE
from kkik_xl.codes import register
from kkik_xl.findings import Finding, Severity
from kkik_xl.rules.base import Rule, RuleContext

OLD_VERSION = register(
    "KKIK-MA-001",
    Severity.WARNING,
    "Mallversionen är föråldrad eller okänd",
    "Filen är gjord med version {found} av mallen {template}, men gällande version är {current}. {advice}",
)
NO_META = register(
    "KKIK-MA-003",
    Severity.INFO,
    "Filen är inte skapad från en kkik-xl-mall",
    "Filen saknar bladet _meta, så mallversion och struktur kan inte kontrolleras. Tabellerna har lästs "
    "efter bladnamn och rubriker.",
)
OTHER_YEAR = register(
    "KKIK-MA-005",
    Severity.WARNING,
    "Mallen är för ett annat år",
    "Mallen är gjord för {found}, men filen kontrolleras för {year}. Ange rätt år eller hämta årets mall.",
)
OTHER_TEMPLATE = register(
    "KKIK-MA-007",
    Severity.WARNING,
    "Filen anger en annan mall",
    "Bladet _meta anger mallen {found}, men filen har kontrollerats som mallen {template}{why}. "
    "Kontrollera att det är rätt fil, eller hämta mallen på nytt (kkik-xl template {template}).",
)
SPREADSHEET = (".xlsx", ".xlsm")


def _version(text: str) -> tuple[int, ...] | None:
    try:
        return tuple(int(p) for p in text.strip().split("."))
    except ValueError:
        return None


def _other_template(found: str, ctx: RuleContext) -> Finding:
    """The file says another template (one this version does not know, or another than requested)."""
    known = found in {t.id for t in CATALOGUE.templates}
    why = (
        "" if known else " (den finns inte i den här versionen av kkik-xl, så mallen valdes efter bladnamnen)"
    )
    return OTHER_TEMPLATE.finding(sheet="_meta", cell="B1", found=found, template=ctx.template.id, why=why)


def check(ctx: RuleContext) -> list[Finding]:
    """Compare the ``_meta`` sheet with the catalogue's template and the requested year."""
    meta = ctx.read.meta
    if ctx.read.path.suffix.lower() not in SPREADSHEET:
        return []
    if meta.template_id is None:
        return [NO_META.finding(sheet="_meta")]
    if meta.template_id != ctx.template.id:
        return [_other_template(meta.template_id, ctx)]
    out: list[Finding] = []
    current = ctx.template.version
    found = meta.template_version or "(saknas)"
    have, want = _version(found), _version(current)
    if have != want:
        newer = have is not None and want is not None and have > want
        advice = (
            "Uppdatera kkik-xl."
            if newer
            else "Flytta över uppgifterna till den senaste mallen (kkik-xl template)."
        )
        out.append(
            OLD_VERSION.finding(
                sheet="_meta",
                cell="B2",
                found=found,
                template=ctx.template.id,
                current=current,
                advice=advice,
            )
        )
    if meta.year is not None and meta.year != ctx.year:
        out.append(OTHER_YEAR.finding(sheet="_meta", cell="B4", found=meta.year, year=ctx.year))
    return out


RULE = Rule("template_checks", (OLD_VERSION, NO_META, OTHER_YEAR, OTHER_TEMPLATE), check)
