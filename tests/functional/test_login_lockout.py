"""Strangers cannot lock an account's owner out: wrong passwords typed for someone else's e-mail
still add up per account, but a browser where the owner logged in before (or chose a new password
from an e-mailed link) is counted on its own."""

import pytest

from app.accounts import accounts
from app.accounts.models import User
from app.core.extensions import db
from tests.conftest import get_csrf
from tests.support.web import text as page_text

WRONG = "a wrong guess 123"
NEW_PASSWORD = "violet harbour compass 9"


@pytest.fixture(autouse=True)
def tight_limits(app, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN", "100 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN_ACCOUNT", "3 per minute")


def browser(app, address: str):
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def try_login(client, email: str, password: str):
    token = get_csrf(client, "/login")
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token})


def signed_in(client) -> bool:
    return client.get("/account").status_code == 200


def log_out(client) -> None:
    assert client.post("/logout", data={"csrf_token": get_csrf(client, "/account")}).status_code == 302


def lock_out(app, email: str) -> None:
    """Strangers, from addresses of their own, type three wrong passwords for `email`."""
    for n in range(3):
        assert try_login(browser(app, f"203.0.113.{n}"), email, WRONG).status_code == 200


def owners_browser(app, owner):
    """The owner's own browser, where they logged in (and out) before."""
    client = browser(app, "198.51.100.7")
    assert try_login(client, owner.email, owner.password).status_code == 302
    log_out(client)
    return client


def test_the_owner_logs_in_from_a_known_browser_while_strangers_are_locked_out(app, make_user):
    owner = make_user("owner@example.org")
    home = owners_browser(app, owner)
    lock_out(app, "Owner@Example.org")
    stranger = browser(app, "192.0.2.50")
    refused = try_login(stranger, owner.email, owner.password)  # the per-account protection holds
    assert refused.status_code == 429 and "Too many attempts in a short time." in page_text(refused)
    assert not signed_in(stranger)
    assert try_login(home, owner.email, owner.password).status_code == 302
    assert signed_in(home)


def test_the_lock_page_tells_the_owner_how_to_get_in(app, make_user):
    owner = make_user()
    lock_out(app, owner.email)
    refused = try_login(browser(app, "192.0.2.50"), owner.email, owner.password)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    text = page_text(refused)
    assert "a browser where you logged in before" in text
    assert "/password/forgot" in refused.get_data(as_text=True)


def test_a_known_browser_has_its_own_limit_on_wrong_passwords(app, make_user):
    owner = make_user()
    home = owners_browser(app, owner)
    for _ in range(3):
        assert try_login(home, owner.email, WRONG).status_code == 200
    refused = try_login(home, owner.email, owner.password)
    assert refused.status_code == 429 and "a browser where you logged in before" not in page_text(refused)
    # ... which does not lock the account for its other known browsers
    other = owners_browser(app, owner)
    assert try_login(other, owner.email, owner.password).status_code == 302


def test_a_browser_known_for_one_account_is_a_stranger_to_another(app, make_user):
    owner, other = make_user(), make_user()
    home = owners_browser(app, owner)
    lock_out(app, other.email)
    assert try_login(home, other.email, other.password).status_code == 429


@pytest.mark.parametrize("mark", ["", "not-a-mark", "eyJhIjoiMTIzIiwiZCI6IngifQ.forged.signature"])
def test_an_altered_or_forged_mark_is_a_stranger(app, make_user, mark):
    owner = make_user()
    home = owners_browser(app, owner)
    real = home.get_cookie(app.config["DEVICE_COOKIE_NAME"]).value
    lock_out(app, owner.email)
    client = browser(app, "192.0.2.60")
    client.set_cookie(app.config["DEVICE_COOKIE_NAME"], mark or real[:-2] + "xx")
    assert try_login(client, owner.email, owner.password).status_code == 429


def test_a_mark_older_than_its_lifetime_is_a_stranger(app, make_user, monkeypatch):
    owner = make_user()
    home = owners_browser(app, owner)
    lock_out(app, owner.email)
    monkeypatch.setitem(app.config, "DEVICE_COOKIE_MAX_AGE", -1)
    assert try_login(home, owner.email, owner.password).status_code == 429


def test_the_mark_is_a_long_lived_http_only_cookie_naming_no_address(app, make_user):
    owner = make_user("someone@example.org")
    client = browser(app, "198.51.100.7")
    response = try_login(client, owner.email, owner.password)
    [header] = [h for h in response.headers.getlist("Set-Cookie") if h.startswith("sociallab_device=")]
    assert "HttpOnly" in header and "SameSite=Lax" in header and "Max-Age=31536000" in header
    assert "someone" not in header and "example" not in header
    assert client.get_cookie("sociallab_device") is not None
    assert not any("sociallab_device" in h for h in try_login(browser(app, "192.0.2.1"), owner.email, WRONG)
                   .headers.getlist("Set-Cookie"))  # never for a wrong password


def test_a_new_password_chosen_from_the_emailed_link_opens_a_new_browser(app, make_user):
    owner = make_user()
    lock_out(app, owner.email)
    new_browser = browser(app, "198.51.100.9")
    assert try_login(new_browser, owner.email, owner.password).status_code == 429
    with app.app_context():
        path = f"/password/reset/{accounts.password_reset_token(db.session.get(User, owner.id))}"
    chosen = new_browser.post(path, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD,
                                          "csrf_token": get_csrf(new_browser, path)})
    assert chosen.status_code == 302
    assert try_login(new_browser, owner.email, NEW_PASSWORD).status_code == 302
    assert signed_in(new_browser)
    assert try_login(browser(app, "192.0.2.70"), owner.email, NEW_PASSWORD).status_code == 429


def test_guesses_for_an_unknown_address_still_add_up(app):
    lock_out(app, "nobody@example.org")
    refused = try_login(browser(app, "192.0.2.80"), "nobody@example.org", WRONG)
    assert refused.status_code == 429 and "Too many attempts" in page_text(refused)
