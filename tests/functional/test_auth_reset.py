"""Password reset: a neutral answer, a signed link valid one hour and only once."""

import re
import time

from itsdangerous.timed import TimestampSigner

from app.accounts import accounts
from app.accounts.models import User
from app.core.extensions import db

NEW_PASSWORD = "violet harbour compass 9"


def ask_for_link(client, csrf, email):
    """Ask for a link, and close the answer as a server does once it is sent: the e-mail goes then."""
    with client.post(
        "/password/forgot", data={"email": email, "csrf_token": csrf(client, "/password/forgot")}
    ) as response:
        response.get_data()  # read before it is closed
    return response


def reset_path(message):
    match = re.search(r"https?://[^/\s]+(/password/reset/\S+)", message.body)
    assert match, message.body
    return match.group(1)


def choose(client, csrf, path, password=NEW_PASSWORD, confirm=None):
    token = csrf(client, path)
    return client.post(path, data={"password": password, "confirm": confirm or password, "csrf_token": token})


def token_made_at(app, user_id, seconds_ago):
    with app.app_context():
        stamp = int(time.time()) - seconds_ago
        original = TimestampSigner.get_timestamp
        TimestampSigner.get_timestamp = lambda self: stamp
        try:
            return accounts.password_reset_token(db.session.get(User, user_id))
        finally:
            TimestampSigner.get_timestamp = original


def password_is(app, user_id, password):
    with app.app_context():
        return db.session.get(User, user_id).check_password(password)


def flash_text(client, response):
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    return re.findall(r'<p class="flash flash-\w+">([^<]*)</p>', html)


def test_the_answer_is_the_same_for_known_and_unknown_addresses(client, csrf, make_user, outbox):
    make_user("known@example.org")
    known = ask_for_link(client, csrf, "known@example.org")
    known_flash = flash_text(client, known)
    unknown = ask_for_link(client, csrf, "unknown@example.org")
    unknown_flash = flash_text(client, unknown)

    assert known.status_code == unknown.status_code == 302
    assert known.headers["Location"] == unknown.headers["Location"] == "/login"
    assert known_flash and [f.replace("known@", "X@") for f in known_flash] == [
        f.replace("unknown@", "X@") for f in unknown_flash
    ]
    [message] = outbox()
    assert message.to == "known@example.org"


def test_a_deactivated_account_gets_no_link(client, csrf, make_user, outbox):
    make_user("asleep@example.org", active=False)
    assert ask_for_link(client, csrf, "asleep@example.org").status_code == 302
    assert outbox() == []


def test_the_link_sets_a_new_password_and_ends_every_session(app, client, csrf, make_user, login, outbox):
    record = make_user()
    other_device = app.test_client()
    other_device.post(
        "/login",
        data={"email": record.email, "password": record.password, "csrf_token": csrf(other_device, "/login")},
    )
    assert other_device.get("/account").status_code == 200

    ask_for_link(client, csrf, record.email.upper())
    path = reset_path(outbox()[0])
    page = client.get(path)
    assert page.status_code == 200
    assert 'autocomplete="new-password"' in page.get_data(as_text=True)

    response = choose(client, csrf, path)
    assert response.status_code == 302
    assert response.headers["Location"] == "/login"
    assert password_is(app, record.id, NEW_PASSWORD)
    assert other_device.get("/account").status_code == 302
    assert login(record, password=NEW_PASSWORD).status_code == 302


def test_a_used_link_does_not_work_again(app, client, csrf, make_user, outbox):
    record = make_user()
    ask_for_link(client, csrf, record.email)
    path = reset_path(outbox()[0])
    assert choose(client, csrf, path).status_code == 302

    again = client.get(path)
    assert again.status_code == 400
    assert "This link has already been used" in again.get_data(as_text=True)
    assert 'href="/password/forgot"' in again.get_data(as_text=True)

    token = csrf(client, "/password/forgot")
    reuse = client.post(
        path,
        data={"password": "another fine phrase 3", "confirm": "another fine phrase 3", "csrf_token": token},
    )
    assert reuse.status_code == 400
    assert password_is(app, record.id, NEW_PASSWORD)


def test_a_link_stops_working_when_the_password_changes_another_way(
    app, client, csrf, make_user, login, outbox
):
    record = make_user()
    ask_for_link(client, csrf, record.email)
    path = reset_path(outbox()[0])
    login(record)
    client.post(
        "/account/password",
        data={
            "current_password": record.password,
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
            "csrf_token": csrf(client, "/account"),
        },
    )
    assert client.get(path).status_code == 400


def test_a_link_older_than_one_hour_has_expired(app, client, csrf, make_user):
    record = make_user()
    token = token_made_at(app, record.id, seconds_ago=app.config["RESET_TOKEN_MAX_AGE"] + 5)
    response = client.get(f"/password/reset/{token}")
    assert response.status_code == 400
    assert "This link has expired" in response.get_data(as_text=True)

    posted = client.post(
        f"/password/reset/{token}",
        data={
            "password": NEW_PASSWORD,
            "confirm": NEW_PASSWORD,
            "csrf_token": csrf(client, "/password/forgot"),
        },
    )
    assert posted.status_code == 400
    assert password_is(app, record.id, record.password)


def test_a_link_made_almost_an_hour_ago_still_works(app, client, csrf, make_user):
    record = make_user()
    token = token_made_at(app, record.id, seconds_ago=app.config["RESET_TOKEN_MAX_AGE"] - 60)
    assert app.config["RESET_TOKEN_MAX_AGE"] == 3600
    assert choose(client, csrf, f"/password/reset/{token}").status_code == 302
    assert password_is(app, record.id, NEW_PASSWORD)


def test_an_altered_link_is_refused(client, make_user, app):
    record = make_user()
    token = token_made_at(app, record.id, seconds_ago=0)
    response = client.get(f"/password/reset/{token[:-3]}abc")
    assert response.status_code == 400
    assert "This link is not valid" in response.get_data(as_text=True)


def test_the_new_password_follows_the_policy(app, client, csrf, make_user, outbox):
    record = make_user("lucia.fernandez@example.org", name="Lucía Fernández")
    ask_for_link(client, csrf, record.email)
    path = reset_path(outbox()[0])

    for password, message in [
        ("short", "Use at least 10 characters."),
        ("1234567890", "too common"),
        ("lucia.fernandez!!", "e-mail address"),
        ("fernandez lantern", "your name"),
    ]:
        html = choose(client, csrf, path, password=password).get_data(as_text=True)
        error = re.search(r'<p class="error" id="password-error">([^<]*)</p>', html)
        assert error and message in error.group(1), password
    html = choose(client, csrf, path, confirm="something else entirely").get_data(as_text=True)
    assert "The two passwords are not the same." in html
    assert password_is(app, record.id, record.password)


def test_asking_for_links_is_rate_limited_on_post_only(app, client, csrf, make_user, monkeypatch, outbox):
    monkeypatch.setitem(app.config, "RATELIMIT_RESET", "2 per minute")
    record = make_user()
    assert ask_for_link(client, csrf, record.email).status_code == 302
    assert ask_for_link(client, csrf, record.email).status_code == 302
    blocked = ask_for_link(client, csrf, record.email)
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    assert len(outbox()) == 2
    assert client.get("/password/forgot").status_code == 200
