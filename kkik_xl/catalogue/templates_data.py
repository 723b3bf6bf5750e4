"""Template definitions: input tables, columns (exact headers, in order), parameters."""

from __future__ import annotations

from kkik_xl.catalogue.models import (
    Column,
    ColumnType,
    Parameter,
    ParameterType,
    Table,
    Template,
)

T, D, TM, DT = ColumnType.TEXT, ColumnType.DATE, ColumnType.TIME, ColumnType.DATETIME
INT, DEC, JN, CH = ColumnType.INT, ColumnType.DECIMAL, ColumnType.JANEJ, ColumnType.CHOICE

_COMMENT = Column(
    name="Kommentar",
    type=T,
    required=False,
    help="Fri kommentar. Skriv aldrig namn eller personnummer.",
    width=40,
)


def _id_column(name: str, what: str) -> Column:
    return Column(
        name=name,
        type=T,
        help=f"Eget löpnummer eller ärendenummer för {what}. Aldrig personnummer eller namn.",
        is_id=True,
        width=14,
    )


def _quality_table(kpi: str) -> Table:
    """A Kvalitet table; its ja/nej columns come from the year's indicator file (indicator_files)."""
    return Table(
        name="Kvalitet",
        sheet="Kvalitet",
        description="En rad per enhet (boende). Svara Ja eller Nej på varje kvalitetsaspekt (indikator).",
        columns=(
            Column(name="Enhet", type=T, help="Enhetens (boendets) namn.", width=30),
            Column(
                name="Antal platser",
                type=INT,
                help="Antal platser på enheten den 1 mars.",
                min_value=1,
                max_value=1000,
                width=14,
            ),
        ),
        quality_measure=kpi,
        key=("Enhet",),
        unit_column="Enhet",
    )


FORSKOLA = Template(
    id="forskola",
    name="Förskola – erbjuden placering",
    department="Förskola",
    description="Ansökningar om förskoleplats med önskat och erbjudet placeringsdatum.",
    tables=(
        Table(
            name="Placeringar",
            sheet="Placeringar",
            description="En rad per barn som ansökt om plats med önskat datum i mätperioden.",
            columns=(
                Column(
                    name="Enhet", type=T, required=False, help="Förskola eller område (valfritt).", width=24
                ),
                Column(name="Önskat placeringsdatum", type=D, help="Det datum vårdnadshavaren önskade."),
                Column(name="Erbjudet placeringsdatum", type=D, help="Det datum kommunen erbjöd plats."),
                _COMMENT,
            ),
            unit_column="Enhet",
        ),
    ),
)

SARSKILT_BOENDE = Template(
    id="sarskilt-boende",
    name="Särskilt boende för äldre",
    department="Äldreomsorg",
    description="Ansökningar om särskilt boende och kvalitetsaspekter per enhet.",
    tables=(
        Table(
            name="Ansokningar",
            sheet="Ansökningar",
            description="En rad per ansökan där erbjudet inflyttningsdatum ligger i mätperioden.",
            columns=(
                _id_column("Ärende", "ärendet"),
                Column(
                    name="Ålder vid ansökan",
                    type=INT,
                    help="Hela år vid ansökningsdatum.",
                    min_value=0,
                    max_value=120,
                    width=12,
                ),
                Column(name="Ansökningsdatum", type=D, help="Datum då ansökan kom in."),
                Column(name="Beslutsdatum", type=D, required=False, help="Datum för beviljande beslut."),
                Column(name="Erbjudet inflyttningsdatum", type=D, help="Första erbjudna inflyttningsdatum."),
                _COMMENT,
            ),
            key=("Ärende",),
        ),
        _quality_table("U23488"),
    ),
)

FORSORJNINGSSTOD = Template(
    id="forsorjningsstod",
    name="Ekonomiskt bistånd – väntetid",
    department="Individ- och familjeomsorg",
    description="Nybesök för försörjningsstöd: första kontakt och beslut.",
    tables=(
        Table(
            name="Arenden",
            sheet="Ärenden",
            description="En rad per sökande vid nybesök med beslut i mätperioden.",
            columns=(
                _id_column("Ärende", "ärendet"),
                Column(name="Första kontakt", type=D, help="Datum för första kontakt med kommunen."),
                Column(name="Beslutsdatum", type=D, help="Datum för beslut om försörjningsstöd."),
                Column(name="Nybesök", type=JN, help="Ja om ärendet är ett nybesök."),
                Column(
                    name="Sökande",
                    type=CH,
                    choices=("Huvudsökande", "Medsökande"),
                    help="Huvudsökande eller medsökande.",
                    width=16,
                ),
                _COMMENT,
            ),
            key=("Ärende", "Sökande"),
        ),
    ),
)

