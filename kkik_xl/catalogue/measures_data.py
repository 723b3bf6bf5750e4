"""KKiK measures: self-collected (with template and definition) and externally collected.

Titles of external measures are short descriptions; Kolada's KPI metadata is the authority.
"""

from __future__ import annotations

from kkik_xl.catalogue.models import Direction, Measure, Unit

HI, LO = Direction.HIGHER, Direction.LOWER
PCT, DAYS, CNT, IDX = Unit.PERCENT, Unit.DAYS, Unit.COUNT, Unit.INDEX

SERVICE = "Service och bemötande"
SAMHALLE = "Kommunen som samhällsutvecklare"
FORSKOLA = "Förskola"
SKOLA = "Skola"
ALDRE = "Äldreomsorg"
SOCIAL = "Socialtjänst"
LSS = "Funktionsnedsättning"
MILJO = "Miljö"
PERSONAL = "Kommunen som arbetsgivare"

FIRST_HALF = "1 januari – 30 juni mätåret"
PHONE_SECONDS = 60
"""Mått 2: contact with a person within 60 seconds counts as a begun answer."""


def _own(
    kpi: str,
    number: str | None,
    title: str,
    short: str,
    area: str,
    direction: str,
    unit: Unit,
    *,
    template: str,
    table: str,
    period: str,
    definition: str,
    inputs: tuple[str, ...],
    all_rows: bool = False,
) -> Measure:
    return Measure(
        kpi=kpi,
        number=number,
        title=title,
        short_title=short,
        area=area,
        direction=Direction(direction),
        unit=unit,
        decimals=0 if unit is Unit.DAYS or unit is Unit.COUNT else 1,
        self_collected=True,
        template=template,
        table=table,
        period=period,
        definition=definition,
        inputs=inputs,
        all_rows=all_rows,
    )


def _ext(
    kpi: str, number: str | None, title: str, short: str, area: str, direction: Direction, unit: Unit
) -> Measure:
    return Measure(
        kpi=kpi,
        number=number,
        title=title,
        short_title=short,
        area=area,
        direction=direction,
        unit=unit,
        decimals=1,
        self_collected=False,
        definition="Samlas in av annan part och hämtas från Kolada.",
    )


