"""Generate the example CSV files (valid data for 2025) for every template and table.

Deterministic (seeded): ``python examples/generate.py`` rewrites ``examples/<template>/<table>.csv``.
Headers come from the catalogue; the rows are invented but shaped like real municipal data.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from datetime import date, datetime, time, timedelta
from pathlib import Path

from kkik_xl.catalogue import CATALOGUE

YEAR = 2025
HERE = Path(__file__).resolve().parent
Row = dict[str, object]


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randint(0, (end - start).days))


def _janej(flag: bool) -> str:
    return "Ja" if flag else "Nej"


def forskola_placeringar(rng: random.Random) -> Iterator[Row]:
    units = ["Solrosen", "Ekorren", "Blåklinten", "Myrstacken", "Lärkan"]
    for _ in range(60):
        desired = _day(rng, date(YEAR, 1, 1), date(YEAR, 7, 15))
        late = rng.random() < 0.3
        offered = desired + timedelta(days=rng.randint(1, 45) if late else -rng.randint(0, 3))
        yield {
            "Enhet": rng.choice(units),
            "Önskat placeringsdatum": desired,
            "Erbjudet placeringsdatum": offered,
        }


def sabo_ansokningar(rng: random.Random) -> Iterator[Row]:
    for i in range(1, 41):
        applied = _day(rng, date(YEAR - 1, 11, 1), date(YEAR, 5, 20))
        decided = applied + timedelta(days=rng.randint(7, 35))
        offered = decided + timedelta(days=rng.randint(0, 70))
        yield {
            "Ärende": f"SÄBO-{i:03d}",
            "Ålder vid ansökan": rng.choice([rng.randint(66, 99)] * 9 + [rng.randint(58, 64)]),
            "Ansökningsdatum": applied,
            "Beslutsdatum": decided if rng.random() > 0.05 else None,
            "Erbjudet inflyttningsdatum": offered,
        }


def quality(units: list[str]) -> Callable[[random.Random, str, str], Iterator[Row]]:
    def rows(rng: random.Random, template_id: str, table: str) -> Iterator[Row]:
        tab = CATALOGUE.template(template_id).table(table)
        indicators = [c.name for c in tab.columns_for_year(YEAR)[len(tab.columns) :]]
        for unit in units:
            row: Row = {"Enhet": unit, "Antal platser": rng.randint(6, 48)}
            row |= {name: _janej(rng.random() < 0.8) for name in indicators}
            yield row

    return rows


def forsorjningsstod_arenden(rng: random.Random) -> Iterator[Row]:
    for i in range(1, 51):
        contact = _day(rng, date(YEAR - 1, 12, 1), date(YEAR, 6, 20))
        decided = contact + timedelta(days=rng.randint(2, 30))
        new_visit = rng.random() < 0.8
        yield {
            "Ärende": f"FB-{i:03d}",
            "Första kontakt": contact,
            "Beslutsdatum": decided,
            "Nybesök": _janej(new_visit),
            "Sökande": "Huvudsökande",
        }
        if rng.random() < 0.3:
            yield {
                "Ärende": f"FB-{i:03d}",
                "Första kontakt": contact,
                "Beslutsdatum": decided,
                "Nybesök": _janej(new_visit),
                "Sökande": "Medsökande",
            }


def hemtjanst_besok(rng: random.Random) -> Iterator[Row]:
    start = date(YEAR, 10, 1)
    groups = {"Norr": [f"N{i:02d}" for i in range(1, 13)], "Söder": [f"S{i:02d}" for i in range(1, 11)]}
    for b in range(1, 25):
        group = "Norr" if b % 2 else "Söder"
        born = rng.randint(1925, 1958) if b % 8 else 1961
        for day in range(14):
            visits = rng.randint(1, 4) if b % 6 == 0 else rng.randint(2, 5)
            for v in range(visits):
                begin = datetime.combine(start, time(7, 0)) + timedelta(minutes=v * 200 + rng.randint(0, 90))
                kind = "Omsorg" if rng.random() > 0.08 else rng.choice(["Trygghetslarm", "Matleverans"])
                yield {
                    "Brukare": f"B{b:03d}",
                    "Födelseår": born,
                    "Datum": start + timedelta(days=day),
                    "Starttid": begin.time(),
                    "Sluttid": (begin + timedelta(minutes=rng.randint(10, 50))).time(),
                    "Personal": rng.choice(groups[group]),
                    "Personalkategori": "Omsorgspersonal" if rng.random() > 0.05 else "Hemsjukvård",
                    "Besökstyp": kind,
                    "Hemtjänstgrupp": group,
                }


def ungdomar_avslut(rng: random.Random) -> Iterator[Row]:
    for i in range(1, 46):
        yield {
            "Person": f"U{i:03d}",
            "Ålder vid avslut": rng.randint(12, 21),
            "Avslutsdatum": _day(rng, date(YEAR - 1, 1, 1), date(YEAR - 1, 7, 31)),
            "Återaktualiserad inom ett år": _janej(rng.random() < 0.25),
            "Ensamkommande": _janej(rng.random() < 0.1),
            "Endast ekonomiskt bistånd": _janej(rng.random() < 0.1),
        }


def lss_beslut(rng: random.Random) -> Iterator[Row]:
    for i in range(1, 13):
        decided = _day(rng, date(YEAR, 1, 1), date(YEAR, 6, 30))
        yield {
            "Ärende": f"LSS-{i:03d}",
            "Beslutsdatum": decided,
            "Erbjudet inflyttningsdatum": decided + timedelta(days=rng.randint(20, 200)),
            "Omprövning": _janej(rng.random() < 0.15),
        }


def kost_fakturor(rng: random.Random) -> Iterator[Row]:
    suppliers = {
        "Menigo": "Torrvaror",
        "Martin & Servera": "Kött",
        "Grönsakshallen": "Frukt och grönt",
        "Arla": "Mejeri",
        "Lokala bageriet": "Bröd",
    }
    for _ in range(80):
        name, group = rng.choice(list(suppliers.items()))
        total = round(rng.uniform(800, 48000), 2)
        organic = round(total * rng.uniform(0.0, 0.6), 2)
        yield {
            "Leverantör": name,
            "Varugrupp": group,
            "Fakturadatum": _day(rng, date(YEAR, 1, 1), date(YEAR, 6, 30)),
            "Belopp totalt (kr)": total,
            "Varav ekologiskt (kr)": organic,
        }


def service_epost(rng: random.Random) -> Iterator[Row]:
    for i in range(1, 21):
        sent = datetime.combine(_day(rng, date(YEAR, 3, 3), date(YEAR, 4, 30)), time(rng.randint(8, 16), 0))
        answered = sent + timedelta(hours=rng.choice([2, 5, 20, 30, 52, 80, 120]))
        yield {"Fråga": f"F{i:02d}", "Skickad": sent, "Besvarad": answered if rng.random() > 0.1 else None}


def service_telefon(rng: random.Random) -> Iterator[Row]:
    for i in range(1, 31):
        answered = rng.random() < 0.85
        seconds = rng.choice([8, 15, 30, 45, 60, 61, 75, 120]) if answered else None
        direct = answered and rng.random() < 0.7
        yield {
            "Samtal": f"S{i:02d}",
            "Datum": _day(rng, date(YEAR, 3, 3), date(YEAR, 4, 30)),
            "Besvarat av person": _janej(answered),
            "Sekunder till person": seconds,
            "Direkt svar": _janej(direct),
            "Bemötande": rng.randint(1, 3) if answered else None,
        }


def miljobilar_fordon(rng: random.Random) -> Iterator[Row]:
    letters = "ABCDEFGHJKLMNOPRSTUWXYZ"
    for _ in range(40):
        reg = (
            "".join(rng.choice(letters) for _ in range(3))
            + f"{rng.randint(10, 99)}{rng.choice(letters + '0123456789')}"
        )
        yield {
            "Registreringsnummer": reg,
            "Fordonstyp": rng.choice(["Personbil"] * 3 + ["Lätt lastbil"]),
            "Miljöbil": _janej(rng.random() < 0.55),
        }


def _plain(
    gen: Callable[[random.Random], Iterator[Row]],
) -> Callable[[random.Random, str, str], Iterator[Row]]:
    return lambda rng, _template, _table: gen(rng)


GENERATORS: dict[tuple[str, str], Callable[[random.Random, str, str], Iterator[Row]]] = {
    ("forskola", "Placeringar"): _plain(forskola_placeringar),
    ("sarskilt-boende", "Ansokningar"): _plain(sabo_ansokningar),
    ("sarskilt-boende", "Kvalitet"): quality(["Björkgården", "Solhem", "Linnéa", "Ekbacken"]),
    ("forsorjningsstod", "Arenden"): _plain(forsorjningsstod_arenden),
    ("hemtjanst", "Besok"): _plain(hemtjanst_besok),
    ("ungdomar", "Avslut"): _plain(ungdomar_avslut),
    ("lss", "Beslut"): _plain(lss_beslut),
    ("lss", "Kvalitet"): quality(["Gruppbostad Tallen", "Gruppbostad Sjöbris", "Servicebostad Allén"]),
    ("kost", "Fakturor"): _plain(kost_fakturor),
    ("service", "Epost"): _plain(service_epost),
    ("service", "Telefon"): _plain(service_telefon),
    ("miljobilar", "Fordon"): _plain(miljobilar_fordon),
}


def cell(value: object) -> str:
    """CSV text as Swedish Excel exports it: ISO dates, hh:mm, decimal comma."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, time):
        return value.strftime("%H:%M")
    if isinstance(value, float):
        return f"{value:.2f}".replace(".", ",")
    return str(value)


def example_path(template_id: str, table: str, root: Path = HERE) -> Path:
    """``examples/<template>/<table>.csv``."""
    return root / template_id / f"{table.lower()}.csv"


def main(root: Path = HERE) -> None:
    """Write every example file under ``root``."""
    for template in CATALOGUE.templates:
        for tab in template.tables:
            rng = random.Random(f"{template.id}/{tab.name}")
            headers = [c.name for c in tab.columns_for_year(YEAR)]
            path = example_path(template.id, tab.name, root)
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("w", encoding="utf-8-sig", newline="") as fh:
                writer = csv.writer(fh, delimiter=";")
                writer.writerow(headers)
                for row in GENERATORS[(template.id, tab.name)](rng, template.id, tab.name):
                    writer.writerow([cell(row.get(h)) for h in headers])


if __name__ == "__main__":
    main()
