"""The 290 Swedish municipalities (SCB kommunkod), shipped as package data."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class Kommun:
    """A municipality: 4-digit code (text, leading zero kept), name and county."""

    kod: str
    namn: str
    lan: str


@lru_cache(maxsize=1)
def all_municipalities() -> tuple[Kommun, ...]:
    """All municipalities in code order."""
    text = resources.files("kkik_xl").joinpath("data/kommuner.csv").read_text(encoding="utf-8")
    rows = csv.DictReader(io.StringIO(text))
    return tuple(Kommun(kod=r["kommunkod"], namn=r["kommun"], lan=r["län"]) for r in rows)


@lru_cache(maxsize=1)
def by_code() -> dict[str, Kommun]:
    """Municipalities keyed by code."""
    return {k.kod: k for k in all_municipalities()}


def lookup(code: str) -> Kommun | None:
    """The municipality with ``code`` (``"114"`` and ``"0114"`` both work), or ``None``."""
    code = code.strip()
    if code.isdigit() and len(code) < 4:
        code = code.zfill(4)
    return by_code().get(code)
