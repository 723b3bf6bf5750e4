"""ed25519 keys for optional signatures, and the coordinator's list of public keys.

The key list is a UTF-8 text file with one line per key: ``key_id;namn;publik nyckel (base64)``.
Empty lines and lines starting with ``#`` are ignored.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kkik_xl.atomic import batch

PublicKeys = dict[str, tuple[str, Ed25519PublicKey]]


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


def key_list_line(name: str, public: Ed25519PublicKey) -> str:
    """The line the coordinator adds to the key list for ``public``."""
    return f"{key_id(public)};{name};{base64.b64encode(_raw(public)).decode('ascii')}"


def create_key(name: str, out_dir: Path) -> tuple[Path, Path]:
    """Write a new private key (``<id>.pem``, owner-only) and its key-list line (``<id>.pub.txt``)."""
    key = Ed25519PrivateKey.generate()
    kid = key_id(key.public_key())
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    with batch() as files:  # both files or neither
        private = files.bytes(out_dir / f"{kid}.pem", pem, mode=0o600)
        public = files.text(out_dir / f"{kid}.pub.txt", key_list_line(name, key.public_key()) + "\n")
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


def load_key_list(path: Path) -> PublicKeys:
    """The coordinator's public keys keyed by key id: ``{key_id: (namn, nyckel)}``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise KeyFileError(f"Nyckellistan {path} kan inte läsas.") from None
    keys: PublicKeys = {}
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [p.strip() for p in line.split(";")]
        try:
            public = Ed25519PublicKey.from_public_bytes(base64.b64decode(parts[2], validate=True))
        except (IndexError, ValueError):
            raise KeyFileError(
                f"Nyckellistan {path}, rad {n}: väntade 'nyckel-id;namn;publik nyckel'."
            ) from None
        if key_id(public) != parts[0]:
            raise KeyFileError(f"Nyckellistan {path}, rad {n}: nyckel-id:t stämmer inte med nyckeln.")
        keys[parts[0]] = (parts[1], public)
    return keys
