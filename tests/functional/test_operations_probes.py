"""The load balancer's probes (/healthz, /readyz) and the one JSON line logged per request."""

import json
import logging

import pytest

from app.core import health, request_log


class Lines(logging.Handler):
    def __init__(self):
        super().__init__()
        self.lines = []

    def emit(self, record):
        self.lines.append(json.loads(request_log.JsonLines().format(record)))


@pytest.fixture
def request_lines():
    handler = Lines()
    request_log.log.addHandler(handler)
    yield handler.lines
    request_log.log.removeHandler(handler)


def test_healthz_answers_while_the_process_runs(client):
    response = client.get("/healthz")
    assert response.status_code == 200 and response.get_json() == {"status": "ok"}


def test_readyz_checks_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ready", "checks": {"database": "ok"}}


def test_readyz_checks_every_configured_redis(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "JOB_QUEUE_URL", "redis://127.0.0.1:6379/0")
    assert client.get("/readyz").get_json()["checks"] == {"database": "ok", "redis": "ok"}
    # A Redis nobody listens on: not ready, and nothing of the address in the answer.
    monkeypatch.setitem(app.config, "CACHE_REDIS_URL", "redis://127.0.0.1:1/0")
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "not ready", "checks": {"database": "ok", "redis": "failed"}}
    assert "127.0.0.1" not in response.get_data(as_text=True)


def test_readyz_says_when_the_database_is_gone(client, monkeypatch):
    monkeypatch.setattr(health, "database_ready", lambda: False)
    response = client.get("/readyz")
    assert response.status_code == 503 and response.get_json()["checks"]["database"] == "failed"


def test_one_line_per_request_with_the_path_template_and_no_personal_data(client, make_user, request_lines):
    person = make_user(email="awa.traore@example.org")
    response = client.get(f"/projects/12345?who={person.email}")
    assert response.status_code == 404
    client.get("/healthz", headers={"X-Request-ID": "proxy-request-0001"})
    assert len(request_lines) == 2
    first, second = request_lines
    assert first["method"] == "GET" and first["status"] == 404
    assert first["path"] == "/projects/<int:id>"
    assert isinstance(first["duration_ms"], float) and first["duration_ms"] >= 0
    assert first["id"] == response.headers["X-Request-ID"] and len(first["id"]) == 32
    assert "awa" not in json.dumps(request_lines) and "12345" not in json.dumps(request_lines)
    assert second == {**second, "id": "proxy-request-0001", "path": "/healthz", "status": 200}


def test_an_unknown_address_and_a_hostile_request_id_are_logged_plainly(client, request_lines):
    response = client.get("/no/such/page", headers={"X-Request-ID": "x\" injected"})
    assert response.status_code == 404
    (line,) = request_lines
    assert line["path"] == "<unmatched>" and line["id"] != "x\" injected" and len(line["id"]) == 32
