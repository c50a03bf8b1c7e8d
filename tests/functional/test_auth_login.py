"""Logging in: one answer for every failure, a fresh session, safe redirects, rate limits."""

import re

import pytest
from sqlalchemy import select
from werkzeug.security import check_password_hash

from app.accounts import passwords
from app.accounts.models import User
from app.core.extensions import db

CSRF_VALUE_RE = re.compile(r'(name="csrf_token"[^>]*value=")[^"]+(")')


def post_login(client, csrf, email, password, next_url=None, query=""):
    data = {"email": email, "password": password, "csrf_token": csrf(client, "/login")}
    if next_url is not None:
        data["next"] = next_url
    return client.post("/login" + query, data=data)


def without_secrets(html, email):
    return CSRF_VALUE_RE.sub(r"\1\2", html).replace(email, "EMAIL")


def test_the_login_page_has_labelled_fields_with_autocomplete(client):
    html = client.get("/login").get_data(as_text=True)
    assert html.count("<h1>") == 1
    assert '<label for="email">' in html and '<label for="password">' in html
    assert 'autocomplete="email"' in html
    assert 'autocomplete="current-password"' in html
    assert 'href="/password/forgot"' in html


def test_logging_in_works_and_records_the_time(app, client, make_user, login):
    record = make_user()
    response = login(record)
    assert response.status_code == 302
    assert response.headers["Location"] == "/lab"
    assert client.get("/account").status_code == 200
    with app.app_context():
        assert db.session.get(User, record.id).last_login_at is not None


def test_the_email_is_matched_whatever_its_case(client, csrf, make_user):
    record = make_user("Case@Example.org".lower())
    assert post_login(client, csrf, "  CASE@example.ORG ", record.password).status_code == 302


def test_unknown_email_wrong_password_and_deactivated_account_get_the_same_answer(client, csrf, make_user):
    known = make_user("known@example.org")
    make_user("asleep@example.org", active=False)

    unknown = post_login(client, csrf, "nobody@example.org", known.password)
    wrong = post_login(client, csrf, "known@example.org", "not the password at all")
    asleep = post_login(client, csrf, "asleep@example.org", known.password)

    assert unknown.status_code == wrong.status_code == asleep.status_code == 200
    html = unknown.get_data(as_text=True)
    assert "The e-mail address or the password is not correct." in html
    assert 'value="nobody@example.org"' in html  # the input is kept
    assert known.password not in html
    assert without_secrets(html, "nobody@example.org") == without_secrets(
        wrong.get_data(as_text=True), "known@example.org"
    )
    assert without_secrets(html, "nobody@example.org") == without_secrets(
        asleep.get_data(as_text=True), "asleep@example.org"
    )
    assert client.get("/account").status_code == 302


def test_an_unknown_email_costs_a_password_check_too(client, csrf, monkeypatch):
    checked = []

    def spy(pwhash, password):
        checked.append(password)
        return check_password_hash(pwhash, password)

    monkeypatch.setattr(passwords, "check_password_hash", spy)
    post_login(client, csrf, "nobody@example.org", "some password 123")
    assert checked == ["some password 123"]


def test_a_huge_password_is_refused_before_any_hashing(client, csrf, make_user, monkeypatch):
    record = make_user()
    monkeypatch.setattr(passwords, "spend_password_check_time", lambda password: pytest.fail("hashed"))
    response = post_login(client, csrf, "nobody@example.org", "x" * 100_000)
    assert response.status_code == 200
    assert "Please use at most 256 characters." in response.get_data(as_text=True)
    assert post_login(client, csrf, record.email, record.password + "x" * 300).status_code == 200


def test_the_session_is_cleared_at_login_but_a_language_choice_is_kept(client, make_user, login):
    record = make_user()
    client.get("/login")
    with client.session_transaction() as session:
        session["planted"] = "from before the login"
        session["locale"] = "es"
    login(record)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["locale"] == "es"
        assert session["_user_id"]


def test_the_session_holds_the_session_token_not_the_user_id(app, client, make_user, login):
    record = make_user()
    login(record)
    with app.app_context():
        token = db.session.scalar(select(User.session_token).where(User.id == record.id))
    with client.session_transaction() as session:
        assert session["_user_id"] == token


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.test",
        "//evil.test",
        "/\\evil.test",
        "https:/evil.test",
        "http://evil.test/account",
        "\\\\evil.test",
    ],
)
@pytest.mark.parametrize("where", ["form", "query"])
def test_an_offsite_next_is_not_followed(client, csrf, make_user, target, where):
    record = make_user()
    if where == "form":
        response = post_login(client, csrf, record.email, record.password, next_url=target)
    else:
        response = post_login(client, csrf, record.email, record.password, query="?next=" + target)
    assert response.status_code == 302
    assert response.headers["Location"] == "/lab"


@pytest.mark.parametrize("where", ["form", "query"])
def test_a_local_next_is_followed(client, csrf, make_user, where):
    record = make_user()
    if where == "form":
        response = post_login(client, csrf, record.email, record.password, next_url="/account?tab=1")
    else:
        response = post_login(client, csrf, record.email, record.password, query="?next=/account")
    assert response.headers["Location"] in ("/account?tab=1", "/account")


def test_a_page_that_needs_an_account_sends_to_login_and_back(client, csrf, make_user):
    record = make_user()
    first = client.get("/account")
    assert first.status_code == 302
    assert first.headers["Location"] == "/login?next=/account"
    html = client.get(first.headers["Location"]).get_data(as_text=True)
    assert "Please log in to see this page." in html
    assert 'name="next" type="hidden" value="/account"' in html
    token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
    response = client.post(
        "/login",
        data={"email": record.email, "password": record.password, "next": "/account", "csrf_token": token},
    )
    assert response.headers["Location"] == "/account"


def test_login_is_rate_limited_on_post_only(app, client, csrf, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN", "3 per minute")
    record = make_user()
    for _ in range(3):
        assert post_login(client, csrf, record.email, "wrong password here").status_code == 200
    blocked = post_login(client, csrf, record.email, record.password)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    assert client.get("/account").status_code == 302  # the right password did not get through
    assert client.get("/login").status_code == 200


def test_successful_logins_do_not_use_up_the_limit(app, client, csrf, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN", "2 per minute")
    record = make_user()
    for _ in range(4):
        assert post_login(client, csrf, record.email, record.password).status_code == 302
