"""The password policy: length, common passwords, the person's own e-mail and name."""

import pytest
from flask_babel import force_locale
from werkzeug.security import check_password_hash

from app.accounts import passwords
from app.accounts.passwords import PasswordProblem as P
from app.accounts.passwords import WeakPassword, password_problems, require_acceptable

GOOD = "lantern orbit meadow 7"


def test_a_long_unusual_password_is_accepted():
    assert password_problems(GOOD, email="aminata@example.org", name="Aminata Diallo") == []
    require_acceptable(GOOD, email="aminata@example.org", name="Aminata Diallo")  # does not raise


@pytest.mark.parametrize("password", ["", "short", "nine char", "a" * 9])
def test_fewer_than_ten_characters_is_refused(password):
    assert P.TOO_SHORT in password_problems(password)


def test_ten_characters_is_long_enough():
    assert P.TOO_SHORT not in password_problems("kq8!vz#m2p")


def test_the_common_list_is_zxcvbns_thirty_thousand_loaded_once():
    assert isinstance(passwords.COMMON_PASSWORDS, frozenset)
    assert len(passwords.COMMON_PASSWORDS) == 30_000


@pytest.mark.parametrize("password", ["qwertyuiop", "1234567890", "password123", "PassWord123", "MANCHESTER"])
def test_common_passwords_are_refused_whatever_their_case(password):
    assert password_problems(password) == [P.COMMON]


def test_a_short_common_password_has_both_problems():
    assert password_problems("password") == [P.TOO_SHORT, P.COMMON]


@pytest.mark.parametrize("password", ["xx-aminata-2024", "AMINATA.rocks.1", "my Aminata password"])
def test_the_local_part_of_the_email_is_refused(password):
    assert password_problems(password, email="Aminata@example.org") == [P.CONTAINS_EMAIL]


def test_a_local_part_shorter_than_three_characters_is_ignored():
    assert password_problems("ab-lantern-orbit", email="ab@example.org") == []


def test_the_domain_of_the_email_does_not_matter():
    assert password_problems("example lantern orbit", email="kofi@example.org") == []


@pytest.mark.parametrize(
    "password",
    [
        "i am maria jose 1",  # the whole name, with its space
        "MariaJose-orbit-7",  # the whole name without the space
        "lantern-JOSÉ-orbit",  # one word of the name, in another case
        "lantern-maria-orbit",  # another word
        "lantern-jose-orbit",  # without its accent
    ],
)
def test_the_name_or_one_of_its_words_is_refused_whatever_case_and_accents(password):
    assert password_problems(password, name="María José") == [P.CONTAINS_NAME]


def test_the_email_local_part_is_matched_without_accents():
    assert password_problems("lantern-jose-orbit", email="josé@example.org") == [P.CONTAINS_EMAIL]


def test_name_words_shorter_than_three_characters_are_ignored():
    assert password_problems("lantern li orbit na", name="Li Na") == []
    assert password_problems("lantern lina orbit", name="Li Na") == [P.CONTAINS_NAME]


def test_every_broken_rule_is_reported():
    assert password_problems("kofi", email="kofi@example.org", name="Kofi") == [
        P.TOO_SHORT,
        P.CONTAINS_EMAIL,
        P.CONTAINS_NAME,
    ]


def test_each_problem_has_its_own_message(app):
    with app.app_context(), force_locale("en"):
        messages = {problem.message for problem in P}
    assert len(messages) == len(P)
    assert all(messages)


def test_require_acceptable_raises_with_the_problems(app):
    with pytest.raises(WeakPassword) as caught:
        require_acceptable("short")
    assert caught.value.problems == [P.TOO_SHORT]
    with app.app_context(), force_locale("en"):
        assert caught.value.messages == [P.TOO_SHORT.message]
        assert "10" in caught.value.messages[0]


def test_the_timing_helpers_really_hash(app, monkeypatch):
    calls = []

    def spy(pwhash, password):
        calls.append(pwhash)
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(passwords, "check_password_hash", spy)
    with app.app_context():
        passwords.spend_password_check_time("anything at all")
    assert len(calls) == 1
    assert calls[0].startswith(app.config["PASSWORD_HASH_METHOD"].split(":")[0])
