"""Display names are plain names (app.core.text.name_problem): letters of any script, spaces, apostrophes,
hyphens and full stops, at most 80 characters, on the registration and account forms, in the domain and
on the command line. The account e-mails, which reach an address whose owner may not have typed the
name, greet without it."""

import re

import pytest
from sqlalchemy import select

from app.accounts import accounts, users
from app.accounts.models import User
from app.core.errors import DomainError
from app.core.extensions import db
from app.core.text import NAME_MAX, name_problem

GOOD = "lantern orbit meadow 7"
INJECTED = "Hello Visit https://prize.example.com now,"
BAD_NAMES = [
    INJECTED,
    "Kadi\nSow",
    "Kadi Sow 2024",
    "Kadi <b>Sow</b>",
    "Claim at prize.example.com",  # a full stop ends an initial, never sits within a word
    "a" * (NAME_MAX + 1),
    "Kadi\u202eSow",
]
GOOD_NAMES = ["Kadi Sow", "María-José O’Brien", "Aïcha Traoré", "N'Golo Kanté", "J. R. Tolkien", "محمد الأمين",
              "Nguyễn Thị Minh Khai", "a" * NAME_MAX]


@pytest.mark.parametrize("name", GOOD_NAMES)
def test_plain_names_are_accepted(name):
    assert name_problem(name) is None


@pytest.mark.parametrize("name", BAD_NAMES)
def test_names_carrying_more_than_a_name_are_refused(name):
    assert name_problem(name)


def register(client, csrf, name, email="kadi.sow@example.org"):
    token = csrf(client, "/register")
    return client.post("/register", data={"email": email, "name": name, "password": GOOD, "confirm": GOOD,
                                           "locale": "en", "csrf_token": token})


def test_the_registration_form_refuses_an_injected_name_and_keeps_the_typing(app, client, csrf, outbox):
    response = register(client, csrf, INJECTED)
    assert response.status_code in (200, 422)
    page = response.get_data(as_text=True)
    assert re.search(r'id="name-error">[^<]*letters, spaces, apostrophes', page)
    assert "kadi.sow@example.org" in page
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "kadi.sow@example.org")) is None
    assert outbox() == []


def test_the_domain_refuses_an_injected_name(app):
    with app.app_context(), pytest.raises(DomainError):
        accounts.register_user("kadi.sow@example.org", INJECTED, GOOD, "en")


def test_the_account_settings_refuse_an_injected_name(app, make_user):
    person = make_user()
    with app.app_context():
        user = db.session.get(User, person.id)
        with pytest.raises(DomainError):
            accounts.update_settings(user, name=INJECTED, locale="en", notify_mode="immediate")


def test_the_command_line_and_admin_refuse_a_name_with_digits(app):
    with app.app_context(), pytest.raises(users.UserInvalid) as refused:
        users.create_user("new@example.org", "Agent 007", "community", GOOD)
    assert set(refused.value.errors) == {"name"}


def test_spaces_in_a_name_are_collapsed(app):
    with app.app_context():
        user, created = accounts.register_user("kadi.sow@example.org", "  Kadi   Sow ", GOOD, "en")
        assert created and user.name == "Kadi Sow"


def test_the_account_e_mails_do_not_carry_the_name(app, client, csrf, make_user, outbox):
    make_user("taken@example.org", name="Awa Ndiaye")
    register(client, csrf, "Kadi Sow", email="new@example.org")
    register(client, csrf, "Somebody Else", email="taken@example.org")
    verify, already = outbox()
    assert verify.body.startswith("Hello,") and "Kadi" not in verify.body
    assert already.body.startswith("Hello,") and "Awa" not in already.body and "Somebody" not in already.body
