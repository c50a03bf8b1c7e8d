"""A new password and "sign out everywhere" revoke every API token of the account; its owner is told
(in their language) and can make new ones at once."""

import re

from sqlalchemy import select

from app.accounts import accounts
from app.accounts.models import ApiToken, User
from app.core.extensions import db
from tests.conftest import get_csrf
from tests.support.api import assert_error, bearer

NEW_PASSWORD = "violet harbour compass 9"


def api_status(app, headers) -> tuple[int, int]:
    """The answers of a cached API page (the token's account kept by the cache) and an uncached one."""
    client = app.test_client()
    return client.get("/api/v1/projects", headers=headers).status_code, client.get(
        "/api/v1/organisations", headers=headers
    ).status_code


def live_tokens(app, user_id) -> int:
    with app.app_context():
        query = select(ApiToken).where(ApiToken.user_id == user_id, ApiToken.revoked_at.is_(None))
        return len(db.session.scalars(query).all())


def make_new_token(client) -> str:
    page = client.post("/account/tokens", data={"name": "again", "csrf_token": get_csrf(client, "/account")})
    assert page.status_code == 200
    return re.search(r"<code>(sl_[^<]+)</code>", page.get_data(as_text=True)).group(1)


def test_changing_the_password_revokes_every_token(app, client, make_user, login, outbox):
    person = make_user(locale="fr")
    first, second = bearer(app, person), bearer(app, person)
    assert api_status(app, first) == (200, 200)  # now known to the page cache
    login(person)
    response = client.post(
        "/account/password",
        data={"current_password": person.password, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
              "csrf_token": get_csrf(client, "/account")},
        follow_redirects=True,
    )
    assert "Vos jetons d'API ont été révoqués." in response.get_data(as_text=True).replace("&#39;", "'")
    for headers in (first, second):
        assert api_status(app, headers) == (401, 401)
    assert live_tokens(app, person.id) == 0
    [message] = [m for m in outbox() if m.to == person.email]
    assert message.subject == "Vos jetons d'API ont été révoqués"
    assert "2 jetons d'API" in message.body and "/account" in message.body
    new = make_new_token(client)  # the owner goes on with a new token
    assert api_status(app, {"Authorization": f"Bearer {new}"}) == (200, 200)


def test_a_wrong_current_password_revokes_nothing(app, client, make_user, login, outbox):
    person = make_user()
    headers = bearer(app, person)
    login(person)
    client.post(
        "/account/password",
        data={"current_password": "not it at all 1", "password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
              "csrf_token": get_csrf(client, "/account")},
    )
    assert api_status(app, headers) == (200, 200)
    assert not outbox()


def test_a_password_reset_revokes_every_token(app, client, make_user, outbox):
    person = make_user(locale="es")
    headers = bearer(app, person)
    assert api_status(app, headers) == (200, 200)
    with app.app_context():
        path = f"/password/reset/{accounts.password_reset_token(db.session.get(User, person.id))}"
    response = client.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
                                       "csrf_token": get_csrf(client, path)})
    assert response.status_code == 302
    assert api_status(app, headers) == (401, 401)
    [message] = outbox()
    assert message.to == person.email
    assert message.subject == "Sus tokens de la API han sido revocados"


def test_signing_out_everywhere_ends_every_session_and_revokes_every_token(app, client, make_user, login,
                                                                          login_as, outbox):
    person = make_user()
    headers = bearer(app, person)
    assert api_status(app, headers) == (200, 200)
    elsewhere = login_as(person, app.test_client())
    login(person)
    response = client.post("/account/sign-out-everywhere", data={"csrf_token": get_csrf(client, "/account")})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    for browser in (client, elsewhere):
        assert browser.get("/account").status_code == 302  # signed out
    assert api_status(app, headers) == (401, 401)
    [message] = outbox()
    assert message.subject == "Your API tokens were revoked"
    assert "You signed out of your Social Lab account everywhere" in message.body
    login(person)
    new = make_new_token(client)
    assert api_status(app, {"Authorization": f"Bearer {new}"}) == (200, 200)


def test_signing_out_everywhere_needs_a_csrf_token_and_an_account(app, client, make_user, login):
    assert client.post("/account/sign-out-everywhere").status_code in (302, 400)
    person = make_user()
    headers = bearer(app, person)
    login(person)
    assert client.post("/account/sign-out-everywhere").status_code == 400
    assert api_status(app, headers) == (200, 200)
    assert client.get("/account").status_code == 200


def test_without_tokens_signing_out_everywhere_sends_no_mail(client, make_user, login, outbox):
    person = make_user()
    login(person)
    client.post("/account/sign-out-everywhere", data={"csrf_token": get_csrf(client, "/account")})
    assert client.get("/account").status_code == 302
    assert not outbox()


def test_a_revoked_token_is_refused_with_the_api_error(app, client, make_user):
    person = make_user()
    headers = bearer(app, person)
    with app.app_context():
        accounts.sign_out_everywhere(db.session.get(User, person.id))
        db.session.commit()
    assert_error(client.get("/api/v1/organisations", headers=headers), 401, "unauthorized")
