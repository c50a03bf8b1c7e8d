"""The security baseline: headers, cookies, CSRF, error pages, request size, production settings."""

import re
import secrets

import pytest

from app import create_app
from app.accounts.models import User
from app.core.extensions import db
from config import DEV_SECRET_KEY, ProductionConfig
from tests.conftest import CSRF_RE
from tests.probe_app import create_probe_app
from tests.support.web import csp_directives

HTML_LANG_RE = re.compile(r'<html[^>]*\blang="([a-z]{2})"')


# --- helpers -----------------------------------------------------------------


def assert_security_headers(response, *, hsts: bool = False) -> None:
    policy = response.headers.get("Content-Security-Policy")
    assert policy, "no Content-Security-Policy header"
    assert "'unsafe-inline'" not in policy
    assert "'unsafe-eval'" not in policy
    directives = csp_directives(response)
    assert directives.get("default-src") == ["'self'"]
    assert directives.get("object-src") == ["'none'"]
    assert directives.get("base-uri") == ["'none'"]
    assert directives.get("frame-ancestors") == ["'none'"]
    for sources in directives.values():
        assert "*" not in sources, "no wildcard sources"
    assert response.headers.get("X-Content-Type-Options") == "nosniff"
    assert response.headers.get("Referrer-Policy") in {
        "no-referrer",
        "same-origin",
        "strict-origin",
        "strict-origin-when-cross-origin",
    }
    if hsts:
        value = response.headers.get("Strict-Transport-Security", "")
        max_age = re.search(r"max-age=(\d+)", value)
        assert max_age and int(max_age.group(1)) >= 365 * 24 * 3600, value
    else:
        assert "Strict-Transport-Security" not in response.headers


def cookie_attributes(response, name: str) -> dict[str, str | bool]:
    """Attributes of the Set-Cookie header for cookie `name` (lower-cased keys)."""
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(name + "="):
            attributes = {}
            for part in header.split(";")[1:]:
                key, sep, value = part.strip().partition("=")
                attributes[key.lower()] = value if sep else True
            return attributes
    raise AssertionError(f"no Set-Cookie for {name}: {response.headers.getlist('Set-Cookie')}")


def html_lang(response) -> str | None:
    match = HTML_LANG_RE.search(response.get_data(as_text=True))
    return match.group(1) if match else None


def choose_language(client, csrf, locale: str, base_url: str = "http://localhost"):
    token = csrf(client)
    return client.post(
        "/language",
        data={"locale": locale, "csrf_token": token},
        base_url=base_url,
        headers={"Referer": base_url + "/"},
    )


@pytest.fixture(scope="module")
def probe_app(app):
    probe = create_probe_app(app)
    yield probe
    with probe.app_context():
        db.engine.dispose()


@pytest.fixture(scope="module")
def production_app(app):
    production = create_app(
        ProductionConfig,
        SECRET_KEY=secrets.token_hex(32),
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_OUTBOX_DIR=app.config["MAIL_OUTBOX_DIR"],
        RATELIMIT_STORAGE_URI="memory://",
        PUBLIC_URL="https://sociallab.example.org",
        TRUSTED_HOSTS=["localhost"],
    )
    yield production
    with production.app_context():
        db.engine.dispose()


# --- headers -----------------------------------------------------------------

RESPONSES = {
    "home page": lambda c, csrf: c.get("/"),
    "404 page": lambda c, csrf: c.get("/no-such-page"),
    "static file": lambda c, csrf: c.get("/static/css/site.css"),
    "API answer": lambda c, csrf: c.get("/api/v1/organisations"),
    "API error": lambda c, csrf: c.get("/api/v1/no-such-thing"),
    "redirect": lambda c, csrf: c.post("/language", data={"locale": "en", "csrf_token": csrf(c)}),
}


