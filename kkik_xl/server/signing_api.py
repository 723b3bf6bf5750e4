"""``POST /api/sign/{id}``: sign a stored submission as the signed-in user (never a typed name).

The identity comes from the header the municipality's reverse proxy / single sign-on sets
(``--identity-header``, default ``X-Remote-User``), trusted only on requests from the addresses
given with ``--trusted-proxy``. Four eyes are enforced on identities by the same
:func:`kkik_xl.submission.signing.sign` as ``kkik-xl sign``; every signature is in the audit log.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kkik_xl.server.errors import ApiError
from kkik_xl.server.state import State, identity
from kkik_xl.submission.io import SubmissionError, parse_submission, to_text
from kkik_xl.submission.model import ROLES_TEXT, parse_role
from kkik_xl.submission.signing import SigningError, sign

router = APIRouter()
NO_IDENTITY = (
    "Signering kräver inloggning: tjänsten måste nås genom kommunens inloggning (omvänd proxy). Kontakta IT."
)


@router.post("/api/sign/{sub_id}", tags=["inlämning"])
async def sign_stored(sub_id: int, role: str, request: Request) -> Response:
    """Signera en sparad inlämning i rollen ``role`` som den inloggade användaren."""
    state: State = request.app.state.kkik
    by = identity(request)
    if by is None:
        raise ApiError(401, NO_IDENTITY)
    chosen = parse_role(role)
    if chosen is None:
        raise ApiError(422, f"Rollen {role[:40]!r} finns inte; ange {ROLES_TEXT}.")
    text = state.storage.document(sub_id)
    if text is None:
        raise ApiError(404, f"Inlämning nr {sub_id} finns inte.")
    try:
        signed = sign(parse_submission(text), chosen, by)
    except SigningError as err:
        raise ApiError(422, err.reason) from None
    except SubmissionError as err:
        raise ApiError(422, err.reason) from None
    state.storage.replace(sub_id, signed)
    state.storage.audit(by, "signatur", f"nr {sub_id} {signed.file_name()} som {chosen.value}")
    headers = {"Content-Disposition": f'attachment; filename="{signed.file_name()}"'}
    return Response(to_text(signed), media_type="application/json", headers=headers)
