"""Asking for a reset link: the account is looked up and mailed after the answer is sent, for every address
alike, so that the answer takes as long for a known address as for an unknown one."""

import pytest
from flask import has_request_context

from app.accounts import accounts


@pytest.fixture
def lookups(monkeypatch):
    """(address, whether a request was still being answered) for each account looked up for a reset."""
    seen = []
    look_up = accounts.account_for_reset_request

    def recording(email):
        seen.append((email, has_request_context()))
        return look_up(email)

    monkeypatch.setattr(accounts, "account_for_reset_request", recording)
    return seen


def ask(client, csrf, email):
    return client.post("/password/forgot", data={"email": email, "csrf_token": csrf(client, "/password/forgot")})


@pytest.mark.parametrize("known", [True, False], ids=["known address", "unknown address"])
def test_the_account_is_looked_up_and_mailed_only_after_the_answer(client, csrf, make_user, outbox, lookups, known):
    email = make_user().email if known else "nobody@example.org"
    response = ask(client, csrf, email)
    assert response.status_code == 302
    assert lookups == [] and outbox() == []  # the answer is ready: nothing was looked up or sent yet
    response.close()  # the server closes the answer once it is sent
    assert lookups == [(email, False)]
    assert [m.to for m in outbox()] == ([email] if known else [])


def test_a_refused_request_looks_nothing_up(app, client, make_user, outbox, lookups):
    person = make_user()
    with client.post("/password/forgot", data={"email": person.email, "csrf_token": "forged"}) as response:
        assert response.status_code == 400
    assert lookups == [] and outbox() == []