@pytest.mark.parametrize("kind", RESPONSES)
def test_every_response_carries_the_security_headers(client, csrf, kind):
    with RESPONSES[kind](client, csrf) as response:
        assert response.status_code in {200, 302, 404}
        assert_security_headers(response, hsts=False)


@pytest.mark.parametrize("path", ["/", "/static/css/site.css", "/no-such-page", "/api/v1/organisations"])
def test_production_adds_hsts(production_app, path):
    client = production_app.test_client()
    with client.get(path, base_url="https://localhost") as response:
        assert response.status_code in {200, 404}
        assert_security_headers(response, hsts=True)


@pytest.mark.parametrize(
    "secret_key",
    [None, "", "short", "x" * 31, DEV_SECRET_KEY],
    ids=["missing", "empty", "short", "31 characters", "development key"],
)
def test_production_refuses_to_start_without_a_real_secret_key(app, secret_key):
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app(
            ProductionConfig,
            SECRET_KEY=secret_key,
            SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
            PUBLIC_URL="https://sociallab.example.org",
            TRUSTED_HOSTS=["sociallab.example.org"],
        )


@pytest.mark.parametrize("public_url", ["", "http://sociallab.example.org"])
def test_production_refuses_to_start_without_an_https_public_address(app, public_url):
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app(
            ProductionConfig,
            SECRET_KEY=secrets.token_hex(32),
            SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
            PUBLIC_URL=public_url,
            TRUSTED_HOSTS=["sociallab.example.org"],
        )


# --- cookies -----------------------------------------------------------------


def test_session_cookie_is_httponly_and_samesite_lax(app, client, csrf):
    response = choose_language(client, csrf, "fr")
    assert response.status_code == 302
    attributes = cookie_attributes(response, app.config["SESSION_COOKIE_NAME"])
    assert attributes.get("httponly") is True
    assert str(attributes.get("samesite")).lower() == "lax"
    assert "secure" not in attributes  # plain http in development and tests


def test_production_session_cookie_is_secure(production_app, csrf):
    client = production_app.test_client()
    name = production_app.config["SESSION_COOKIE_NAME"]
    page = client.get("/login", base_url="https://localhost")  # a form: the session holds its token
    assert cookie_attributes(page, name).get("secure") is True
    response = choose_language(client, csrf, "fr", base_url="https://localhost")
    assert response.status_code == 302
    attributes = cookie_attributes(response, name)
    assert attributes.get("secure") is True
    assert attributes.get("httponly") is True
    assert str(attributes.get("samesite")).lower() == "lax"
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_HTTPONLY"] is True


# --- CSRF ----------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/login", "/register", "/logout"])
def test_a_post_without_csrf_token_is_refused(client, path):
    client.get("/login")  # a session exists, but the form's token is not sent
    response = client.post(path, data={"locale": "fr", "email": "someone@example.org"})
    assert response.status_code == 400


def test_a_signed_in_language_change_without_its_token_is_refused_and_changes_nothing(app, client, make_user,
                                                                                     login_as):
    person = make_user()
    login_as(person)
    client.get("/")
    assert client.post("/language", data={"locale": "fr"}).status_code == 400
    assert html_lang(client.get("/")) == "en"
    with app.app_context():
        assert db.session.get(User, person.id).locale == "en"


def test_a_token_from_another_session_is_refused(app, csrf, make_user, login_as):
    token_of_someone_else = csrf(app.test_client())
    client = login_as(make_user(), app.test_client())
    client.get("/")
    response = client.post("/language", data={"locale": "fr", "csrf_token": token_of_someone_else})
    assert response.status_code == 400
    assert html_lang(client.get("/")) == "en"


