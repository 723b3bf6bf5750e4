"""Preview formulas for the Resultat sheet: native Excel where the definition allows, else the UDF.

Every native formula works without Python in Excel (desktop and web) and in LibreOffice. They refer to
a column's cells from row 2 to :data:`LAST_ROW` (``'Besök'!$C$2:$C$1048576``), not to the Table
(``Table[Header]``): LibreOffice does not grow a Table when the user types below it, so a structured
reference would leave those rows out of the preview; a fixed range counts every filled row in Excel
and LibreOffice alike (issue 14, point 17). Working days use
``WORKDAY`` (Saturday/Sunday weekend) with the defined name :data:`HOLIDAYS_NAME`, a range of Swedish
weekday holidays written by Python from :mod:`kkik_xl.calendar_se`.

Array formulas (``array=True``) must be written as classic array (CSE) formulas so that ``IF`` over
ranges evaluates element-wise in every Excel version and in LibreOffice.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kkik_xl.catalogue import CATALOGUE, Measure, Table, Template
from kkik_xl.catalogue.measures_data import PHONE_SECONDS
from kkik_xl.excel.columns import col_letter

HOLIDAYS_NAME = "KKIK_Helgdagar"
YEAR_NAME = "KKIK_Ar"
NOT_AVAILABLE = "–"
FIRST_ROW = 2  # the Table header is row 1
LAST_ROW = 1_048_576  # Excel's last row: every row the user can type in is counted
# Array formulas evaluate every cell of their ranges on each recalculation (whole columns cost seconds
# per keystroke in LibreOffice), so they stop here; a value typed below shows "–" (see _beyond_guard).
ARRAY_LAST_ROW = 50_000


@dataclass(frozen=True)
class Preview:
    """The preview of one measure: value formula, counted-rows formula, and whether it is native."""

    value: str
    rows: str
    native: bool
    array: bool = False


def ref(
    table: Table, header: str, year: int | None = None, first: int = FIRST_ROW, last: int = LAST_ROW
) -> str:
    """Absolute reference to a column's data rows, e.g. ``'Placeringar'!$B$2:$B$1048576``.

    ``header`` is a fixed column of the Table, or with ``year`` also one of that year's quality columns.
    """
    names = [c.name for c in (table.columns_for_year(year) if year is not None else table.columns)]
    letter = col_letter(names.index(header))
    sheet = table.sheet.replace("'", "''")
    return f"'{sheet}'!${letter}${first}:${letter}${last}"


def structured_ref(table: str, header: str) -> str:
    """A structured reference to a whole Table column, e.g. ``Placeringar[Önskat placeringsdatum]``.

    Used for the xlwings UDF calls only: Excel grows the Table as rows are typed, and a UDF given a
    fixed million-row range would receive every empty row on each recalculation.
    """
    escaped = "".join("'" + ch if ch in "[]#'" else ch for ch in header)
    return f"{table}[{escaped}]"


def col(m: Measure, header: str, first: int = FIRST_ROW, last: int = LAST_ROW) -> str:
    """:func:`ref` to the column ``header`` of the measure's input table."""
    return ref(CATALOGUE.template(m.template or "").table(m.table or ""), header, first=first, last=last)


def _beyond_guard(m: Measure, header: str, preview: Preview) -> Preview:
    """An array preview shows "–" when ``header`` has a value below :data:`ARRAY_LAST_ROW`."""
    beyond = f"COUNTA({col(m, header, first=ARRAY_LAST_ROW + 1)})>0"
    guard = f'=IF({beyond},"{NOT_AVAILABLE}",'
    value, rows = (guard + f.removeprefix("=") + ")" for f in (preview.value, preview.rows))
    return Preview(value=value, rows=rows, native=preview.native, array=preview.array)


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
    sent, answered = col(m, "Skickad", last=ARRAY_LAST_ROW), col(m, "Besvarad", last=ARRAY_LAST_ROW)
    valid = f"ISNUMBER({sent})*(1-ISNUMBER({answered})*({answered}<{sent}))"  # answers before sending: out
    deadline = f"WORKDAY(INT({sent})-1,{days + 1},{HOLIDAYS_NAME})"
    ok = f"SUM(IF({valid},IF(ISNUMBER({answered}),IF(INT({answered})<={deadline},1,0),0),0))"
    count = f"SUM(IF({valid},1,0))"
    preview = Preview(value=_safe_ratio(ok, count), rows=f"={count}", native=True, array=True)
    return _beyond_guard(m, "Skickad", preview)