HEMTJANST = Template(
    id="hemtjanst",
    name="Hemtjänst – personalkontinuitet",
    department="Äldreomsorg",
    description="Besökslogg för hemtjänst under en 14-dagarsperiod.",
    tables=(
        Table(
            name="Besok",
            sheet="Besök",
            description="En rad per besök och personal (dubbelbemannat besök = två rader).",
            columns=(
                _id_column("Brukare", "brukaren"),
                Column(
                    name="Födelseår", type=INT, help="Brukarens födelseår.", min_value=1900, max_value=2100
                ),
                Column(name="Datum", type=D, help="Besökets datum."),
                Column(name="Starttid", type=TM, help="Besökets starttid (tt:mm).", width=10),
                Column(name="Sluttid", type=TM, help="Besökets sluttid (tt:mm).", width=10),
                Column(
                    name="Personal",
                    type=T,
                    help="Personalens kod (inte namn).",
                    is_id=True,
                    width=12,
                ),
                Column(
                    name="Personalkategori",
                    type=CH,
                    choices=("Omsorgspersonal", "Hemsjukvård"),
                    help="Omsorgspersonal eller hemsjukvård (HSL).",
                ),
                Column(
                    name="Besökstyp",
                    type=CH,
                    choices=("Omsorg", "Trygghetslarm", "Matleverans"),
                    help="Omsorg, trygghetslarm eller matleverans.",
                    width=14,
                ),
                Column(name="Hemtjänstgrupp", type=T, required=False, help="Hemtjänstgrupp eller område."),
            ),
            key=("Brukare", "Datum", "Starttid", "Personal"),
            unit_column="Hemtjänstgrupp",
        ),
    ),
    parameters=(
        Parameter(
            name="period_start",
            label="Mätperiodens första dag",
            type=ParameterType.DATE,
            help="Första dagen i den 14 dagar långa mätperioden.",
            default="{year}-10-01",
        ),
    ),
)

UNGDOMAR = Template(
    id="ungdomar",
    name="Ungdomar – återaktualisering",
    department="Individ- och familjeomsorg",
    description="Avslutade insatser för ungdomar 13–20 år under första halvåret föregående år.",
    tables=(
        Table(
            name="Avslut",
            sheet="Avslut",
            description="En rad per ungdom vars insats avslutades under första halvåret året före.",
            columns=(
                _id_column("Person", "ungdomen"),
                Column(
                    name="Ålder vid avslut",
                    type=INT,
                    help="Hela år vid avslutet.",
                    min_value=0,
                    max_value=30,
                    width=12,
                ),
                Column(name="Avslutsdatum", type=D, help="Datum då insatsen avslutades."),
                Column(
                    name="Återaktualiserad inom ett år", type=JN, help="Ja om ungdomen återkom inom ett år."
                ),
                Column(
                    name="Ensamkommande",
                    type=JN,
                    required=False,
                    help="Ja om ungdomen är ensamkommande. Räknas bara bort med inställningen "
                    "ungdomar_ensamkommande=utesluta; då måste kolumnen fyllas i.",
                    blank_means="används inte med standardinställningen (med utesluta: fel KKIK-VA-012)",
                ),
                Column(name="Endast ekonomiskt bistånd", type=JN, help="Ja om insatsen endast var bistånd."),
            ),
            key=("Person",),
        ),
    ),
)

LSS = Template(
    id="lss",
    name="LSS – bostad med särskild service",
    department="Funktionsstöd",
    description="Beslut om bostad enligt LSS och kvalitetsaspekter per enhet.",
    tables=(
        Table(
            name="Beslut",
            sheet="Beslut",
            description="En rad per beslut om bostad med särskild service med beslut i mätperioden.",
            columns=(
                _id_column("Ärende", "ärendet"),
                Column(name="Beslutsdatum", type=D, help="Datum för beviljande beslut."),
                Column(name="Erbjudet inflyttningsdatum", type=D, help="Första erbjudna inflyttningsdatum."),
                Column(name="Omprövning", type=JN, help="Ja om beslutet gäller omprövning (räknas inte)."),
                _COMMENT,
            ),
            key=("Ärende",),
        ),
        _quality_table("U28423"),
    ),
)

