"""Offline four-eyes sign-off: registrerad → kontrollerad → godkänd, one person per role.

Each signature records the content checksum it approves and the SHA-256 of the previous signature
entry, so any change of content or of an earlier signature is detected. When an ed25519 key is
given, the entry is also signed; public keys are checked against the coordinator's key list.
"""

from __future__ import annotations

import base64
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kkik_xl.submission.canonical import canonical_json, content_checksum, sha256_hex
from kkik_xl.submission.identity import same_person
from kkik_xl.submission.keys import KeyEntry, PublicKeys, key_id
from kkik_xl.submission.model import ROLE_ORDER, ROLE_SV, Role, Signature, Submission


class SigningError(Exception):
    """A signature cannot be added; ``reason`` is a Swedish sentence."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def signed_payload(sig: Signature) -> bytes:
    """The canonical bytes an ed25519 signature covers (the entry without the signature itself)."""
    data: dict[str, Any] = sig.model_dump(mode="json", exclude={"ed25519"})
    return canonical_json(data)


def entry_checksum(sig: Signature) -> str:
    """SHA-256 of a whole signature entry (the next entry's ``previous_sha256``)."""
    return sha256_hex(canonical_json(sig.model_dump(mode="json")))


def next_role(sub: Submission) -> Role | None:
    """The role that must sign next, or ``None`` when all three have signed."""
    n = len(sub.signatures)
    return ROLE_ORDER[n] if n < len(ROLE_ORDER) else None


def _check_can_sign(sub: Submission, role: Role, by: str) -> None:
    expected = next_role(sub)
    if expected is None:
        raise SigningError("Inlämningen är redan signerad av alla tre rollerna.")
    if role is not expected:
        raise SigningError(
            f"Fel ordning: nästa signatur ska vara {ROLE_SV[expected]}, inte {ROLE_SV[role]}. "
            "Ordningen är registrerad → kontrollerad → godkänd."
        )
    for earlier in sub.signatures:
        if same_person(earlier.by, by):
            raise SigningError(
                f"{by!r} har redan signerat som {ROLE_SV[earlier.role]}. "
                "Fyra ögon: samma person får inte signera två roller."
            )
    if signature_problems(sub):
        raise SigningError("De tidigare signaturerna håller inte; kontrollera filen med kkik-xl verify.")
    if sub.checksums.content_sha256 != content_checksum(sub):
        raise SigningError("Inlämningens innehåll har ändrats efter att den skapades; den kan inte signeras.")


def sign(
    sub: Submission,
    role: Role,
    by: str,
    *,
    key: Ed25519PrivateKey | None = None,
    now: datetime | None = None,
) -> Submission:
    """A copy of ``sub`` with one more signature; raises :class:`SigningError` when not allowed."""
    by = by.strip()
    if not by:
        raise SigningError("Ange vem som signerar med --by (en roll eller ett namn).")
    _check_can_sign(sub, role, by)
    previous = entry_checksum(sub.signatures[-1]) if sub.signatures else None
    sig = Signature(
        role=role,
        by=by,
        time=(now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0),
        content_sha256=sub.checksums.content_sha256,
        previous_sha256=previous,
        key_id=key_id(key.public_key()) if key is not None else None,
    )
    if key is not None:
        raw = key.sign(signed_payload(sig))
        sig = sig.model_copy(update={"ed25519": base64.b64encode(raw).decode("ascii")})
    return sub.model_copy(update={"signatures": [*sub.signatures, sig]})


def _key_holder_problem(sig: Signature, entry: KeyEntry, municipality: str) -> str | None:
    """Whether the listed key may sign this entry: its holder, municipality and role."""
    if not same_person(entry.name, sig.by):
        return f"nyckeln {sig.key_id} tillhör {entry.name!r}, inte {sig.by!r}."
    if entry.municipality != municipality:
        return (
            f"nyckeln {sig.key_id} ({entry.name}) hör till kommun {entry.municipality}, men inlämningen "
            f"gäller kommun {municipality}. En nyckel gäller bara sin egen kommuns inlämningar."
        )
    if entry.role is not None and entry.role is not sig.role:
        allowed, used = ROLE_SV[entry.role], ROLE_SV[sig.role]
        return f"nyckeln {sig.key_id} får bara signera som {allowed}, inte som {used}."
    return None


def _ed25519_problem(sig: Signature, n: int, keys: PublicKeys, municipality: str) -> str | None:
    label = f"Signatur {n} ({ROLE_SV[sig.role]}, {sig.by})"
    if sig.ed25519 is None or sig.key_id is None:
        return f"{label} saknar nyckelsignatur men en nyckellista krävs." if keys else None
    if not keys:
        return None
    if sig.key_id not in keys:
        return f"{label}: nyckeln {sig.key_id} finns inte i samordnarens nyckellista."
    entry = keys[sig.key_id]
    holder = _key_holder_problem(sig, entry, municipality)
    if holder:
        return f"{label}: {holder}"
    try:
        entry.public.verify(base64.b64decode(sig.ed25519), signed_payload(sig))
    except (InvalidSignature, ValueError):
        return f"{label}: nyckelsignaturen stämmer inte; posten har ändrats eller signerats med fel nyckel."
    return None


def signature_problems(sub: Submission, keys: PublicKeys | None = None) -> list[str]:
    """Swedish problems with the signature chain (empty when every signature holds)."""
    problems: list[str] = []
    content = content_checksum(sub)
    previous: str | None = None
    seen: list[Signature] = []
    for n, sig in enumerate(sub.signatures, start=1):
        label = f"Signatur {n} ({ROLE_SV[sig.role]}, {sig.by})"
        if n > len(ROLE_ORDER) or sig.role is not ROLE_ORDER[n - 1]:
            problems.append(f"{label} är i fel ordning; ordningen är registrerad → kontrollerad → godkänd.")
        if sig.content_sha256 != content:
            problems.append(f"{label} gäller inte längre: innehållet har ändrats efter signeringen.")
        if sig.previous_sha256 != previous:
            problems.append(f"{label}: kedjan är bruten; en tidigare signatur har ändrats eller tagits bort.")
        for earlier in seen:
            if same_person(earlier.by, sig.by):
                problems.append(f"{label}: samma person har redan signerat som {ROLE_SV[earlier.role]}.")
        problem = _ed25519_problem(sig, n, keys or {}, sub.municipality.code)
        if problem:
            problems.append(problem)
        previous = entry_checksum(sig)
        seen.append(sig)
    return problems


def is_fully_signed(sub: Submission) -> bool:
    """True when registrerad, kontrollerad and godkänd have all signed and every signature holds."""
    return len(sub.signatures) == len(ROLE_ORDER) and not signature_problems(sub)


def last_signed_at(sub: Submission) -> datetime | None:
    """UTC time of the last signature, or ``None`` when unsigned."""
    return sub.signatures[-1].time if sub.signatures else None
