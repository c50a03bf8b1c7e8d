"""The API base: Bearer tokens and the JSON error shape for every error under /api/v1."""

import pytest
from sqlalchemy import select

from app.accounts.models import ApiToken, User
from app.accounts.tokens import create_token, revoke_token
from app.core.extensions import db
from tests.probe_app import create_probe_app


def assert_json_error(response, status: int, code: str) -> dict:
    """The answer is JSON of the shape {"error": {"code", "message", "details"}}, never a page."""
    assert response.status_code == status
    assert response.mimetype == "application/json"
    text = response.get_data(as_text=True)
    assert "<html" not in text.lower()
    body = response.get_json()
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"].strip()
    assert isinstance(error["details"], list)
    return error


def bearer(token: str) -> dict:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def make_token(app):
    """Create a token for user `user_id` (committed) and return it in clear."""

    def make(user_id: int) -> str:
        with app.app_context():
            raw = create_token(db.session.get(User, user_id), "tests")
            db.session.commit()
            return raw

    return make


@pytest.fixture(scope="module")
def probe_app(app):
    probe = create_probe_app(app)
    yield probe
    with probe.app_context():
        db.engine.dispose()


# --- tokens --------------------------------------------------------------------


def test_the_directory_is_public_without_a_token(client):
    response = client.get("/api/v1/organisations")
    assert response.status_code == 200
    assert set(response.get_json()) == {"items", "page", "per_page", "total"}


def test_a_valid_token_is_accepted(client, make_user, make_token):
    token = make_token(make_user().id)
    assert client.get("/api/v1/organisations", headers=bearer(token)).status_code == 200


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-real-token", "Bearer sl_" + "x" * 43, "Bearer ", "Basic dXNlcjpwYXNz", "sl_abc"],
    ids=["unknown token", "unknown token with the prefix", "empty token", "other scheme", "no scheme"],
)
def test_a_bad_authorization_header_gets_401(client, header):
    response = client.get("/api/v1/organisations", headers={"Authorization": header})
    assert_json_error(response, 401, "unauthorized")


def test_a_revoked_token_gets_401(app, client, make_user, make_token):
    token = make_token(make_user().id)
    assert client.get("/api/v1/organisations", headers=bearer(token)).status_code == 200
    with app.app_context():
        for api_token in db.session.scalars(select(ApiToken)):
            revoke_token(api_token)
        db.session.commit()
    response = client.get("/api/v1/organisations", headers=bearer(token))
    assert_json_error(response, 401, "unauthorized")


def test_a_deactivated_users_token_gets_401(app, client, make_user, make_token):
    user = make_user()
    token = make_token(user.id)
    assert client.get("/api/v1/organisations", headers=bearer(token)).status_code == 200
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    response = client.get("/api/v1/organisations", headers=bearer(token))
    assert_json_error(response, 401, "unauthorized")


def test_tokens_are_stored_hashed(app, make_user, make_token):
    token = make_token(make_user().id)
    with app.app_context():
        stored = db.session.scalars(select(ApiToken)).all()
        assert len(stored) == 1
        assert token not in (stored[0].token_hash, stored[0].prefix)
        assert token.startswith(stored[0].prefix)


# --- errors are JSON under /api/v1 ------------------------------------------------

ERRORS = [
    ("GET", "/api/v1/no-such-thing", 404, "not_found"),
    ("GET", "/api/v1/organisations/", 404, "not_found"),
    ("GET", "/api/v1", 404, "not_found"),
    ("POST", "/api/v1/no-such-thing", 404, "not_found"),
    ("POST", "/api/v1/organisations", 405, "method_not_allowed"),
    ("DELETE", "/api/v1/organisations", 405, "method_not_allowed"),
]


@pytest.mark.parametrize(("method", "path", "status", "code"), ERRORS)
def test_errors_under_the_api_are_json(client, method, path, status, code):
    response = client.open(path, method=method, json={"title": "anything"})
    assert_json_error(response, status, code)


def test_errors_under_the_api_are_json_even_for_a_browser_with_a_session(client, csrf):
    """A browser with a session cookie and a form post still gets JSON, never the CSRF error page."""
    csrf(client)
    response = client.post("/api/v1/organisations", data={"name": "x"})
    assert_json_error(response, 405, "method_not_allowed")


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/probe/forbidden", 403, "forbidden"),
        ("/api/v1/probe/broken", 500, "server_error"),
    ],
)
def test_forbidden_and_server_errors_under_the_api_are_json(probe_app, path, status, code):
    response = probe_app.test_client().get(path)
    error = assert_json_error(response, status, code)
    assert "Traceback" not in error["message"]


def test_rate_limited_api_calls_get_json_429(probe_app):
    client = probe_app.test_client()
    assert client.get("/api/v1/probe/limited").status_code == 200
    assert_json_error(client.get("/api/v1/probe/limited"), 429, "rate_limited")


def test_a_405_names_the_allowed_methods(client):
    page = client.delete("/login")
    api = client.delete("/api/v1/organisations")
    assert page.status_code == api.status_code == 405
    assert "GET" in page.headers["Allow"] and "GET" in api.headers["Allow"]
    assert api.is_json


def test_absurdly_nested_json_is_a_400_not_a_crash(app, client, make_user):
    from app.accounts.models import User
    from app.accounts.tokens import create_token
    from app.core.extensions import db

    person = make_user()
    with app.app_context():
        raw = create_token(db.session.get(User, person.id), "t")
        db.session.commit()
    body = '{"title": ' + "[" * 5000 + "]" * 5000 + "}"
    response = client.post("/api/v1/projects", data=body, content_type="application/json",
                           headers={"Authorization": f"Bearer {raw}"})
    assert response.status_code == 400
    assert response.get_json()["error"]["code"] == "bad_request"
