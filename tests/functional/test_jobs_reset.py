"""The password-reset answer takes the same path whether the address is known or not: the request queues
one job with the address typed, and the worker looks the account up and mails it (a real worker
process on the local Redis, so the data is committed)."""

import pytest

from app.accounts import accounts
from tests.support.jobs import own_queue, run_worker

pytestmark = pytest.mark.committed


def ask(client, csrf, email):
    response = client.post("/password/forgot", data={"email": email, "csrf_token": csrf(client, "/password/forgot")})
    response.close()  # the server closes the answer once it is sent
    return response


def test_known_and_unknown_addresses_queue_the_same_job_and_only_the_worker_looks(app, client, csrf, make_user,
                                                                                  outbox, monkeypatch):
    known = make_user().email
    looked_up = []
    monkeypatch.setattr(accounts, "account_for_reset_request", lambda email: looked_up.append(email))
    with own_queue(app) as queue:
        answers = [ask(client, csrf, email) for email in (known, "nobody@example.org")]
        assert [a.status_code for a in answers] == [302, 302]
        assert answers[0].headers["Location"] == answers[1].headers["Location"]
        assert looked_up == [], "the request looks nothing up"
        queued = [(job.func_name, job.args) for job in queue.jobs]
        assert queued == [
            ("app.core.jobs.perform", ("app.accounts.emails.send_reset_link", (email,), {}))
            for email in (known, "nobody@example.org")
        ]
        monkeypatch.undo()
        run_worker(app)
        assert queue.count == 0
    messages = outbox()
    assert [m.to for m in messages] == [known]
    assert "/password/reset/" in messages[0].body
