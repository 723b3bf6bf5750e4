"""The year's quality indicators of U23488 and U28423 as data: one TOML/JSON file per year.

Shipped files live in ``kkik_xl/catalogue/indicators/<year>.toml``. A coordinator may replace the list
with their own file (``--indikatorer FIL``); :func:`use_file` validates it (Swedish
:class:`IndicatorFileError`) and makes it the list every layer sees (templates, reader, rules, engines,
docs, submission) for the rest of the process.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

FOLDER = Path(__file__).parent / "indicators"
QUALITY_MEASURES = ("U23488", "U28423")
FIXED_COLUMNS = ("Enhet", "Antal platser")
NAME_PATTERN = r"^[A-Za-zÅÄÖåäöÉéÜü0-9][A-Za-zÅÄÖåäöÉéÜü0-9 ,()/–-]{0,59}$"


class IndicatorFileError(ValueError):
    """An indicator file that cannot be used; ``reason`` is a Swedish sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Indicator(BaseModel):
    """One yes/no quality question asked per unit (Ja is the wanted answer)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    matt: str = Field(pattern=r"^(U23488|U28423)$")
    namn: str = Field(pattern=NAME_PATTERN)
    fraga: str = Field(min_length=5)
    kolada: str | None = Field(default=None, pattern=r"^[NU]\d{5}$")
    kolada_verifierad: bool = False
    kalla: str = Field(min_length=3)

    @model_validator(mode="after")
    def _verified_has_id(self) -> Indicator:
        if self.kolada_verifierad and self.kolada is None:
            raise ValueError(f"{self.namn}: kolada_verifierad = true kräver ett kolada-id")
        return self


class IndicatorList(BaseModel):
    """The indicators of one measuring year."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    ar: int = Field(ge=2000, le=2100)
    kalla: str = Field(min_length=3)
    indikator: tuple[Indicator, ...]

    @model_validator(mode="after")
    def _consistent(self) -> IndicatorList:
        for kpi in QUALITY_MEASURES:
            names = [i.namn for i in self.indikator if i.matt == kpi]
            if not names:
                raise ValueError(f"{kpi} har inga indikatorer")
            twice = [n for n, k in Counter(n.casefold() for n in names).items() if k > 1]
            if twice:
                raise ValueError(f"{kpi}: indikatorn {twice[0]!r} finns två gånger")
            fixed = [n for n in names if n in FIXED_COLUMNS]
            if fixed:
                raise ValueError(f"{kpi}: {fixed[0]!r} är redan en kolumn i tabellen Kvalitet")
        return self

    def names(self, kpi: str) -> tuple[str, ...]:
        """Column headers of ``kpi``'s indicators, in file order."""
        return tuple(i.namn for i in self.indikator if i.matt == kpi)

    def of(self, kpi: str) -> tuple[Indicator, ...]:
        """``kpi``'s indicators, in file order."""
        return tuple(i for i in self.indikator if i.matt == kpi)


def _parse(path: Path) -> dict[str, Any]:
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise IndicatorFileError(f"Indikatorfilen {path} kan inte läsas ({err.strerror}).") from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(raw.decode("utf-8-sig"))
        else:
            data = tomllib.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError, tomllib.TOMLDecodeError) as err:
        kind = "JSON" if path.suffix.lower() == ".json" else "TOML"
        raise IndicatorFileError(f"Indikatorfilen {path} är inte giltig {kind}: {err}.") from None
    if not isinstance(data, dict):
        raise IndicatorFileError(f"Indikatorfilen {path} ska innehålla ar, kalla och en lista indikator.")
    return data


_MESSAGES = {
    "missing": "uppgiften saknas",
    "extra_forbidden": "okänd nyckel (kända: matt, namn, fraga, kolada, kolada_verifierad, kalla)",
    "string_too_short": "texten är för kort",
    "string_type": "ska vara en text inom citattecken",
    "int_type": "ska vara ett heltal",
    "int_parsing": "ska vara ett heltal",
    "bool_type": "ska vara true eller false",
    "bool_parsing": "ska vara true eller false",
    "greater_than_equal": "året ska vara 2000–2100",
    "less_than_equal": "året ska vara 2000–2100",
    "tuple_type": "ska vara en lista [[indikator]]",
}
_PATTERNS = {
    "namn": "namnet får bara ha bokstäver, siffror, mellanslag och , ( ) / – - (högst 60 tecken)",
    "matt": "ska vara U23488 eller U28423",
    "kolada": "ska vara ett Kolada-id som U23401",
}


def _problem(err: ValidationError) -> str:
    first = err.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "filen"
    message = _MESSAGES.get(first["type"], str(first["msg"]).removeprefix("Value error, "))
    if first["type"] == "string_pattern_mismatch":
        message = _PATTERNS.get(str(first["loc"][-1]), "har fel form")
    return f"{where}: {message}"


def load(path: Path) -> IndicatorList:
    """Read and validate an indicator file (TOML, or JSON by suffix)."""
    data = _parse(path)
    try:
        return IndicatorList.model_validate(data)
    except ValidationError as err:
        raise IndicatorFileError(f"Indikatorfilen {path} är felaktig: {_problem(err)}.") from None


@cache
def shipped() -> dict[int, IndicatorList]:
    """The lists shipped with kkik-xl, by year."""
    return {int(p.stem): load(p) for p in sorted(FOLDER.glob("*.toml"))}


def default_for(year: int) -> IndicatorList:
    """The shipped list of ``year``; else the latest earlier year's; else the earliest."""
    lists = shipped()
    earlier = [y for y in lists if y <= year]
    return lists[max(earlier)] if earlier else lists[min(lists)]


_override: list[tuple[Path, IndicatorList]] = []


def use_file(path: Path | None, year: int | None = None) -> IndicatorList | None:
    """Make the list in ``path`` the one every layer uses (``None``: back to the shipped lists).

    With ``year``, a file written for another year is refused.
    """
    _override.clear()
    if path is None:
        return None
    chosen = load(path)
    if year is not None and chosen.ar != year:
        raise IndicatorFileError(f"Indikatorfilen {path} gäller år {chosen.ar}, inte mätåret {year}.")
    _override.append((path, chosen))
    return chosen


def current(year: int) -> IndicatorList:
    """The list in force for ``year``: the coordinator's file when one is in use, else the shipped one."""
    return _override[0][1] if _override else default_for(year)


def is_overridden() -> bool:
    """True while a coordinator's file is in use."""
    return bool(_override)


def describe(year: int) -> str:
    """Which list is in force, for a submission's ``parameters`` (file name and a checksum of it)."""
    if not _override:
        return f"kkik-xl {default_for(year).ar}"
    path, chosen = _override[0]
    digest = hashlib.sha256(chosen.model_dump_json().encode("utf-8")).hexdigest()[:16]
    return f"{path.name} (år {chosen.ar}, sha256 {digest})"
