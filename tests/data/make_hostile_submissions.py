"""Generate the hand-edited (hostile) submission files of issue 17 §4 in ``tests/data/fientliga/``.

Each file starts from a valid förskola submission for Stockholm (0180) and is edited as an attacker or
a broken tool would: a value written as ``1e999`` (infinite), a 5,000-digit integer, a key given twice
(the first value would be silently overwritten), 100,000 nested arrays and a finite but huge value
(``1e300``); and a file signed registrerad by "Åsa Öberg" and kontrollerad by the same name with a
Cyrillic ``е`` (a forged second person). ``giltig.kkik.json`` is the untouched file, so a merge of
the folder has something to merge. Deterministic.
Run: ``.venv/bin/python tests/data/make_hostile_submissions.py``
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "fientliga"
sys.path.insert(0, str(HERE.parent))

from submission_factory import make_submission  # noqa: E402

from kkik_xl.submission.io import to_text  # noqa: E402
from kkik_xl.submission.model import Role, Submission  # noqa: E402
from kkik_xl.submission.signing import sign  # noqa: E402

VALUE = '"value": 87.5'


def files() -> dict[str, str]:
    """File name → text."""
    valid = to_text(make_submission())
    assert VALUE in valid
    return {
        "giltig.kkik.json": valid,
        "oandligt_tal_1e999.kkik.json": valid.replace(VALUE, '"value": 1e999', 1),
        "heltal_5000_siffror.kkik.json": valid.replace('"rows_used": 10', '"rows_used": ' + "9" * 5000, 1),
        "samma_nyckel_tva_ganger.kkik.json": valid.replace(VALUE, '"value": 12.0, ' + VALUE, 1),
        "djup_nastling.kkik.json": valid.replace(VALUE, '"value": ' + "[" * 100_000 + "]" * 100_000, 1),
        "stort_tal_1e300.kkik.json": valid.replace(VALUE, '"value": 1e300', 1),
        "samma_person_med_kyrilliskt_e.kkik.json": to_text(disguised_second_signer()),
    }


def disguised_second_signer() -> Submission:
    """Signed by "Åsa Öberg", then by "Åsa Öbеrg" (U+0435): a valid chain, one person twice."""
    at = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
    sub = sign(make_submission(), Role.REGISTRERAD, "Åsa Öberg", now=at)
    other = sign(sub, Role.KONTROLLERAD, "Kontrollant", now=at)
    forged = other.signatures[1].model_copy(update={"by": "Åsa Öb\u0435rg"})
    return other.model_copy(update={"signatures": [sub.signatures[0], forged]})


def main() -> None:
    """Write every file."""
    OUT.mkdir(exist_ok=True)
    for name, text in files().items():
        (OUT / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