def _every_row(m: Measure, numerator: str, complete: str) -> Preview:
    """A share over every row; a dash while any row lacks a needed answer.

    The rows are counted as the fullest column of the table (``COUNTA`` per column): a row with some
    cells but a blank needed answer makes that count exceed ``complete`` (the rows with every needed
    answer), and the value is "–", as the engine gives no value.
    """
    table = CATALOGUE.template(m.template or "").table(m.table or "")
    rows = "MAX(" + ",".join(f"COUNTA({col(m, c.name)})" for c in table.columns) + ")"
    value = f'=IF(OR({rows}=0,{complete}<{rows}),"{NOT_AVAILABLE}",100*{numerator}/({complete}))'
    return Preview(value=value, rows=f"={rows}", native=True)


def _u00413(m: Measure) -> Preview:
    person, seconds, direct = (col(m, h) for h in m.inputs)
    answered = f'{person},"Ja",{seconds},"<>"'
    complete = "+".join(
        f'COUNTIFS({who},{direct},"{yes}")' for who in (answered, f'{person},"Nej"') for yes in ("Ja", "Nej")
    )
    numerator = f'COUNTIFS({person},"Ja",{seconds},">=0",{seconds},"<={PHONE_SECONDS}",{direct},"Ja")'
    return _every_row(m, numerator, complete)


def _u00437(m: Measure) -> Preview:
    green = col(m, "Miljöbil")
    return _every_row(m, f'COUNTIFS({green},"Ja")', _janej_count(green))


def _u00414(m: Measure) -> Preview:
    score = col(m, "Bemötande")
    scored = f'{score},">=0",{score},"<=3"'
    total, count = f"SUMIFS({score},{scored})", f"COUNTIFS({scored})"
    return Preview(value=_safe_ratio(total, count, scale="100/3*"), rows=f"={count}", native=True)


def _forskola(m: Measure, late: bool) -> Preview:
    wish = col(m, "Önskat placeringsdatum", last=ARRAY_LAST_ROW)
    offer = col(m, "Erbjudet placeringsdatum", last=ARRAY_LAST_ROW)
    start, end = _period()
    inside = f"ISNUMBER({wish})*ISNUMBER({offer})*({wish}>={start})*({wish}<={end})"
    effective = f"WORKDAY({wish}-1,1,{HOLIDAYS_NAME})"
    rows = f"SUM(IF({inside},1,0))"
    if not late:
        ok = f"SUM(IF({inside},IF({offer}<={effective},1,0),0))"
        preview = Preview(value=_safe_ratio(ok, rows), rows=f"={rows}", native=True, array=True)
        return _beyond_guard(m, "Önskat placeringsdatum", preview)
    n_late = f"SUM(IF({inside},IF({offer}>{effective},1,0),0))"
    days = f"SUM(IF({inside},IF({offer}>{effective},{offer}-{effective},0),0))"
    value = f'=IF({rows}=0,"{NOT_AVAILABLE}",IF({n_late}=0,0,{days}/{n_late}))'
    preview = Preview(value=value, rows=f"={rows}", native=True, array=True)
    return _beyond_guard(m, "Önskat placeringsdatum", preview)


