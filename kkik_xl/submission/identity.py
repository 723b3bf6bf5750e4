"""Who signed: are two ``--by`` values the same person? (four eyes, issue 17 §4)

Two names are the same person when they look the same to a reader. Both are compared after
Unicode NFKC, removal of format and other invisible characters (zero-width space, soft hyphen,
joiners, variation selectors), whitespace collapsed, case folding and the confusables *skeleton* of
Unicode Technical Standard #39 (UTS #39, "Unicode Security Mechanisms", section 4): each character is
replaced by the prototype it is visually confusable with, so a Cyrillic ``е`` counts as a Latin ``e``.

The prototypes are a committed excerpt of ``confusables.txt`` (https://www.unicode.org/Public/security/
latest/confusables.txt, Unicode License v3): the entries whose source is a Latin, Greek or Cyrillic
letter (or the ASCII ``I``, ``1``, ``0``, ``|`` and ``m``) and whose prototype is Latin. Characters that
NFKC already folds (fullwidth and mathematical letters) are left out. No PyPI package gives a TR39
skeleton for Python: ``confusable_homoglyphs`` stores the pairs without the prototype direction and
``confusables`` expands patterns instead. Case folding and the skeleton do not commute (``I`` → ``l``
but ``i`` stays), so both orders are computed and two names match when either key agrees.
"""

from __future__ import annotations

import unicodedata

# confusables.txt (UTS #39): source → prototype, Latin/Greek/Cyrillic sources with a Latin prototype.
_PROTOTYPES: dict[str, str] = {
    # Latin look-alikes of other Latin letters (IPA, small capitals) and ASCII entries
    "ɑ": "a", "ᴀ": "A", "ʙ": "B", "ᴄ": "c", "ɡ": "g", "ƍ": "g", "ı": "i", "ɪ": "i", "ɩ": "i",
    "ĸ": "k", "ᴋ": "k", "ᴏ": "o", "ᴑ": "o", "ꜱ": "s", "ƽ": "s", "ᴛ": "t", "ᴜ": "u", "ʋ": "u",
    "ᴠ": "v", "ᴢ": "z", "ʏ": "y", "Ɩ": "l", "ǀ": "l", "I": "l", "1": "l", "|": "l", "0": "O",
    "m": "rn", "ᴍ": "rn", "Ƅ": "b",
    # Greek
    "α": "a", "Α": "A", "Β": "B", "Ε": "E", "Ϝ": "F", "Η": "H", "ι": "i",
    "Ι": "l", "ϳ": "j", "Ϳ": "J", "κ": "k", "Κ": "K", "Μ": "M", "Ϻ": "M", "Ν": "N",
    "π": "n", "ο": "o", "σ": "o", "Ο": "O", "ρ": "p", "Ρ": "P", "τ": "t",
    "Τ": "T", "υ": "u", "ν": "v", "Χ": "X", "γ": "y", "Υ": "Y", "Ζ": "Z",
    # Cyrillic
    "а": "a", "А": "A", "Ь": "b", "В": "B", "с": "c", "С": "C", "ԁ": "d", "е": "e", "ҽ": "e",
    "Е": "E", "Ԍ": "G", "һ": "h", "Н": "H", "і": "i", "ӏ": "i", "ꙇ": "i", "І": "l", "Ӏ": "l",
    "ј": "j", "Ј": "J", "к": "k", "К": "K", "М": "M", "м": "rn", "п": "n", "ᴨ": "n", "о": "o",
    "О": "O", "р": "p", "Р": "P", "ԛ": "q", "Ԛ": "Q", "г": "r", "ᴦ": "r", "ѕ": "s", "Ѕ": "S",
    "т": "t", "Т": "T", "ц": "u", "ѵ": "v", "Ѵ": "V", "ԝ": "w", "Ԝ": "W", "х": "x", "Х": "X",
    "у": "y", "ү": "y", "Ү": "Y",
}  # fmt: skip
_INVISIBLE = {0x034F, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x3164, 0xFFA0}


def _visible(ch: str) -> bool:
    code = ord(ch)
    selector = 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF or 0x180B <= code <= 0x180F
    return unicodedata.category(ch) != "Cf" and code not in _INVISIBLE and not selector


def readable(name: str) -> str:
    """``name`` as a reader sees it: NFKC, invisible characters removed, whitespace collapsed."""
    text = "".join(ch for ch in unicodedata.normalize("NFKC", name) if _visible(ch))
    return " ".join(text.split())


def skeleton(text: str) -> str:
    """The UTS #39 skeleton: NFD, every character replaced by its prototype, NFD again."""
    mapped = "".join(_PROTOTYPES.get(ch, ch) for ch in unicodedata.normalize("NFD", text))
    return unicodedata.normalize("NFD", mapped)


def identity_keys(name: str) -> tuple[str, str]:
    """Two comparison keys of a signer's name: fold case then skeleton, and skeleton then fold case."""
    text = readable(name)
    return skeleton(text.casefold()), skeleton(skeleton(text).casefold())


def same_person(a: str, b: str) -> bool:
    """True when two ``--by`` values look like the same name (see the module docstring)."""
    first, second = identity_keys(a), identity_keys(b)
    return first[0] == second[0] or first[1] == second[1]