KOST = Template(
    id="kost",
    name="Måltider – ekologiska livsmedel",
    department="Kost och måltid",
    description="Livsmedelsfakturor med totalbelopp och ekologisk andel.",
    tables=(
        Table(
            name="Fakturor",
            sheet="Fakturor",
            description="En rad per faktura eller fakturarad för livsmedel.",
            columns=(
                Column(name="Leverantör", type=T, help="Leverantörens namn.", width=24),
                Column(name="Varugrupp", type=T, required=False, help="Varugrupp (valfritt).", width=18),
                Column(name="Fakturadatum", type=D, help="Fakturans datum."),
                Column(
                    name="Belopp totalt (kr)",
                    type=DEC,
                    help="Belopp exklusive moms.",
                    min_value=0,
                    width=16,
                ),
                Column(
                    name="Varav ekologiskt (kr)",
                    type=DEC,
                    help="Del av beloppet som är ekologiskt.",
                    min_value=0,
                    blank_means="räknas som 0 kr",
                    width=16,
                ),
            ),
            unit_column="Varugrupp",
        ),
    ),
)

SERVICE = Template(
    id="service",
    name="Service – e-post och telefon",
    department="Kommunledning",
    description="Resultat från testfrågor via e-post och testsamtal.",
    tables=(
        Table(
            name="Epost",
            sheet="E-post",
            description="En rad per skickad testfråga via e-post.",
            columns=(
                Column(name="Fråga", type=T, help="Frågans nummer eller kortnamn.", width=14),
                Column(name="Skickad", type=DT, help="Datum och tid då frågan skickades.", width=18),
                Column(
                    name="Besvarad",
                    type=DT,
                    required=False,
                    help="Datum och tid för svaret. Tomt = inget svar.",
                    blank_means="betyder att frågan inte besvarades",
                    width=18,
                ),
            ),
            key=("Fråga",),
        ),
        Table(
            name="Telefon",
            sheet="Telefon",
            description="En rad per testsamtal.",
            columns=(
                Column(name="Samtal", type=T, help="Samtalets nummer.", width=12),
                Column(name="Datum", type=D, help="Samtalets datum."),
                Column(
                    name="Besvarat av person",
                    type=JN,
                    help="Ja om en person i kommunen svarade. Nej om ingen svarade (bara signaler, "
                    "röstbrevlåda eller röstval räknas som ej besvarat).",
                ),
                Column(
                    name="Sekunder till person",
                    type=INT,
                    required=False,
                    help="Sekunder tills en person i kommunen svarade. Tiden i röstval (knappval och "
                    "inspelade meddelanden) räknas inte. Tom om ej besvarat.",
                    blank_means="hör till ett obesvarat samtal (för ett besvarat samtal: fel KKIK-VA-010)",
                    min_value=0,
                    max_value=3600,
                    width=12,
                ),
                Column(
                    name="Direkt svar",
                    type=JN,
                    help="Ja om frågan besvarades direkt i samtalet. Nej om den inte besvarades eller om "
                    "samtalet inte besvarades.",
                ),
                Column(
                    name="Bemötande",
                    type=INT,
                    required=False,
                    help="Bemötande 0–3 poäng. Tomt om inget samtal kom fram.",
                    blank_means="betyder att samtalet inte bedömdes (räknas inte i U00414)",
                    min_value=0,
                    max_value=3,
                    width=12,
                ),
            ),
            key=("Samtal",),
        ),
    ),
)

MILJOBILAR = Template(
    id="miljobilar",
    name="Miljöbilar i kommunorganisationen",
    department="Fordon",
    description="Kommunens personbilar och lätta lastbilar.",
    tables=(
        Table(
            name="Fordon",
            sheet="Fordon",
            description="En rad per fordon.",
            columns=(
                Column(name="Registreringsnummer", type=T, help="Fordonets registreringsnummer.", width=16),
                Column(
                    name="Fordonstyp",
                    type=CH,
                    choices=("Personbil", "Lätt lastbil"),
                    help="Personbil eller lätt lastbil.",
                    width=14,
                ),
                Column(name="Miljöbil", type=JN, help="Ja om fordonet uppfyller miljöbilsdefinitionen."),
            ),
            key=("Registreringsnummer",),
        ),
    ),
)

TEMPLATES = (FORSKOLA, SARSKILT_BOENDE, FORSORJNINGSSTOD, HEMTJANST, UNGDOMAR, LSS, KOST, SERVICE, MILJOBILAR)
