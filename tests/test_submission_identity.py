"""Four eyes: a second signature by the same name in disguise is the same person (issue 17 §4)."""

from __future__ import annotations

import unicodedata
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from submission_factory import make_submission
from typer.testing import CliRunner

from kkik_xl.cli import app
from kkik_xl.submission import Role, save_submission, verify_submission
from kkik_xl.submission.identity import _PROTOTYPES, identity_keys, readable, same_person
from kkik_xl.submission.signing import sign

runner = CliRunner()
T = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
NAME = "Åsa Öberg"
DISGUISES = {
    "NFD": unicodedata.normalize("NFD", NAME),
    "nollbrett mellanslag": "Åsa Ö\u200bberg",
    "mjukt bindestreck": "Åsa Öb\u00aderg",
    "kyrilliskt е": "Åsa Öbеrg",  # U+0435
    "grekiskt ο och kyrilliskt а": "Åsа Öbergο".replace("ο", ""),  # U+0430 in Åsа
    "versaler och hårt mellanslag": "ÅSA\u00a0ÖBERG",
    "kyrilliskt В och Е": "Åsa ÖВЕRG".replace("В", "B"),  # capital Е is U+0415
    "ordförbindare och variantväljare": "Å\u2060sa\ufe0f Öberg",
}


@pytest.mark.parametrize("disguise", DISGUISES)
def test_disguised_name_is_the_same_person(disguise: str) -> None:
    assert same_person(NAME, DISGUISES[disguise])


@pytest.mark.parametrize(("a", "b"), [("Anna Svensson", "Anna Svenson"), ("Åsa", "Asa"), ("Ola", "Olle")])
def test_different_names_stay_different(a: str, b: str) -> None:
    assert not same_person(a, b)


def test_capital_i_and_small_l_and_cyrillic_capital_i_agree() -> None:
    assert same_person("Ivar", "ivar") and same_person("Ivar", "Іvar")  # U+0406
    assert same_person("Controller", "ControIler")
    assert same_person("Вengt", "Bengt")  # U+0412 exists only as a capital in confusables.txt


def test_prototype_table_is_an_excerpt_of_latin_greek_cyrillic_letters() -> None:
    for source, prototype in _PROTOTYPES.items():
        name = unicodedata.name(source)
        assert len(source) == 1 and source != prototype
        assert source.isascii() or name.split()[0] in {"LATIN", "GREEK", "CYRILLIC"}, name
        assert prototype.isascii() and prototype.isalnum(), (source, prototype)
        assert unicodedata.normalize("NFKC", source) == source, f"NFKC folds {name} already"


@given(st.text(max_size=30))
def test_keys_never_raise_and_are_stable(text: str) -> None:
    keys = identity_keys(text)
    assert identity_keys(readable(text)) == keys
    assert same_person(text, text)


@pytest.mark.parametrize("disguise", DISGUISES)
def test_cli_refuses_the_same_signer_in_disguise(disguise: str, tmp_path: Path) -> None:
    path = save_submission(sign(make_submission(), Role.REGISTRERAD, NAME, now=T), tmp_path / "s.kkik.json")
    args = ["sign", str(path), "--role", "kontrollerad", "--by", DISGUISES[disguise]]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert "Fyra ögon" in " ".join(result.output.split())


def test_hand_made_chain_with_a_disguised_second_signer_is_a_problem() -> None:
    twice = sign(sign(make_submission(), Role.REGISTRERAD, "A", now=T), Role.KONTROLLERAD, "B", now=T)
    first = twice.signatures[0].model_copy(update={"by": NAME})
    second = twice.signatures[1].model_copy(update={"by": DISGUISES["kyrilliskt е"]})
    problems = verify_submission(twice.model_copy(update={"signatures": [first, second]}))
    assert any("samma person har redan signerat" in p for p in problems)
