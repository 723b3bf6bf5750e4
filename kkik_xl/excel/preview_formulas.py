"""Preview formulas for the Resultat sheet: native Excel where the definition allows, else the UDF.

Every native formula works without Python in Excel (desktop and web) and in LibreOffice. They use
structured references (``Table[Header]``), so they follow the Table as it grows. Working days use
``WORKDAY`` (Saturday/Sunday weekend) with the defined name :data:`HOLIDAYS_NAME`, a range of Swedish
weekday holidays written by Python from :mod:`kkik_xl.calendar_se`.

Array formulas (``array=True``) must be written as classic array (CSE) formulas so that ``IF`` over
ranges evaluates element-wise in every Excel version and in LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kkik_xl.catalogue import CATALOGUE, Measure, Template
from kkik_xl.catalogue.measures_data import PHONE_SECONDS

HOLIDAYS_NAME = "KKIK_Helgdagar"
YEAR_NAME = "KKIK_Ar"
NOT_AVAILABLE = "–"


@dataclass(frozen=True)
class Preview:
    """The preview of one measure: value formula, counted-rows formula, and whether it is native."""

    value: str
    rows: str
    native: bool
    array: bool = False


def ref(table: str, header: str) -> str:
    """A structured reference to a whole Table column, e.g. ``Placeringar[Önskat placeringsdatum]``."""
    escaped = "".join("'" + ch if ch in "[]#'" else ch for ch in header)
    return f"{table}[{escaped}]"


def _period(year_offset: int = 0) -> tuple[str, str]:
    year = YEAR_NAME if year_offset == 0 else f"({YEAR_NAME}{year_offset:+d})"
    return f"DATE({year},1,1)", f"DATE({year},6,30)"


def _in_period(col: str, year_offset: int = 0) -> str:
    start, end = _period(year_offset)
    return f'{col},">="&{start},{col},"<="&{end}'


def _safe_ratio(numerator: str, denominator: str, scale: str = "100*") -> str:
    return f'=IF({denominator}=0,"{NOT_AVAILABLE}",{scale}{numerator}/{denominator})'


def _janej_count(col: str, conditions: str = "") -> str:
    extra = f",{conditions}" if conditions else ""
    return f'(COUNTIFS({col},"Ja"{extra})+COUNTIFS({col},"Nej"{extra}))'


def _email(m: Measure, days: int) -> Preview:
    sent, answered = ref(m.table or "", "Skickad"), ref(m.table or "", "Besvarad")
    valid = f"ISNUMBER({sent})*(1-ISNUMBER({answered})*({answered}<{sent}))"  # answers before sending: out
    deadline = f"WORKDAY(INT({sent})-1,{days + 1},{HOLIDAYS_NAME})"
    ok = f"SUM(IF({valid},IF(ISNUMBER({answered}),IF(INT({answered})<={deadline},1,0),0),0))"
    count = f"SUM(IF({valid},1,0))"
    return Preview(value=_safe_ratio(ok, count), rows=f"={count}", native=True, array=True)


def _filled_rows(m: Measure) -> str:
    """Rows of the measure's Table with anything in them (blank Table rows do not count)."""
    t = m.table or ""
    cols = [c.name for c in CATALOGUE.template(m.template or "").table(t).columns]
    return f"SUMPRODUCT((LEN({'&'.join(ref(t, c) for c in cols)})>0)*1)"


def _every_row(m: Measure, numerator: str, complete: str) -> Preview:
    """A share over every row; a dash while any row lacks a needed answer (``complete`` < rows)."""
    rows = _filled_rows(m)
    value = f'=IF(OR({rows}=0,{complete}<{rows}),"{NOT_AVAILABLE}",100*{numerator}/{rows})'
    return Preview(value=value, rows=f"={rows}", native=True)


def _u00413(m: Measure) -> Preview:
    t = m.table or ""
    person, seconds, direct = (ref(t, h) for h in m.inputs)
    answered = f'{person},"Ja",{seconds},"<>"'
    complete = "+".join(
        f'COUNTIFS({who},{direct},"{yes}")' for who in (answered, f'{person},"Nej"') for yes in ("Ja", "Nej")
    )
    numerator = f'COUNTIFS({person},"Ja",{seconds},">=0",{seconds},"<={PHONE_SECONDS}",{direct},"Ja")'
    return _every_row(m, numerator, complete)


def _u00437(m: Measure) -> Preview:
    col = ref(m.table or "", "Miljöbil")
    return _every_row(m, f'COUNTIFS({col},"Ja")', _janej_count(col))


def _u00414(m: Measure) -> Preview:
    col = ref(m.table or "", "Bemötande")
    scored = f'{col},">=0",{col},"<=3"'
    total, count = f"SUMIFS({col},{scored})", f"COUNTIFS({scored})"
    return Preview(value=_safe_ratio(total, count, scale="100/3*"), rows=f"={count}", native=True)


def _forskola(m: Measure, late: bool) -> Preview:
    wish, offer = ref(m.table or "", "Önskat placeringsdatum"), ref(m.table or "", "Erbjudet placeringsdatum")
    start, end = _period()
    inside = f"ISNUMBER({wish})*ISNUMBER({offer})*({wish}>={start})*({wish}<={end})"
    effective = f"WORKDAY({wish}-1,1,{HOLIDAYS_NAME})"
    rows = f"SUM(IF({inside},1,0))"
    if not late:
        ok = f"SUM(IF({inside},IF({offer}<={effective},1,0),0))"
        return Preview(value=_safe_ratio(ok, rows), rows=f"={rows}", native=True, array=True)
    n_late = f"SUM(IF({inside},IF({offer}>{effective},1,0),0))"
    days = f"SUM(IF({inside},IF({offer}>{effective},{offer}-{effective},0),0))"
    value = f'=IF({rows}=0,"{NOT_AVAILABLE}",IF({n_late}=0,0,{days}/{n_late}))'
    return Preview(value=value, rows=f"={rows}", native=True, array=True)


