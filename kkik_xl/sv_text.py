"""Swedish counted nouns, one helper for every output: ``1 varning``, ``2 varningar``, ``1 fil``."""

from __future__ import annotations

# Nouns whose plural the project prints; ``counted(n, "fil")`` looks the plural up here.
PLURALS = {
    "fel": "fel",
    "varning": "varningar",
    "upplysning": "upplysningar",
    "fil": "filer",
    "inlämning": "inlämningar",
    "värde": "värden",
    "rad": "rader",
    "mått": "mått",
    "avvikelse": "avvikelser",
    "problem": "problem",
    "anmärkning": "anmärkningar",
    "kommun": "kommuner",
    "cell": "celler",
}


def plural(noun: str, n: int) -> str:
    """``noun`` in the form that goes with ``n`` (singular only for exactly one)."""
    return noun if n == 1 else PLURALS[noun]


def counted(n: int, noun: str) -> str:
    """``1 varning``, ``2 varningar``, ``0 filer``."""
    return f"{n} {plural(noun, n)}"