MEASURES = (
    _own(
        "U00412",
        "1",
        "Andel e-post med svar inom två arbetsdagar, %",
        "E-post inom 2 dagar",
        SERVICE,
        "higher",
        PCT,
        template="service",
        table="Epost",
        period="Testperioden (alla skickade frågor)",
        definition="100 × frågor besvarade före slutet av andra arbetsdagen efter sändningsdagen / skickade "
        "frågor. En fråga som skickas en helgdag räknas från nästa vardag.",
        inputs=("Skickad", "Besvarad"),
    ),
    _own(
        "U00442",
        None,
        "Andel e-post med svar inom en arbetsdag, %",
        "E-post inom 1 dag",
        SERVICE,
        "higher",
        PCT,
        template="service",
        table="Epost",
        period="Testperioden (alla skickade frågor)",
        definition="100 × frågor besvarade före slutet av första arbetsdagen efter sändningsdagen / skickade "
        "frågor.",
        inputs=("Skickad", "Besvarad"),
    ),
    _own(
        "U00413",
        "2",
        "Andel som får direkt svar på en enkel fråga via telefon, %",
        "Telefon direkt svar",
        SERVICE,
        "higher",
        PCT,
        template="service",
        table="Telefon",
        period="Testperioden (alla samtal)",
        definition=f"Ett samtal är ett direkt svar när en person svarade inom {PHONE_SECONDS} sekunder "
        "(tid i röstval räknas inte) och frågan besvarades direkt. 100 × direkta svar / alla samtal. "
        "Ett obesvarat samtal räknas i nämnaren. En tom cell som måttet behöver gör att värdet inte räknas.",
        inputs=("Besvarat av person", "Sekunder till person", "Direkt svar"),
        all_rows=True,
    ),
    _own(
        "U00414",
        "3",
        "Gott bemötande via telefon, %",
        "Gott bemötande",
        SERVICE,
        "higher",
        PCT,
        template="service",
        table="Telefon",
        period="Testperioden (alla samtal)",
        definition="100 × Σ Bemötande / (3 × samtal med bemötandepoäng).",
        inputs=("Bemötande",),
    ),
    _ext(
        "U00415", None, "Informationsindex för kommunens webbplats, %", "Informationsindex", SERVICE, HI, PCT
    ),
    _ext("U07451", "34", "Nöjd-Kund-Index företagsklimat, helhet", "Företagsklimat (NKI)", SAMHALLE, HI, IDX),
    _ext(
        "N00914",
        None,
        "Förvärvsarbetande invånare 20–64 år, andel (%)",
        "Förvärvsarbetande",
        SAMHALLE,
        HI,
        PCT,
    ),
    _ext("N05401", None, "Valdeltagande i senaste kommunvalet, %", "Valdeltagande", SAMHALLE, HI, PCT),
    _own(
        "U11401",
        "5",
        "Andel barn som erbjudits plats på förskola på önskat placeringsdatum, %",
        "Plats på önskat datum",
        FORSKOLA,
        "higher",
        PCT,
        template="forskola",
        table="Placeringar",
        period=FIRST_HALF,
        definition="Rader med önskat placeringsdatum i perioden. Effektivt önskat datum = nästa vardag från "
        "önskat datum. 100 × rader där erbjudet datum ≤ effektivt önskat datum / rader.",
        inputs=("Önskat placeringsdatum", "Erbjudet placeringsdatum"),
    ),
    _own(
        "U11402",
        "6",
        "Genomsnittlig väntetid i antal dagar för de barn som inte erbjudits plats på önskat placeringsdatum",
        "Väntetid förskola",
        FORSKOLA,
        "lower",
        DAYS,
        template="forskola",
        table="Placeringar",
        period=FIRST_HALF,
        definition="Σ(erbjudet − effektivt önskat datum) över rader där erbjudet > effektivt önskat / antal "
        "sådana rader; 0 när ingen placering är sen.",
        inputs=("Önskat placeringsdatum", "Erbjudet placeringsdatum"),
    ),
    _ext(
        "N11102",
        None,
        "Inskrivna barn per årsarbetare i förskola, antal",
        "Barn per personal",
        FORSKOLA,
        LO,
        CNT,
    ),
    _ext(
        "N15428",
        "18",
        "Elever i åk 9 som är behöriga till yrkesprogram, andel (%)",
        "Behörighet gymnasiet",
        SKOLA,
        HI,
        PCT,
    ),
    _ext(
        "N17404",
        "21",
        "Gymnasieelever som fullföljer sin utbildning inom 4 år, andel (%)",
        "Gymnasieexamen",
        SKOLA,
        HI,
        PCT,
    ),
    _own(
        "U21401",
        "10",
        "Antal personal som en hemtjänsttagare möter under 14 dagar, medelvärde",
        "Personalkontinuitet",
        ALDRE,
        "lower",
        CNT,
        template="hemtjanst",
        table="Besok",
        period="14 dagar från parametern Mätperiodens första dag",
        definition="Kvalificerande besök: datum i perioden, Besökstyp = Omsorg, Personalkategori = "
        "Omsorgspersonal, 07:00 ≤ Starttid < 22:00. Brukare med ålder ≥ 65 och minst två kvalificerande "
        "besök varje dag av de 14. Medelvärde av antal olika personal per brukare.",
        inputs=("Brukare", "Födelseår", "Datum", "Starttid", "Personal", "Personalkategori", "Besökstyp"),
    ),
    _own(
        "U23401",
        "7",
        "Väntetid i antal dagar från ansökningsdatum till erbjudet inflyttningsdatum till "
        "särskilt boende, medelvärde",
        "Väntetid SÄBO",
        ALDRE,
        "lower",
        DAYS,
        template="sarskilt-boende",
        table="Ansokningar",
        period=FIRST_HALF,
        definition="Sökande 65 år eller äldre med erbjudet inflyttningsdatum i perioden. Medelvärde av "
        "(erbjudet inflyttningsdatum − ansökningsdatum).",
        inputs=("Ålder vid ansökan", "Ansökningsdatum", "Erbjudet inflyttningsdatum"),
    ),
    _own(
        "U23488",
        "23",
        "Kvalitetsaspekter särskilt boende äldreomsorg, andel (%) av maxpoäng",
        "Kvalitet SÄBO",
        ALDRE,
        "higher",
        PCT,
        template="sarskilt-boende",
        table="Kvalitet",
        period="Mätdagen",
        definition="Per aspekt: andel platser på enheter som svarat Ja. Poäng 0 % → 0, "
        "(0,25] → 1, (25,50] → 2, (50,75] → 3, (75,100) → 4, 100 % → 5. "
        "Σ poäng / (5 × antal aspekter) × 100.",
        inputs=("Antal platser",),
    ),
    _own(
        "U31402",
        "8",
        "Väntetid i antal dagar från första kontakt till beslut inom försörjningsstöd, medelvärde",
        "Väntetid försörjningsstöd",
        SOCIAL,
        "lower",
        DAYS,
        template="forsorjningsstod",
        table="Arenden",
        period=FIRST_HALF,
        definition="Nybesök (huvud- och medsökande) med beslutsdatum i perioden. Medelvärde av "
        "(beslutsdatum − första kontakt).",
        inputs=("Första kontakt", "Beslutsdatum", "Nybesök"),
    ),
    _own(
        "U33400",
        "30",
        "Ungdomar med insats som inte återkommit inom ett år efter avslutad utredning "
        "eller insats, andel (%)",
        "Ungdomar ej åter",
        SOCIAL,
        "higher",
        PCT,
        template="ungdomar",
        table="Avslut",
        period="1 januari – 30 juni året före mätåret",
        definition="Ungdomar 13–20 år med avslut första halvåret året före, ej endast ekonomiskt bistånd. "
        "100 × ej återaktualiserade / alla. Ensamkommande räknas som alla andra (inställningen "
        "ungdomar_ensamkommande=utesluta räknar bort dem).",
        inputs=(
            "Ålder vid avslut",
            "Avslutsdatum",
            "Återaktualiserad inom ett år",
            "Ensamkommande",
            "Endast ekonomiskt bistånd",
        ),
    ),
    _ext("N31807", None, "Invånare med ekonomiskt bistånd, andel (%)", "Ekonomiskt bistånd", SOCIAL, LO, PCT),
    _own(
        "U28418",
        None,
        "Väntetid i antal dagar från beslut till erbjuden bostad enligt LSS § 9.9, medelvärde",
        "Väntetid LSS-bostad",
        LSS,
        "lower",
        DAYS,
        template="lss",
        table="Beslut",
        period=FIRST_HALF,
        definition="Beslut i perioden som inte är omprövningar. Medelvärde av (erbjudet inflyttningsdatum − "
        "beslutsdatum). Odefinierat vid färre än 4 beslut.",
        inputs=("Beslutsdatum", "Erbjudet inflyttningsdatum", "Omprövning"),
    ),
    _own(
        "U28423",
        "29",
        "Kvalitetsaspekter bostad med särskild service LSS, andel (%) av maxpoäng",
        "Kvalitet LSS-bostad",
        LSS,
        "higher",
        PCT,
        template="lss",
        table="Kvalitet",
        period="Mätdagen",
        definition="Som för särskilt boende: poäng per aspekt efter andel platser med Ja, Σ poäng / "
        "(5 × antal aspekter) × 100.",
        inputs=("Antal platser",),
    ),
    _own(
        "U07409",
        "38",
        "Ekologiska livsmedel i kommunens verksamhet, andel (%)",
        "Ekologiska livsmedel",
        MILJO,
        "higher",
        PCT,
        template="kost",
        table="Fakturor",
        period=FIRST_HALF,
        definition="Fakturor med fakturadatum i perioden. 100 × Σ Varav ekologiskt / Σ Belopp totalt.",
        inputs=("Fakturadatum", "Belopp totalt (kr)", "Varav ekologiskt (kr)"),
    ),
    _own(
        "U00437",
        None,
        "Miljöbilar i kommunorganisationen, andel (%)",
        "Miljöbilar",
        MILJO,
        "higher",
        PCT,
        template="miljobilar",
        table="Fordon",
        period="Fordonsbeståndet vid mättillfället",
        definition="100 × fordon med Miljöbil = Ja / alla fordon. En tom cell i Miljöbil gör att värdet "
        "inte räknas.",
        inputs=("Miljöbil",),
        all_rows=True,
    ),
    _ext(
        "N00938", None, "Sjukfrånvaro bland kommunens anställda, andel (%)", "Sjukfrånvaro", PERSONAL, LO, PCT
    ),
)