def _mean_difference(m: Measure, late: str, early: str, conditions: str, minimum: int = 1) -> Preview:
    """Mean of (late − early) over rows meeting ``conditions`` (COUNTIFS criteria text)."""
    t = m.table or ""
    lc, ec = ref(t, late), ref(t, early)
    crit = f'{conditions},{lc},"<>",{ec},"<>"'
    count = f"COUNTIFS({crit})"
    mean = f"(SUMIFS({lc},{crit})-SUMIFS({ec},{crit}))/{count}"
    value = f'=IF({count}<{minimum},"{NOT_AVAILABLE}",{mean})'
    return Preview(value=value, rows=f"={count}", native=True)


def _u23401(m: Measure) -> Preview:
    t = m.table or ""
    age = ref(t, "Ålder vid ansökan")
    cond = f'{age},">=65",{_in_period(ref(t, "Erbjudet inflyttningsdatum"))}'
    return _mean_difference(m, "Erbjudet inflyttningsdatum", "Ansökningsdatum", cond)


def _u31402(m: Measure) -> Preview:
    t = m.table or ""
    cond = f'{ref(t, "Nybesök")},"Ja",{_in_period(ref(t, "Beslutsdatum"))}'
    return _mean_difference(m, "Beslutsdatum", "Första kontakt", cond)


def _u28418(m: Measure) -> Preview:
    t = m.table or ""
    cond = f'{ref(t, "Omprövning")},"Nej",{_in_period(ref(t, "Beslutsdatum"))}'
    return _mean_difference(m, "Erbjudet inflyttningsdatum", "Beslutsdatum", cond, minimum=4)


def _u33400(m: Measure) -> Preview:
    t = m.table or ""
    cond = (
        f'{ref(t, "Ålder vid avslut")},">=13",{ref(t, "Ålder vid avslut")},"<=20",'
        f"{_in_period(ref(t, 'Avslutsdatum'), -1)},"
        f'{ref(t, "Endast ekonomiskt bistånd")},"Nej"'  # the default: ensamkommande count (guide Mått 30)
    )
    back = ref(t, "Återaktualiserad inom ett år")
    count = _janej_count(back, cond)
    return Preview(value=_safe_ratio(f'COUNTIFS({back},"Nej",{cond})', count), rows=f"={count}", native=True)


def _u07409(m: Measure) -> Preview:
    t = m.table or ""
    cond = _in_period(ref(t, "Fakturadatum"))
    total = f"SUMIFS({ref(t, 'Belopp totalt (kr)')},{cond})"
    eco = f"SUMIFS({ref(t, 'Varav ekologiskt (kr)')},{cond})"
    return Preview(value=_safe_ratio(eco, total), rows=f"=COUNTIFS({cond})", native=True)


def quality_points_formula(share_cell: str) -> str:
    """Points 0–5 for an aspect from the share of places answering Ja (0 → 0, 100 % → 5)."""
    return f'=IF(ISNUMBER({share_cell}),IF({share_cell}>=1,5,CEILING({share_cell}*4,1)),"{NOT_AVAILABLE}")'


def quality_share_formula(table: str, aspect: str) -> str:
    """Share of places on units answering Ja for ``aspect``."""
    places = ref(table, "Antal platser")
    total = f"SUM({places})"
    return f'=IF({total}=0,"{NOT_AVAILABLE}",SUMIFS({places},{ref(table, aspect)},"Ja")/{total})'


def quality_total_formula(points_range: str, n_aspects: int) -> str:
    """Σ points / (5 × aspects) × 100, from the aspect block on Resultat."""
    return f'=IF(COUNT({points_range})<{n_aspects},"{NOT_AVAILABLE}",100*SUM({points_range})/{5 * n_aspects})'


def udf_preview(m: Measure, template: Template) -> Preview:
    """The xlwings UDF call ``KKIK_<KPI>(inputs…, KKIK_Ar, parameters…)``, blank when not installed."""
    t = m.table or ""
    args = [ref(t, h) for h in m.inputs] + [YEAR_NAME] + [f"KKIK_{p.name}" for p in template.parameters]
    call = f"KKIK_{m.kpi}({','.join(args)})"
    return Preview(value=f'=IFERROR({call},"{NOT_AVAILABLE}")', rows=f'="{NOT_AVAILABLE}"', native=False)


_NATIVE: dict[str, Callable[[Measure], Preview]] = {
    "U00412": lambda m: _email(m, 2),
    "U00442": lambda m: _email(m, 1),
    "U00413": _u00413,
    "U00414": _u00414,
    "U11401": lambda m: _forskola(m, late=False),
    "U11402": lambda m: _forskola(m, late=True),
    "U23401": _u23401,
    "U31402": _u31402,
    "U33400": _u33400,
    "U28418": _u28418,
    "U07409": _u07409,
    "U00437": _u00437,
}

QUALITY_KPIS = frozenset({"U23488", "U28423"})


def preview_for(kpi: str) -> Preview:
    """The preview of a non-quality measure (quality measures use the aspect block on Resultat)."""
    m = CATALOGUE.measure(kpi)
    builder = _NATIVE.get(kpi)
    if builder is not None:
        return builder(m)
    return udf_preview(m, CATALOGUE.template(m.template or ""))


def is_native(kpi: str) -> bool:
    """True when the preview of ``kpi`` is a native formula (no Python needed)."""
    return kpi in _NATIVE or kpi in QUALITY_KPIS
