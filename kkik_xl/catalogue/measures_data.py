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

KKIK_GROUP = frozenset(
    [
        "N00914",
        "N00938",
        "N05401",
        "N11008",
        "N11102",
        "N15428",
        "N15474",
        "N15479",
        "N17404",
        "N21010",
        "N23002",
        "N31807",
        "U00402",
        "U00405",
        "U00408",
        "U00412",
        "U00413",
        "U00414",
        "U00415",
        "U00416",
        "U00437",
        "U00901",
        "U07408",
        "U07409",
        "U07414",
        "U07451",
        "U07460",
        "U09403",
        "U09404",
        "U11401",
        "U11402",
        "U11419",
        "U15406",
        "U15455",
        "U17022",
        "U21401",
        "U21468",
        "U23401",
        "U23471",
        "U31402",
        "U33400",
    ]
)
"""Kolada's KPI group "KKiK – ordinarie mått" as listed in Kolada's API documentation repository
(Hypergene/kolada, examples/kommun_i_korthet.rst; the group of the guide's years)."""
KKIK_GROUP_SOURCE = (
    "Hypergene/kolada, examples/kommun_i_korthet.rst (Koladas nyckeltalsgrupp KKiK – ordinarie mått)"
)
RKOLADA_SOURCE = "LCHansson/rKolada, tests/testthat (get_kpi_id mot Koladas nyckeltalslista)"

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
        **_verified(kpi),
    )


def _verified(kpi: str, source: str = "") -> dict[str, object]:
    """``kolada_verified``/``kolada_source``: the id is in the KKiK group list, or in ``source``."""
    if source:
        return {"kolada_verified": True, "kolada_source": source}
    if kpi in KKIK_GROUP:
        return {"kolada_verified": True, "kolada_source": KKIK_GROUP_SOURCE}
    return {"kolada_verified": False, "kolada_source": ""}


def _ext(
    kpi: str,
    number: str | None,
    title: str,
    short: str,
    area: str,
    direction: Direction,
    unit: Unit,
    *,
    definition: str = "",
    source: str = "",
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
        definition=definition or "Samlas in av annan part och hämtas från Kolada.",
        **_verified(kpi, source),
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
        "N00938",
        None,
        "Sjukpenningtal, dagar per registrerad försäkrad 16–64 år (invånare i kommunen)",
        "Sjukpenningtal",
        SAMHALLE,
        LO,
        DAYS,
        definition="Försäkringskassans sjukpenningtal för kommunens invånare, hämtas från Kolada. Färre "
        "sjukpenningdagar per försäkrad är bättre. (Inte sjukfrånvaron bland kommunens anställda.)",
    ),
    _ext(
        "U21468",
        None,
        "Brukarbedömning hemtjänst äldreomsorg – helhetssyn, andel (%)",
        "Nöjdhet hemtjänst",
        ALDRE,
        HI,
        PCT,
        definition="Andel brukare i hemtjänsten som sammantaget är nöjda (Socialstyrelsens "
        "brukarundersökning), hämtas från Kolada. En högre andel nöjda är bättre.",
    ),
    _ext(
        "U23471",
        None,
        "Brukarbedömning särskilt boende äldreomsorg – helhetssyn, andel (%)",
        "Nöjdhet särskilt boende",
        ALDRE,
        HI,
        PCT,
        definition="Andel boende i särskilt boende som sammantaget är nöjda (Socialstyrelsens "
        "brukarundersökning), hämtas från Kolada. En högre andel nöjda är bättre.",
        source=f"{KKIK_GROUP_SOURCE}; titeln: {RKOLADA_SOURCE}",
    ),
)

NOT_IN_CATALOGUE: tuple[tuple[str, str, str], ...] = (
    ("Nationella prov årskurs 3 (KKiK-guiden Mått 17A)", SKOLA, "högre är bättre"),
    ("Nationella prov årskurs 6 (KKiK-guiden Mått 17B)", SKOLA, "högre är bättre"),
    ("Elevernas trygghet i skolan", SKOLA, "högre är bättre"),
    ("Planerat antal barn per personal i förskolan", FORSKOLA, "lägre är bättre"),
    ("Brukarbedömning individ- och familjeomsorg – helhetssyn", SOCIAL, "högre är bättre"),
    (
        "Vuxna som inte återkommer till ekonomiskt bistånd ett år efter avslutat bistånd",
        SOCIAL,
        "högre är bättre",
    ),
    ("Sjuksköterskor per plats i särskilt boende", ALDRE, "högre är bättre"),
    ("Bibliotekets öppettider utanför kontorstid", SAMHALLE, "högre är bättre"),
    ("Bibliotekets aktiviteter", SAMHALLE, "högre är bättre"),
    ("Hushållsavfall som samlats in för materialåtervinning", MILJO, "högre är bättre"),
    ("Kostnadsmått (t.ex. kostnad per barn i förskola, per elev, per brukare)", SAMHALLE, "lägre är bättre"),
)
"""Measures the guide or the municipal KKiK reports name whose Kolada id we could not verify against a
published KPI list: listed in docs/matt.md, deliberately not given a guessed id."""
