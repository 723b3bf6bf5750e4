"""Finding codes of the reader (``KKIK-LS-``): cells that do not parse and table structure problems."""

from __future__ import annotations

from kkik_xl.codes import register
from kkik_xl.findings import Severity

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO

BAD_VALUE = register(
    "KKIK-LS-001",
    E,
    "Värdet kan inte läsas",
    "Cell {cell} i kolumnen {column} kan inte läsas: {reason} Raden räknas inte.",
)
EXCEL_ERROR = register(
    "KKIK-LS-002",
    E,
    "Felvärde i cellen",
    "Cell {cell} i kolumnen {column} innehåller felvärdet {value}. Rätta formeln eller skriv in värdet. "
    "Raden räknas inte.",
)
TEXT_AS_VALUE = register(
    "KKIK-LS-003",
    INFO,
    "Text tolkad som värde",
    "Cell {cell} i kolumnen {column} innehåller texten {value!r}, som har tolkats som {parsed}. "
    "Skriv hellre in värdet som {kind} i Excel.",
)
MISSING_COLUMN = register(
    "KKIK-LS-004",
    E,
    "Obligatorisk kolumn saknas",
    "Kolumnen {column!r} saknas i tabellen {table} (blad {sheet}). Lägg till den med exakt den rubriken.",
)
MISSING_OPTIONAL_COLUMN = register(
    "KKIK-LS-005",
    W,
    "Valfri kolumn saknas",
    "Den valfria kolumnen {column!r} saknas i tabellen {table} (blad {sheet}). Den räknas som tom.",
)
RENAMED_COLUMN = register(
    "KKIK-LS-006",
    W,
    "Rubriken är ändrad",
    "Rubriken {found!r} i cell {cell} har tolkats som kolumnen {column!r}. "
    "Skriv rubriken exakt som i mallen.",
)
EXTRA_COLUMN = register(
    "KKIK-LS-007",
    W,
    "Okänd kolumn",
    "Kolumnen {column!r} i cell {cell} ingår inte i mallen och läses inte.",
)
REORDERED_COLUMNS = register(
    "KKIK-LS-008",
    INFO,
    "Kolumnerna står i annan ordning",
    "Kolumnerna i tabellen {table} står i en annan ordning än i mallen ({order}). De läses efter rubrik.",
)
MISSING_TABLE = register(
    "KKIK-LS-009",
    E,
    "Bladet eller tabellen saknas",
    "Bladet {sheet!r} med tabellen {table} saknas i filen. Dess mått kan inte beräknas.",
)
ENCODING_FALLBACK = register(
    "KKIK-LS-010",
    INFO,
    "Filen lästes som Windows-1252",
    "Filen {sheet} är inte UTF-8 och lästes som Windows-1252. Spara hellre som CSV UTF-8.",
)
DUPLICATE_COLUMN = register(
    "KKIK-LS-011",
    E,
    "Rubriken finns flera gånger",
    "Rubriken {column!r} finns flera gånger i tabellen {table}. Bara den första läses.",
)
MERGED_CELLS = register(
    "KKIK-LS-012",
    W,
    "Sammanslagna celler i tabellen",
    "Cellerna {cell} i kolumnen {column} är sammanslagna. Bara {first} har ett värde; de andra cellerna "
    "läses som tomma. Dela upp sammanslagningen och skriv värdet på varje rad.",
)
UNCALCULATED = register(
    "KKIK-LS-013",
    W,
    "Formeln har inget uträknat värde",
    "Cell {cell} i kolumnen {column} innehåller formeln{formula} men inget uträknat värde (filen har inte "
    "räknats om i Excel), så cellen läses som tom. Öppna filen i Excel och spara den, eller skriv in värdet.",
)
NOT_SCANNED = register(
    "KKIK-LS-014",
    INFO,
    "Bladet är för stort för kontrollen av sammanfogade celler",
    "Bladet {sheet} är för stort ({size} MB XML, gränsen är {limit} MB) för kontrollen av sammanfogade "
    "celler och formler utan värde (KKIK-LS-012, KKIK-LS-013), så den gjordes inte. Övriga kontroller är "
    "gjorda. Kontrollera i Excel att tabellen inte har sammanfogade celler och att filen är sparad i Excel "
    "(då har formlerna värden), eller dela upp raderna på flera mindre filer.",
)

# Dates the reader refuses with their own code, so the guide can explain each (KKIK-DA-010, -011).
DATE_AS_YYYYMMDD = register(
    "KKIK-DA-010",
    E,
    "Datumet är skrivet ÅÅÅÅMMDD",
    "Cell {cell} i kolumnen {column}: {reason} Raden räknas inte.",
)
DATE_OUT_OF_RANGE = register(
    "KKIK-DA-011",
    E,
    "Datumet ligger utanför det Excel kan visa",
    "Cell {cell} i kolumnen {column}: {reason} Raden räknas inte.",
)