def test_a_signed_out_visitor_changes_language_without_a_token_and_nothing_else(app, client):
    """The one form without a token (app/main/web/routes.py, set_language): signed out, it can only change
    the language of the visitor's own session, so their pages carry no token and set no cookie."""
    page = client.get("/projects")
    assert page.headers.get("Set-Cookie") is None
    assert 'name="csrf_token"' not in page.get_data(as_text=True)
    with app.app_context():
        before = {table.name: db.session.execute(table.select()).all() for table in db.metadata.sorted_tables}
    response = client.post("/language", data={"locale": "fr", "next": "https://evil.example/"})
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert html_lang(client.get("/projects")) == "fr"
    with app.app_context():
        after = {table.name: db.session.execute(table.select()).all() for table in db.metadata.sorted_tables}
    assert after == before


def test_a_post_with_the_csrf_token_works(client, csrf):
    response = choose_language(client, csrf, "fr")
    assert response.status_code == 302
    assert html_lang(client.get("/")) == "fr"


# --- request size --------------------------------------------------------------


def test_an_oversized_post_is_refused_with_413(app, client, csrf):
    limit = app.config["MAX_CONTENT_LENGTH"]
    assert limit and limit <= 64 * 1024 * 1024
    token = csrf(client)
    response = client.post("/language", data={"locale": "fr", "csrf_token": token, "pad": "x" * limit})
    assert response.status_code == 413
    assert 'href="#main"' in response.get_data(as_text=True)
    assert html_lang(client.get("/")) == "en"
    small = client.post("/language", data={"locale": "fr", "csrf_token": token, "pad": "x" * 1000})
    assert small.status_code == 302


# --- error pages ---------------------------------------------------------------


def exceed_the_limit(client):
    assert client.get("/probe/limited").status_code == 200
    return client.get("/probe/limited")


ERRORS = {
    400: ("app", lambda c: c.post("/login", data={"email": "someone@example.org"})),  # no CSRF token
    403: ("probe", lambda c: c.get("/probe/forbidden")),
    404: ("app", lambda c: c.get("/no-such-page")),
    405: ("app", lambda c: c.get("/language")),
    429: ("probe", exceed_the_limit),
    500: ("probe", lambda c: c.get("/probe/broken")),
}


@pytest.mark.parametrize("locale", ["en", "fr"])
@pytest.mark.parametrize("status", ERRORS)
def test_error_pages_use_the_layout_and_the_language(app, probe_app, csrf, status, locale):
    which, trigger = ERRORS[status]
    client = (app if which == "app" else probe_app).test_client()
    if locale != "en":
        assert choose_language(client, csrf, locale).status_code == 302
    response = trigger(client)
    assert response.status_code == status
    assert response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert html_lang(response) == locale
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert str(status) in html
    assert "Traceback" not in html
    assert_security_headers(response, hsts=False)


def test_links_in_e_mails_never_come_from_the_host_header(client, make_user, outbox, app):
    """A forged Host header cannot turn a reset link into a link to another site."""
    person = make_user()
    page = client.get("/password/forgot", headers={"Host": "evil.test"}).get_data(as_text=True)
    token = CSRF_RE.search(page).group(1)
    with client.post("/password/forgot", data={"email": person.email, "csrf_token": token},
                     headers={"Host": "evil.test"}):
        pass  # the e-mail goes once the answer is sent (closed)
    body = outbox()[-1].body
    assert "evil.test" not in body
    assert app.config["PUBLIC_URL"] + "/password/reset/" in body


@pytest.mark.parametrize(
    "path",
    ["/projects/2147483648", "/projects/99999999999999999999", "/admin/users/99999999999999999999",
     "/review/projects/2147483648", "/organisations/?page=99999999999999999999"],
)
def test_huge_numbers_in_addresses_are_not_errors(client, path):
    assert client.get(path).status_code in (200, 302, 404)


def test_nul_characters_are_refused_before_any_view(client, csrf):
    token = csrf(client, "/login")
    assert client.post("/login", data={"email": "a\x00@b.org", "password": "x", "csrf_token": token}).status_code == 400
    assert client.get("/organisations/a%00b").status_code == 400
    assert client.get("/organisations/?q=a%00b").status_code == 400
