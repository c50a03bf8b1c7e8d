"""The account page: settings, and personal API tokens shown once and stored hashed."""

import hashlib
import re

from sqlalchemy import select

from app.accounts import tokens
from app.accounts.models import ApiToken, User
from app.core.extensions import db

NEW_TOKEN_RE = re.compile(r'<p class="token"><code>([^<]+)</code></p>')


def post_settings(client, csrf, **data):
    data = {"name": "Fatou Diop", "locale": "en", "notify_mode": "immediate", **data}
    return client.post("/account/settings", data={**data, "csrf_token": csrf(client, "/account")})


def create_token(client, csrf, name="reporting script"):
    return client.post("/account/tokens", data={"name": name, "csrf_token": csrf(client, "/account")})


def stored_tokens(app, user_id):
    with app.app_context():
        rows = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user_id)).all()
        return [
            {"id": t.id, "name": t.name, "hash": t.token_hash, "prefix": t.prefix, "revoked_at": t.revoked_at}
            for t in rows
        ]


def test_the_account_page_needs_an_account(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


def test_the_account_page_shows_the_profile(client, make_user, login):
    record = make_user("fatou@example.org", name="Fatou Diop")
    login(record)
    html = client.get("/account").get_data(as_text=True)
    assert html.count("<h1>") == 1
    assert "fatou@example.org" in html
    assert "Fatou Diop" in html
    assert "Community member" in html
    assert (
        '<input checked id="notify_mode-0" name="notify_mode" required type="radio" value="immediate">'
        in html
    )
    assert '<option lang="en" selected value="en">' in html


def test_the_settings_change_the_language_of_the_page(app, client, csrf, make_user, login):
    record = make_user(locale="en")
    login(record)
    assert '<html lang="en">' in client.get("/account").get_data(as_text=True)

    response = post_settings(client, csrf, name="Fatou N. Diop", locale="fr", notify_mode="digest")
    assert response.status_code == 302
    page = client.get(response.headers["Location"])
    assert '<html lang="fr">' in page.get_data(as_text=True)
    with app.app_context():
        user = db.session.get(User, record.id)
        assert (user.name, user.locale, user.notify_mode.value) == ("Fatou N. Diop", "fr", "digest")

    post_settings(client, csrf, locale="es")
    assert '<html lang="es">' in client.get("/").get_data(as_text=True)


def test_bad_settings_are_shown_next_to_their_field(app, client, csrf, make_user, login):
    record = make_user(locale="en")
    login(record)
    response = post_settings(client, csrf, name="", locale="de", notify_mode="hourly")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert re.search(r'id="name-error">Please enter your name.<', html)
    assert 'id="locale-error"' in html
    assert 'id="notify_mode-error"' in html
    with app.app_context():
        assert db.session.get(User, record.id).locale == "en"


def test_a_token_is_shown_once_and_only_its_hash_is_stored(app, client, csrf, make_user, login):
    record = make_user()
    login(record)
    response = create_token(client, csrf, "reporting script")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    match = NEW_TOKEN_RE.search(response.get_data(as_text=True))
    assert match, "the new token is not shown"
    raw = match.group(1)
    assert raw.startswith("sl_") and len(raw) > 30

    [stored] = stored_tokens(app, record.id)
    assert stored["hash"] == hashlib.sha256(raw.encode()).hexdigest()
    assert stored["prefix"] == raw[:10]
    assert raw not in stored.values()
    assert stored["name"] == "reporting script"

    later = client.get("/account").get_data(as_text=True)
    assert raw not in later
    assert stored["prefix"] in later
    assert "reporting script" in later

    # The token works on the API until it is revoked.
    bearer = {"Authorization": f"Bearer {raw}"}
    assert client.get("/api/v1/organisations", headers=bearer).status_code == 200
    revoked = client.post(
        f"/account/tokens/{stored['id']}/revoke", data={"csrf_token": csrf(client, "/account")}
    )
    assert revoked.status_code == 302
    assert stored_tokens(app, record.id)[0]["revoked_at"] is not None
    assert client.get("/api/v1/organisations", headers=bearer).status_code == 401


def test_a_token_needs_a_name(app, client, csrf, make_user, login):
    record = make_user()
    login(record)
    response = create_token(client, csrf, "  ")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert re.search(r'id="token-name-error">Please give the token a name.<', html)
    assert NEW_TOKEN_RE.search(html) is None
    assert stored_tokens(app, record.id) == []


def test_revoking_someone_elses_token_is_404(app, client, csrf, make_user, login):
    owner = make_user()
    with app.app_context():
        tokens.create_token(db.session.get(User, owner.id), "owner's token")
        db.session.commit()
    [theirs] = stored_tokens(app, owner.id)

    login(make_user())
    response = client.post(
        f"/account/tokens/{theirs['id']}/revoke", data={"csrf_token": csrf(client, "/account")}
    )
    assert response.status_code == 404
    assert stored_tokens(app, owner.id)[0]["revoked_at"] is None
    assert (
        client.post(
            "/account/tokens/999999/revoke", data={"csrf_token": csrf(client, "/account")}
        ).status_code
        == 404
    )


def test_account_changes_need_a_csrf_token(app, client, make_user, login):
    record = make_user()
    login(record)
    assert (
        client.post(
            "/account/settings", data={"name": "X", "locale": "fr", "notify_mode": "digest"}
        ).status_code
        == 400
    )
    assert client.post("/account/tokens", data={"name": "x"}).status_code == 400
    with app.app_context():
        assert db.session.get(User, record.id).locale == "en"
    assert stored_tokens(app, record.id) == []
