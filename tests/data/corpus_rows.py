"""Valid, realistic rows per template for the bad-input corpus (``make_corpus.py``).

Each function returns fresh dicts (table name → list of rows keyed by header), so a case can break
one cell without touching the others. Every set of rows validates without findings on its own.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from kkik_xl.catalogue import CATALOGUE

Rows = dict[str, list[dict[str, object]]]

UNITS = ("Solgården", "Björkhagen", "Ekbacken", "Lönnen", "Sjöglimten")


WAITS = (0, 12, 5, 0, 21, 3, 14, 0, 9, 30, 2, 7)


def forskola() -> Rows:
    """Twelve applications in the first half of 2025, two preschools."""
    rows = []
    for i in range(12):
        wanted = date(2025, 1, 7) + timedelta(days=14 * i)
        rows.append({
            "Enhet": ("Solen", "Månen")[i % 2],
            "Önskat placeringsdatum": wanted,
            "Erbjudet placeringsdatum": wanted + timedelta(days=WAITS[i]),
            "Kommentar": "Syskonförtur" if i == 5 else None,
        })  # fmt: skip
    return {"Placeringar": rows}


def _quality(names: tuple[str, ...]) -> list[dict[str, object]]:
    return [
        {
            "Enhet": unit,
            "Antal platser": 24 + 8 * u,
            **{n: ("Ja", "Nej")[(u + k) % 5 == 0] for k, n in enumerate(names)},
        }
        for u, unit in enumerate(UNITS)
    ]


def _aspects(template: str) -> tuple[str, ...]:
    """The quality aspects the catalogue asks in 2025 (the Kvalitet sheet's ja/nej columns)."""
    table = CATALOGUE.template(template).table("Kvalitet")
    return table.quality_names(2025)


def sarskilt_boende() -> Rows:
    """Ten applications with offers in the first half of 2025 and five units' quality answers."""
    rows = []
    for i in range(10):
        applied = date(2024, 12, 2) + timedelta(days=15 * i)
        rows.append({
            "Ärende": f"SÄBO-2025-{i + 1:03d}",
            "Ålder vid ansökan": 78 + (i * 7) % 17,
            "Ansökningsdatum": applied,
            "Beslutsdatum": applied + timedelta(days=10 + i % 3),
            "Erbjudet inflyttningsdatum": applied + timedelta(days=40 + (i % 5) * 6),
            "Kommentar": None,
        })  # fmt: skip
    return {"Ansokningar": rows, "Kvalitet": _quality(_aspects("sarskilt-boende"))}


def lss() -> Rows:
    """Six decisions in the first half of 2025 (one re-examination) and five units."""
    rows = []
    for i in range(6):
        decided = date(2025, 1, 13) + timedelta(days=25 * i)
        rows.append({
            "Ärende": f"LSS-{i + 101}",
            "Beslutsdatum": decided,
            "Erbjudet inflyttningsdatum": decided + timedelta(days=60 + 20 * i),
            "Omprövning": "Ja" if i == 4 else "Nej",
            "Kommentar": None,
        })  # fmt: skip
    return {"Beslut": rows, "Kvalitet": _quality(_aspects("lss"))}


def forsorjningsstod() -> Rows:
    """Eight first visits with decisions in the first half of 2025."""
    rows = []
    for i in range(8):
        contact = date(2025, 1, 8) + timedelta(days=19 * i)
        rows.append({
            "Ärende": f"EB-{2025_000 + i}",
            "Första kontakt": contact,
            "Beslutsdatum": contact + timedelta(days=6 + (i % 4) * 3),
            "Nybesök": "Ja",
            "Sökande": "Medsökande" if i == 3 else "Huvudsökande",
            "Kommentar": None,
        })  # fmt: skip
    return {"Arenden": rows}


def hemtjanst() -> Rows:
    """Visits over the 14 days from 2025-10-01: eight recipients, two visits a day, two groups."""
    rows = []
    for i in range(8 * 2 * 14):
        recipient, visit, day = i % 8, (i // 8) % 2, i // 16
        start = time(8, 15) if visit == 0 else time(17, 30)
        rows.append({
            "Brukare": f"B{recipient + 1:03d}",
            "Födelseår": 1932 + recipient * 2,
            "Datum": date(2025, 10, 1) + timedelta(days=day),
            "Starttid": start,
            "Sluttid": start.replace(minute=start.minute + 25),
            "Personal": f"P{(recipient + day) % 5 + 1:02d}",
            "Personalkategori": "Omsorgspersonal",
            "Besökstyp": "Omsorg",
            "Hemtjänstgrupp": ("Norr", "Söder")[recipient % 2],
        })  # fmt: skip
    return {"Besok": rows}


def ungdomar() -> Rows:
    """Eight young people whose interventions ended in the first half of 2024."""
    rows = []
    for i in range(8):
        rows.append({
            "Person": f"U-{i + 11}",
            "Ålder vid avslut": 14 + i % 6,
            "Avslutsdatum": date(2024, 1, 15) + timedelta(days=20 * i),
            "Återaktualiserad inom ett år": "Ja" if i in (2, 6) else "Nej",
            "Ensamkommande": "Nej",
            "Endast ekonomiskt bistånd": "Nej",
        })  # fmt: skip
    return {"Avslut": rows}


def service() -> Rows:
    """Six e-mail questions and six test calls."""
    sent = [datetime(2025, 3, 3 + i, 9, 30) for i in range(6)]
    epost = [
        {"Fråga": f"F{i + 1}", "Skickad": s, "Besvarad": s + timedelta(hours=5 + i) if i != 4 else None}
        for i, s in enumerate(sent)
    ]
    telefon = [
        {
            "Samtal": f"S{i + 1}",
            "Datum": date(2025, 3, 10 + i),
            "Besvarat av person": "Ja",
            "Sekunder till person": 10 * (i + 1),
            "Direkt svar": "Ja" if i % 3 else "Nej",
            "Bemötande": 2 + i % 2,
        }
        for i in range(6)
    ]
    return {"Epost": epost, "Telefon": telefon}
