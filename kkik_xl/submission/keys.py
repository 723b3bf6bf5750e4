"""ed25519 keys for optional signatures, and the coordinator's list of public keys.

The key list is a UTF-8 text file with one line per key:
``key_id;namn;publik nyckel (base64);kommunkod;roll``. The municipality binds the key: a signature
made with it counts only on that municipality's submissions. ``roll`` may be empty (any role) or one
of registrerad, kontrollerad, godkänd. Empty lines and lines starting with ``#`` are ignored. Lines
of the old three-field form (no municipality) are refused with a message saying how to fix them.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kkik_xl.atomic import batch
from kkik_xl.kommuner import lookup
from kkik_xl.submission.model import ROLES_TEXT, Role, parse_role


@dataclass(frozen=True)
class KeyEntry:
    """One line of the coordinator's key list: who holds the key, for which municipality and role."""

    name: str
    public: Ed25519PublicKey
    municipality: str
    role: Role | None = None


PublicKeys = dict[str, KeyEntry]


class KeyFileError(Exception):
    """A key or key list cannot be read; ``reason`` is a Swedish sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: Ed25519PublicKey) -> str:
    """The first 16 hex digits of the SHA-256 of the raw public key."""
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


def key_list_line(name: str, public: Ed25519PublicKey, municipality: str, role: Role | None = None) -> str:
    """The line the coordinator adds to the key list for ``public``."""
    encoded = base64.b64encode(_raw(public)).decode("ascii")
    return f"{key_id(public)};{name};{encoded};{municipality};{role.value if role else ''}"


def create_key(name: str, out_dir: Path, municipality: str, role: Role | None = None) -> tuple[Path, Path]:
    """Write a new private key (``<id>.pem``, owner-only) and its key-list line (``<id>.pub.txt``)."""
    key = Ed25519PrivateKey.generate()
    kid = key_id(key.public_key())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    line = key_list_line(name, key.public_key(), municipality, role) + "\n"
    with batch() as files:  # both files or neither
        private = files.bytes(out_dir / f"{kid}.pem", pem, mode=0o600)
        public = files.text(out_dir / f"{kid}.pub.txt", line)
    return private, public


def load_private_key(path: Path) -> Ed25519PrivateKey:
    """A private ed25519 key from a PEM file written by :func:`create_key`."""
    try:
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    except (OSError, ValueError, TypeError) as err:
        raise KeyFileError(f"Nyckelfilen {path} kan inte läsas ({err.__class__.__name__}).") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise KeyFileError(f"Nyckelfilen {path} innehåller ingen ed25519-nyckel.")
    return key


def _entry(parts: list[str], where: str) -> tuple[str, KeyEntry]:
    try:
        public = Ed25519PublicKey.from_public_bytes(base64.b64decode(parts[2], validate=True))
    except (IndexError, ValueError):
        raise KeyFileError(f"{where}: väntade 'nyckel-id;namn;publik nyckel;kommunkod;roll'.") from None
    if key_id(public) != parts[0]:
        raise KeyFileError(f"{where}: nyckel-id:t stämmer inte med nyckeln.")
    if len(parts) < 4 or not parts[3]:
        raise KeyFileError(
            f"{where}: nyckeln för {parts[1]!r} saknar kommunkod (skapad med en äldre kkik-xl). Lägg till "
            "kommunens kod sist på raden (till exempel ';1440') eller be personen skapa en ny nyckel med "
            "kkik-xl keys create --kommun."
        )
    kommun = lookup(parts[3])
    if kommun is None:
        raise KeyFileError(f"{where}: {parts[3]!r} är ingen kommunkod.")
    role = parse_role(parts[4]) if len(parts) > 4 and parts[4] else None
    if len(parts) > 4 and parts[4] and role is None:
        raise KeyFileError(f"{where}: rollen {parts[4]!r} finns inte; ange {ROLES_TEXT} eller lämna tomt.")
    return parts[0], KeyEntry(name=parts[1], public=public, municipality=kommun.kod, role=role)


def load_key_list(path: Path) -> PublicKeys:
    """The coordinator's public keys keyed by key id."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise KeyFileError(f"Nyckellistan {path} kan inte läsas.") from None
    keys: PublicKeys = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.lstrip().startswith("#"):
            kid, entry = _entry([p.strip() for p in line.split(";")], f"Nyckellistan {path}, rad {n}")
            keys[kid] = entry
    return keys
