"""Production answers only the host names of TRUSTED_HOSTS, so that no redirect echoes a forged Host."""

import secrets

import pytest

from app import create_app
from app.core.extensions import db
from config import ProductionConfig


def production(app, **settings):
    return create_app(
        ProductionConfig,
        SECRET_KEY=secrets.token_hex(32),
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_OUTBOX_DIR=app.config["MAIL_OUTBOX_DIR"],
        RATELIMIT_STORAGE_URI="memory://",
        PUBLIC_URL="https://lab.example.org",
        **settings,
    )


@pytest.mark.parametrize("trusted_hosts", [None, []], ids=["unset", "empty"])
def test_production_refuses_to_start_without_trusted_hosts(app, trusted_hosts):
    with pytest.raises(RuntimeError, match="TRUSTED_HOSTS"):
        production(app, TRUSTED_HOSTS=trusted_hosts)


def test_a_trailing_slash_redirect_never_echoes_another_host(app):
    site = production(app, TRUSTED_HOSTS=["lab.example.org"])
    try:
        client = site.test_client()
        forged = client.get("/organisations", base_url="https://evil.example.com")
        assert forged.status_code == 400
        assert "evil.example.com" not in forged.headers.get("Location", "")
        honest = client.get("/organisations", base_url="https://lab.example.org")
        assert honest.status_code == 308
        assert honest.headers["Location"] in {"/organisations/", "https://lab.example.org/organisations/"}
    finally:
        with site.app_context():
            db.engine.dispose()


def test_a_forged_host_is_a_plain_400_on_pages_and_the_api(app):
    site = production(app, TRUSTED_HOSTS=["lab.example.org"])
    try:
        client = site.test_client()
        page = client.get("/", base_url="https://evil.example.com")
        assert page.status_code == 400
        assert "evil.example.com" not in page.get_data(as_text=True)
        api = client.get("/api/v1/organisations", base_url="https://evil.example.com")
        assert api.status_code == 400
        assert api.get_json()["error"]["code"] == "bad_request"
        assert "evil.example.com" not in api.get_data(as_text=True)
    finally:
        with site.app_context():
            db.engine.dispose()
