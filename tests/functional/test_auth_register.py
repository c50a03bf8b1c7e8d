"""Registration and e-mail confirmation."""

import re
import time

import pytest
from itsdangerous.timed import TimestampSigner
from sqlalchemy import func, select

from app.accounts import accounts
from app.accounts.models import User
from app.core.extensions import db

GOOD = "lantern orbit meadow 7"
ERROR_RE = r'<p class="error" id="{}-error">([^<]*)</p>'


def form_data(csrf_token, **changes):
    data = {
        "email": "kadi.sow@example.org",
        "name": "Kadi Sow",
        "password": GOOD,
        "confirm": GOOD,
        "locale": "fr",
        "csrf_token": csrf_token,
    }
    data.update(changes)
    return data


def register(client, csrf, **changes):
    return client.post("/register", data=form_data(csrf(client, "/register"), **changes))


def get_user(app, email):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        if user is not None:
            db.session.expunge(user)
        return user


def user_count(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(User))


def verification_path(message):
    match = re.search(r"https?://[^/\s]+(/verify/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def flashes(html):
    return re.findall(r'<p class="flash flash-\w+">([^<]*)</p>', html)


def test_the_register_page_has_labelled_fields_with_autocomplete(client):
    html = client.get("/register").get_data(as_text=True)
    assert html.count("<h1>") == 1
    for field in ("email", "name", "password", "confirm", "locale"):
        assert f'<label for="{field}">' in html
    assert 'autocomplete="email"' in html
    assert html.count('autocomplete="new-password"') == 2
    assert 'name="csrf_token"' in html


def test_registering_creates_an_unverified_community_account_and_sends_a_link(app, client, csrf, outbox):
    response = register(client, csrf, email="  Kadi.Sow@Example.ORG ")
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"

    user = get_user(app, "kadi.sow@example.org")
    assert user is not None
    assert user.role.value == "community"
    assert user.locale == "fr"
    assert user.name == "Kadi Sow"
    assert user.email_verified_at is None
    assert user.password_hash.startswith("scrypt:")
    assert GOOD not in user.password_hash

    [message] = outbox()
    assert message.to == "kadi.sow@example.org"
    assert "/verify/" in message.body


def test_registering_does_not_log_in(client, csrf):
    register(client, csrf)
    assert client.get("/account").status_code == 302


def test_the_link_from_the_email_confirms_the_address(app, client, csrf, outbox):
    register(client, csrf)
    path = verification_path(outbox()[0])

    response = client.get(path, follow_redirects=True)
    assert response.status_code == 200
    assert "your e-mail address is confirmed" in response.get_data(as_text=True)
    assert get_user(app, "kadi.sow@example.org").email_verified_at is not None

    again = client.get(path)  # a second click is harmless
    assert again.status_code == 302


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email": ""}, "email", "Please enter your e-mail address."),
        ({"email": "kadi.sow@"}, "email", "Please enter a valid e-mail address"),
        ({"name": "   "}, "name", "Please enter your name."),
        ({"name": "K" * 81}, "name", "at most 80 characters"),
        ({"password": "lantern", "confirm": "lantern"}, "password", "Use at least 10 characters."),
        ({"password": "Qwertyuiop", "confirm": "Qwertyuiop"}, "password", "too common"),
        ({"password": "lantern " * 40, "confirm": "lantern " * 40}, "password", "at most 256 characters"),
        ({"password": "my kadi.sow words", "confirm": "my kadi.sow words"}, "password", "e-mail address"),
        ({"password": "lantern SOW orbit", "confirm": "lantern SOW orbit"}, "password", "your name"),
        ({"confirm": "lantern orbit meadow 8"}, "confirm", "The two passwords are not the same."),
        ({"locale": "de"}, "locale", "Not a valid choice"),
    ],
)
def test_bad_input_is_shown_next_to_its_field_and_the_input_is_kept(
    app, client, csrf, outbox, changes, field, message
):
    before = user_count(app)
    response = register(client, csrf, **changes)

    assert response.status_code == 200
    html = response.get_data(as_text=True)
    errors = re.findall(ERROR_RE.format(field), html)
    assert errors and message in errors[0], html
    assert 'aria-invalid="true"' in html
    assert "Please correct the fields marked below." in html
    data = form_data("", **changes)
    if field != "email":
        assert f'value="{data["email"]}"' in html
    if field != "name":
        assert f'value="{data["name"]}"' in html
    if field != "locale":
        assert f'<option lang="{data["locale"]}" selected value="{data["locale"]}">' in html
    assert data["password"] not in html
    assert user_count(app) == before
    assert outbox() == []