def _mean_difference(m: Measure, late: str, early: str, conditions: str, minimum: int = 1) -> Preview:
    """Mean of (late − early) over rows meeting ``conditions`` (COUNTIFS criteria text)."""
    lc, ec = col(m, late), col(m, early)
    crit = f'{conditions},{lc},"<>",{ec},"<>"'
    count = f"COUNTIFS({crit})"
    mean = f"(SUMIFS({lc},{crit})-SUMIFS({ec},{crit}))/{count}"
    value = f'=IF({count}<{minimum},"{NOT_AVAILABLE}",{mean})'
    return Preview(value=value, rows=f"={count}", native=True)


def _u23401(m: Measure) -> Preview:
    age = col(m, "Ålder vid ansökan")
    cond = f'{age},">=65",{_in_period(col(m, "Erbjudet inflyttningsdatum"))}'
    return _mean_difference(m, "Erbjudet inflyttningsdatum", "Ansökningsdatum", cond)


def _u31402(m: Measure) -> Preview:
    cond = f'{col(m, "Nybesök")},"Ja",{_in_period(col(m, "Beslutsdatum"))}'
    return _mean_difference(m, "Beslutsdatum", "Första kontakt", cond)


def _u28418(m: Measure) -> Preview:
    cond = f'{col(m, "Omprövning")},"Nej",{_in_period(col(m, "Beslutsdatum"))}'
    return _mean_difference(m, "Erbjudet inflyttningsdatum", "Beslutsdatum", cond, minimum=4)


def _u33400(m: Measure) -> Preview:
    cond = (
        f'{col(m, "Ålder vid avslut")},">=13",{col(m, "Ålder vid avslut")},"<=20",'
        f"{_in_period(col(m, 'Avslutsdatum'), -1)},"
        f'{col(m, "Endast ekonomiskt bistånd")},"Nej"'  # the default: ensamkommande count (guide Mått 30)
    )
    back = col(m, "Återaktualiserad inom ett år")
    count = _janej_count(back, cond)
    return Preview(value=_safe_ratio(f'COUNTIFS({back},"Nej",{cond})', count), rows=f"={count}", native=True)


def _u07409(m: Measure) -> Preview:
    cond = _in_period(col(m, "Fakturadatum"))
    total = f"SUMIFS({col(m, 'Belopp totalt (kr)')},{cond})"
    eco = f"SUMIFS({col(m, 'Varav ekologiskt (kr)')},{cond})"
    return Preview(value=_safe_ratio(eco, total), rows=f"=COUNTIFS({cond})", native=True)


def quality_points_formula(share_cell: str) -> str:
    """Points 0–5 for an aspect from the share of places answering Ja (0 → 0, 100 % → 5)."""
    return f'=IF(ISNUMBER({share_cell}),IF({share_cell}>=1,5,CEILING({share_cell}*4,1)),"{NOT_AVAILABLE}")'


def quality_share_formula(table: Table, aspect: str, year: int) -> str:
    """Share of places on units answering Ja for ``aspect`` (a quality column of ``year``)."""
    places = ref(table, "Antal platser")
    total = f"SUM({places})"
    return f'=IF({total}=0,"{NOT_AVAILABLE}",SUMIFS({places},{ref(table, aspect, year)},"Ja")/{total})'


def quality_total_formula(points_range: str, n_aspects: int) -> str:
    """Σ points / (5 × aspects) × 100, from the aspect block on Resultat."""
    return f'=IF(COUNT({points_range})<{n_aspects},"{NOT_AVAILABLE}",100*SUM({points_range})/{5 * n_aspects})'


def udf_preview(m: Measure, template: Template) -> Preview:
    """The xlwings UDF call ``KKIK_<KPI>(inputs…, KKIK_Ar, parameters…)``, blank when not installed."""
    args = (
        [structured_ref(m.table or "", h) for h in m.inputs]
        + [YEAR_NAME]
        + [f"KKIK_{p.name}" for p in template.parameters]
    )
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
