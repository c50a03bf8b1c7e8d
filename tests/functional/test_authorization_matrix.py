"""Every route of the URL map, called by every role, answers as the table below expects.

The world: an active project of a Senegalese organisation, with a comment, an update, a milestone,
an attachment, a need with a pledge and an offer in the pool. The roles: an anonymous visitor, a
community member, a partner of another organisation, a reviewer of another region, a reviewer of the
project's region, a partner of the project's organisation, an admin.

Outcomes: "ok" (the action is allowed: any answer but a refusal — a form with errors counts), "login"
(sent to log in, or 401 from the API), "no" (403 or 404). A 5xx is always a failure. A route missing
from the table fails the test: a new route needs its line.
"""

import logging

import pytest

from app.accounts.models import User
from app.core.extensions import db
from tests.support.matrix import (
    ADMIN,
    ANON,
    COMMUNITY,
    EXPECTED,
    PARTNER,
    PAYLOADS,
    ROLES,
    build,
    mismatches,
    rules_of,
)


@pytest.fixture(scope="module")
def world(matrix):
    return matrix


def test_every_route_has_a_line_in_the_table(app):
    endpoints = {rule.endpoint for rule in rules_of(app)}
    missing = sorted(endpoints - set(EXPECTED))
    assert not missing, f"routes without an expected line: {missing}"
    stale = sorted(set(EXPECTED) - endpoints)
    assert not stale, f"lines for routes that no longer exist: {stale}"


@pytest.mark.parametrize("role", ROLES)
def test_each_route_answers_each_role_as_expected(app, world, role):
    wrong = mismatches(app, world, role)
    assert not wrong, f"as {role}: " + "; ".join(f"{k}: {v}" for k, v in sorted(wrong.items()))


def test_the_table_catches_a_rule_that_lets_everyone_review(app, world, monkeypatch):
    """A broken rule (every signed-in person may review every project) shows up as mismatches."""
    from app import permissions
    from app.permissions import projects as project_rules

    def everyone_reviews(user, project):
        return user.is_authenticated

    # Where the rule is made (the rules built on it) and where the views ask it.
    monkeypatch.setattr(project_rules, "can_review_project", everyone_reviews)
    monkeypatch.setattr(permissions, "can_review_project", everyone_reviews)
    wrong = mismatches(app, world, COMMUNITY)
    assert "review.show" in wrong and "review.add_note" in wrong


# CSRF, from the same URL map ---------------------------------------------------------------------

WRITES = {"POST", "PUT", "PATCH", "DELETE"}
# Signed out, the language switch needs no token: it only changes the visitor's own session language
# (app/main/web/routes.py, set_language; tests/functional/test_security.py shows what it can and cannot do).
WITHOUT_TOKEN = {ANON: {"main.set_language"}}


@pytest.mark.parametrize("role", [ANON, ADMIN, PARTNER])
def test_every_form_post_refuses_a_request_without_its_csrf_token(app, world, role, caplog):
    """Signed in or not, a web POST without the form's token is refused (400) before any view runs;
    the payload would otherwise have been accepted (see PAYLOADS). Flask-WTF logs each refusal, which
    tells a CSRF refusal from any other 400."""
    caplog.set_level(logging.INFO, logger="flask_wtf.csrf")
    accepted = []
    for rule in rules_of(app):
        if rule.endpoint.startswith("api.") or not (rule.methods & WRITES):
            continue
        if rule.endpoint in WITHOUT_TOKEN.get(role, ()):
            continue
        client = app.test_client()
        if role != ANON:
            with app.app_context():
                session_token = db.session.get(User, world.people[role].id).session_token
            with client.session_transaction() as session:
                session["_user_id"] = session_token
        method = sorted(rule.methods & WRITES)[0]
        payload = PAYLOADS.get(rule.endpoint, lambda v: {})(world.values)
        caplog.clear()
        response = client.open(build(app, rule, world.values), method=method, data=payload)
        refused = [r for r in caplog.records if r.name == "flask_wtf.csrf" and "CSRF" in r.getMessage()]
        if response.status_code != 400 or not refused:
            accepted.append(f"{rule.endpoint} ({response.status_code})")
    assert not accepted, f"accepted without a CSRF token: {accepted}"


def test_the_api_ignores_the_session_cookie(app, world):
    """The API is exempt from CSRF tokens because it never reads the session: a signed-in browser
    session without a Bearer token is an anonymous caller, refused (401) on every write."""
    client = app.test_client()
    with app.app_context():
        session_token = db.session.get(User, world.people[ADMIN].id).session_token
    with client.session_transaction() as session:
        session["_user_id"] = session_token
    accepted = []
    for rule in rules_of(app):
        if not rule.endpoint.startswith("api.") or not (rule.methods & WRITES):
            continue
        method = sorted(rule.methods & WRITES)[0]
        payload = PAYLOADS.get(rule.endpoint, lambda v: {})(world.values)
        response = client.open(build(app, rule, world.values), method=method, json=payload)
        if response.status_code != 401:
            accepted.append(f"{rule.endpoint} ({response.status_code})")
    assert not accepted, f"API writes that took the session cookie: {accepted}"