def test_a_registered_email_gets_the_same_answer_and_its_owner_is_told(app, client, csrf, make_user, outbox):
    owner = make_user("taken@example.org", name="Awa Ndiaye", locale="es")
    fresh = register(client, csrf, email="new@example.org")
    fresh_flash = flashes(client.get(fresh.headers["Location"]).get_data(as_text=True))
    taken = register(client, csrf, email="Taken@example.org", name="Somebody Else")
    taken_flash = flashes(client.get(taken.headers["Location"]).get_data(as_text=True))

    assert taken.status_code == fresh.status_code == 302
    assert taken.headers["Location"] == fresh.headers["Location"]
    assert fresh_flash
    assert [f.replace("taken@example.org", "X") for f in taken_flash] == [
        f.replace("new@example.org", "X") for f in fresh_flash
    ]

    new_message, owner_message = outbox()
    assert new_message.to == "new@example.org"
    assert owner_message.to == "taken@example.org"
    assert "Alguien intentó registrarse" in owner_message.subject  # the owner reads Spanish
    assert "/verify/" not in owner_message.body
    assert "/password/forgot" in owner_message.body

    kept = get_user(app, "taken@example.org")
    assert kept.name == "Awa Ndiaye"
    assert kept.check_password(owner.password)


def test_registration_is_rate_limited_on_post_only(app, client, csrf, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_REGISTER", "2 per minute")
    assert register(client, csrf, email="a1@example.org").status_code == 302
    assert register(client, csrf, email="a2@example.org", password="x", confirm="x").status_code == 200
    blocked = register(client, csrf, email="a3@example.org")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    assert get_user(app, "a3@example.org") is None
    assert client.get("/register").status_code == 200


def test_an_expired_confirmation_link_is_refused_clearly(app, client, make_user, monkeypatch):
    record = make_user(verified=False)
    past = int(time.time()) - app.config["EMAIL_TOKEN_MAX_AGE"] - 5
    with app.app_context(), monkeypatch.context() as patch:
        patch.setattr(TimestampSigner, "get_timestamp", lambda self: past)
        token = accounts.email_verification_token(db.session.get(User, record.id))

    response = client.get(f"/verify/{token}")
    assert response.status_code == 400
    assert "This confirmation link has expired" in response.get_data(as_text=True)
    assert get_user(app, record.email).email_verified_at is None


def test_an_altered_confirmation_link_is_refused_clearly(app, client, make_user):
    record = make_user(verified=False)
    with app.app_context():
        token = accounts.email_verification_token(db.session.get(User, record.id))
    response = client.get(f"/verify/{token[:-2]}xx")
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)
    assert get_user(app, record.email).email_verified_at is None


def test_an_unverified_person_can_log_in_and_sees_a_notice_with_a_resend_button(client, make_user, login):
    record = make_user(verified=False)
    html = login(record, follow=True).get_data(as_text=True)
    assert "Your e-mail address is not confirmed yet." in html
    assert 'action="/verify/resend"' in html


def test_a_verified_person_sees_no_notice(client, make_user, login):
    html = login(make_user(), follow=True).get_data(as_text=True)
    assert "not confirmed yet" not in html
    assert 'action="/verify/resend"' not in html


def test_resending_sends_a_link_that_works(app, client, csrf, make_user, login, outbox):
    record = make_user(verified=False)
    login(record)
    response = client.post(
        "/verify/resend", data={"csrf_token": csrf(client, "/account"), "next": "/account"}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    [message] = outbox()
    assert message.to == record.email
    client.get(verification_path(message))
    assert get_user(app, record.email).email_verified_at is not None
    assert "not confirmed yet" not in client.get("/account").get_data(as_text=True)


def test_resending_needs_an_account(client, csrf, outbox):
    response = client.post("/verify/resend", data={"csrf_token": csrf(client, "/login")})
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")
    assert outbox() == []
