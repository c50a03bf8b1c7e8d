"""Every write has a budget per signed-in person (RATELIMIT_WRITE) and per address
(RATELIMIT_WRITE_ADDRESS), shared by all routes: past it, 429 with Retry-After (the page, or the API's
JSON error). Logging out is never refused."""

import pytest

from app.core.extensions import db, limiter
from app.core.limits import UNLIMITED_WRITES
from tests.conftest import get_csrf
from tests.support.api import assert_error
from tests.support.matrix import (  # the helpers that send the table's writes
    ANON,
    COMMUNITY,
    OTHER,
    PARTNER,
    WRITES,
    allowed_role,
    assert_too_many_page,
    from_address,
    new_token,
    rules_of,
    send_write,
    signed_in,
)


@pytest.fixture(scope="module")
def world(matrix):
    return matrix


@pytest.mark.parametrize("setting", ["RATELIMIT_WRITE", "RATELIMIT_WRITE_ADDRESS"])
def test_every_write_route_spends_the_write_budgets(app, world, monkeypatch, setting):
    """Each write route sent twice with the budget at one a minute: the second answer is 429, on every
    route (per person: those of signed-in people), logging out excepted."""
    monkeypatch.setitem(app.config, setting, "1 per minute")
    limited, expected, problems = set(), set(), []
    for rule in rules_of(app):
        if not rule.methods & WRITES:
            continue
        role = allowed_role(rule.endpoint)
        if rule.endpoint not in UNLIMITED_WRITES and (setting == "RATELIMIT_WRITE_ADDRESS" or role != ANON):
            expected.add(rule.endpoint)
        limiter.reset()
        with app.app_context():
            savepoint = db.session.get_bind().begin_nested()
        try:
            statuses = []
            for _attempt in range(2):
                with send_write(app, rule, role, world) as response:
                    statuses.append(response.status_code)
            if statuses[0] == 429:
                problems.append(f"{rule.endpoint}: refused at once")
            if statuses[1] == 429:
                limited.add(rule.endpoint)
                assert int(response.headers["Retry-After"]) > 0, rule.endpoint
                if rule.endpoint.startswith("api."):
                    assert_error(response, 429, "rate_limited")
                else:
                    assert_too_many_page(response)
        finally:
            with app.app_context():
                savepoint.rollback()
                db.session.expire_all()
    assert not problems, problems
    assert sorted(expected - limited) == [], "writes without a limit"
    assert sorted(limited - expected) == [], "limited, though they should not be"
    assert {"api.create_project", "api.edit_project", "api.make_transition", "organisations.create",
            "organisations.request_join", "auth.create_token"} <= limited


def test_a_persons_writes_add_up_across_addresses_and_tokens(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE", "2 per minute")
    person = world.people[COMMUNITY]
    body = {"title": "x"}  # refused (422 or 403), and still counted
    first, second = new_token(app, person.id), new_token(app, person.id)
    assert from_address(app, "203.0.113.1").post("/api/v1/projects", json=body, headers=first).status_code != 429
    assert from_address(app, "203.0.113.2").post("/api/v1/projects", json=body, headers=second).status_code != 429
    blocked = from_address(app, "203.0.113.3").post("/api/v1/projects", json=body, headers=first)
    assert_error(blocked, 429, "rate_limited")
    assert int(blocked.headers["Retry-After"]) > 0
    browser = signed_in(app, person.id, from_address(app, "203.0.113.4"))
    assert_too_many_page(browser.post("/organisations/new", data={"csrf_token": get_csrf(browser, "/account")}))
    # Another person goes on.
    other = new_token(app, world.people[PARTNER].id)
    assert app.test_client().post("/api/v1/projects", json=body, headers=other).status_code != 429


def test_an_address_writes_add_up_across_people(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE_ADDRESS", "2 per minute")
    body = {"title": "x"}
    for name in (COMMUNITY, PARTNER):
        token = new_token(app, world.people[name].id)
        assert from_address(app, "203.0.113.9").post("/api/v1/projects", json=body, headers=token).status_code != 429
    token = new_token(app, world.people[OTHER].id)
    assert_error(from_address(app, "203.0.113.9").post("/api/v1/projects", json=body, headers=token), 429,
                 "rate_limited")
    assert from_address(app, "198.51.100.7").post("/api/v1/projects", json=body, headers=token).status_code != 429


def test_logging_out_is_never_refused(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE", "1 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_WRITE_ADDRESS", "1 per minute")
    browser = signed_in(app, world.people[COMMUNITY].id)
    for _ in range(3):
        token = get_csrf(browser, "/login") if _ else get_csrf(browser, "/account")
        assert browser.post("/logout", data={"csrf_token": token}).status_code == 302
