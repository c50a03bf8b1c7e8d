"""Logging out and changing the password end every session: copied cookies and remember-me cookies too."""

import re

from sqlalchemy import select

from app.accounts.models import User
from app.core.extensions import db

SESSION = "sociallab_session"
REMEMBER = "sociallab_remember"
NEW_PASSWORD = "violet harbour compass 9"


def copy_cookie(app, source, name):
    """A new client holding only `source`'s cookie `name`, as a thief would."""
    cookie = source.get_cookie(name)
    assert cookie is not None, f"no {name} cookie"
    thief = app.test_client()
    thief.set_cookie(name, cookie.value)
    return thief


def logged_in(client) -> bool:
    return client.get("/account").status_code == 200


def log_out(client, csrf):
    return client.post("/logout", data={"csrf_token": csrf(client, "/account")})


def test_logout_needs_post(client, make_user, login):
    login(make_user())
    assert client.get("/logout").status_code == 405
    assert logged_in(client)


def test_logout_without_a_csrf_token_is_refused(client, make_user, login):
    login(make_user())
    response = client.post("/logout")
    assert response.status_code == 400
    assert logged_in(client)


def test_logout_ends_the_session(client, csrf, make_user, login):
    login(make_user())
    response = log_out(client, csrf)
    assert response.status_code == 302
    assert not logged_in(client)


def test_a_session_cookie_copied_before_logout_is_refused_after_it(app, client, csrf, make_user, login):
    login(make_user())
    thief = copy_cookie(app, client, SESSION)
    assert logged_in(thief)  # the copy works as long as the session lasts

    log_out(client, csrf)
    assert not logged_in(thief)


def test_logout_rotates_the_session_token(app, client, csrf, make_user, login):
    record = make_user()
    login(record)
    with app.app_context():
        before = db.session.scalar(select(User.session_token).where(User.id == record.id))
    log_out(client, csrf)
    with app.app_context():
        after = db.session.scalar(select(User.session_token).where(User.id == record.id))
    assert before != after


def test_a_remember_me_cookie_is_refused_after_logout(app, client, csrf, make_user, login):
    login(make_user(), remember=True)
    assert logged_in(copy_cookie(app, client, REMEMBER))  # the cookie alone logs in...

    kept = client.get_cookie(REMEMBER).value
    log_out(client, csrf)
    assert client.get_cookie(REMEMBER) is None  # ...the browser that logged out drops it...

    thief = app.test_client()
    thief.set_cookie(REMEMBER, kept)
    assert not logged_in(thief)  # ...and a copy kept elsewhere no longer works


def test_logging_out_keeps_the_chosen_language(client, csrf, make_user, login):
    login(make_user())
    with client.session_transaction() as session:
        session["locale"] = "fr"
    log_out(client, csrf)
    assert '<html lang="fr">' in client.get("/").get_data(as_text=True)


def test_changing_the_password_ends_other_sessions_and_keeps_this_one(app, client, csrf, make_user, login):
    record = make_user()
    login(record)
    thief = copy_cookie(app, client, SESSION)
    assert logged_in(thief)

    response = client.post(
        "/account/password",
        data={
            "current_password": record.password,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
            "csrf_token": csrf(client, "/account"),
        },
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/account"
    assert logged_in(client)
    assert not logged_in(thief)
    with app.app_context():
        assert db.session.get(User, record.id).check_password(NEW_PASSWORD)


def test_a_remember_me_cookie_is_refused_after_a_password_change(app, client, csrf, make_user, login):
    record = make_user()
    login(record, remember=True)
    kept = client.get_cookie(REMEMBER).value
    client.post(
        "/account/password",
        data={
            "current_password": record.password,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
            "csrf_token": csrf(client, "/account"),
        },
    )
    thief = app.test_client()
    thief.set_cookie(REMEMBER, kept)
    assert not logged_in(thief)
    # This browser asked to be remembered: it gets a new remember-me cookie that works.
    assert logged_in(copy_cookie(app, client, REMEMBER))


def error_of(html, field):
    match = re.search(rf'<p class="error" id="{field}-error">([^<]*)</p>', html)
    return match.group(1) if match else None


def test_a_wrong_current_password_is_refused(app, client, csrf, make_user, login):
    record = make_user()
    login(record)
    response = client.post(
        "/account/password",
        data={
            "current_password": "not my password 1",
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
            "csrf_token": csrf(client, "/account"),
        },
    )
    assert response.status_code == 200
    assert (
        error_of(response.get_data(as_text=True), "current_password")
        == "Your current password is not correct."
    )
    with app.app_context():
        assert db.session.get(User, record.id).check_password(record.password)


def test_the_new_password_follows_the_policy(app, client, csrf, make_user, login):
    record = make_user("omar.benali@example.org", name="Omar Benali")
    login(record)
    response = client.post(
        "/account/password",
        data={
            "current_password": record.password,
            "password": "benali-lantern-7",
            "confirm": "benali-lantern-7",
            "csrf_token": csrf(client, "/account"),
        },
    )
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert error_of(html, "password") == "The password must not contain your name."
    assert "benali-lantern-7" not in html
    with app.app_context():
        assert db.session.get(User, record.id).check_password(record.password)
