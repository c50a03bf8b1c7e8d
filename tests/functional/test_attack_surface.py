"""The attack surface, route by route: security headers and caching on every answer, replayed
sessions and tokens, rate limits, hostile uploads, open redirects, and objects of another owner.

The generated sections walk the URL map with the world of test_authorization_matrix.py (an active
project with one object of every kind, and a person for every role), so a new route is covered here
as soon as it exists. What test_security.py, test_auth_sessions.py, test_projects_uploads.py and the
matrix already prove is not repeated.
"""

import io
import re
from urllib.parse import quote, urljoin, urlsplit

import pytest
from flask import Flask
from flask.sessions import SecureCookieSessionInterface
from PIL import Image
from sqlalchemy import select, text

from app.accounts import tokens
from app.accounts.models import ApiToken, User
from app.core.extensions import db, limiter
from app.gate import workflow
from app.projects.models import Attachment, Project, Stage
from tests.conftest import get_csrf
from tests.support.api import assert_error
from tests.support.matrix import (  # the table's URL-map helpers and the ways of calling its routes
    ADMIN,
    ANON,
    COMMUNITY,
    FAR,
    OTHER,
    PARTNER,
    PAYLOADS,
    REVIEWER,
    WRITES,
    allowed_role,
    assert_too_many_page,
    build,
    call,
    each_answer,
    from_address,
    new_token,
    rules_of,
    send_write,
    signed_in,
)
from tests.support.pdfs import make_pdf
from tests.support.people import PASSWORD
from tests.support.projects import load, world_records
from tests.support.web import client_for, csp_directives, make_project
from tests.support.web import text as page_text

SESSION = "sociallab_session"
REMEMBER = "sociallab_remember"
@pytest.fixture
def upload_dir(app, matrix_uploads, tmp_path):
    """An empty folder of the test's own for what it uploads."""
    app.config["UPLOAD_DIR"] = str(tmp_path / "uploads")
    yield tmp_path / "uploads"
    app.config["UPLOAD_DIR"] = str(matrix_uploads)


@pytest.fixture(scope="module")
def world(matrix):
    return matrix


# --- security headers and caching on every answer ------------------------------------------------------


def missing_headers(response) -> list[str]:
    """The security headers this answer lacks (or carries with a weak value)."""
    headers = response.headers
    csp = csp_directives(response)
    policy = headers.get("Content-Security-Policy", "")
    checks = {
        "Content-Security-Policy": (
            csp.get("default-src") == ["'self'"] and csp.get("object-src") == ["'none'"]
            and csp.get("base-uri") == ["'none'"] and csp.get("frame-ancestors") == ["'none'"]
            and csp.get("form-action") == ["'self'"] and "unsafe" not in policy and "*" not in policy
        ),
        "X-Content-Type-Options": headers.get("X-Content-Type-Options") == "nosniff",
        "Referrer-Policy": headers.get("Referrer-Policy") in {"no-referrer", "same-origin", "strict-origin",
                                                              "strict-origin-when-cross-origin"},
        "X-Frame-Options": headers.get("X-Frame-Options") == "DENY",
        "Cross-Origin-Opener-Policy": headers.get("Cross-Origin-Opener-Policy") == "same-origin",
        "Permissions-Policy": "geolocation=()" in headers.get("Permissions-Policy", ""),
    }
    return [name for name, ok in checks.items() if not ok]


def kept_by_shared_caches(response) -> bool:
    """Whether a shared cache (a proxy, a CDN) may keep this answer and give it to someone else."""
    directives = {part.strip().split("=")[0].lower() for part in response.headers.get("Cache-Control", "").split(",")}
    return not directives & {"no-store", "private"}


# The same for everyone, whoever asks: a shared cache may keep them (checked below).
PUBLIC_FOR_EVERYONE = {"static", "reports.stats_csv", "api.openapi_document", "api.docs_asset", "projects.download",
                       "projects.cover_image", "main.map_land"}


@pytest.mark.parametrize("role", [ANON, PARTNER, ADMIN])
def test_every_route_answers_with_the_security_headers_and_private_pages_stay_private(app, world, role):
    """Every route of the URL map (GET where it has one, its write otherwise), as a visitor and signed in:
    all the security headers, and nothing a shared cache may keep once someone is signed in."""
    problems, seen = [], set()
    for rule, response in each_answer(app, world, role):
        seen.add(response.status_code)
        if missing := missing_headers(response):
            problems.append(f"{rule.endpoint} ({response.status_code}): missing {missing}")
        # Only answers to GET are ever stored by a cache (a POST's answer without freshness never is).
        if ("GET" in rule.methods and role != ANON and rule.endpoint not in PUBLIC_FOR_EVERYONE
                and kept_by_shared_caches(response)):
            problems.append(f"{rule.endpoint} ({response.status_code}): Cache-Control "
                            f"{response.headers.get('Cache-Control')!r} for a signed-in person")
    assert not problems, "\n".join(problems)
    assert {200, 302} <= seen  # pages and redirects were both among them


def test_what_shared_caches_may_keep_is_the_same_for_everyone(app, world):
    for endpoint in sorted(PUBLIC_FOR_EVERYONE - {"static"}):
        rule = next(r for r in rules_of(app) if r.endpoint == endpoint)
        bodies = []
        for role in (ANON, ADMIN):
            with call(app, rule, role, world) as response:
                assert response.status_code == 200, (endpoint, role)
                bodies.append(response.get_data())
        assert bodies[0] == bodies[1], endpoint


def trigger_500(app, monkeypatch, endpoint):
    def broken(**_kwargs):
        raise RuntimeError("a failure on purpose")

    monkeypatch.setitem(app.view_functions, endpoint, broken)
    monkeypatch.setitem(app.config, "PROPAGATE_EXCEPTIONS", False)


def exhaust(app, monkeypatch, client, url, **kwargs):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "1 per minute")
    client.post(url, **kwargs)
    return client.post(url, **kwargs)


def api(world) -> dict:
    return {"Authorization": f"Bearer {world.tokens[ADMIN]}"}


ERRORS = {
    "400 page (no CSRF token)": (400, lambda c, w, a, m: c.post("/login", data={"email": "x@example.org"})),
    "400 page (NUL)": (400, lambda c, w, a, m: c.get("/organisations/a%00b")),
    "401 API": (401, lambda c, w, a, m: c.get("/api/v1/organisations", headers={"Authorization": "Bearer x"})),
    "403 page": (403, lambda c, w, a, m: c.get(f"/projects/{w.values['id']}/edit")),
    "404 page": (404, lambda c, w, a, m: c.get("/no-such-page")),
    "404 API": (404, lambda c, w, a, m: c.get("/api/v1/projects/999999", headers=api(w))),
    "405 page": (405, lambda c, w, a, m: c.get("/language")),
    "405 API": (405, lambda c, w, a, m: c.delete("/api/v1/projects", headers=api(w))),
    "413 page": (413, lambda c, w, a, m: c.post("/language", data={"pad": "x" * a.config["MAX_CONTENT_LENGTH"]})),
    "413 API": (413, lambda c, w, a, m: c.post("/api/v1/projects", headers=api(w), content_type="application/json",
                                               data=b"[" + b" " * a.config["MAX_CONTENT_LENGTH"] + b"]")),
    "429 page": (429, lambda c, w, a, m: exhaust(a, m, c, f"/projects/{w.values['id']}/comments",
                                                 data={"body": "Hello.", "csrf_token": get_csrf(c, "/account")})),
    "429 API": (429, lambda c, w, a, m: exhaust(a, m, c, f"/api/v1/projects/{w.values['id']}/comments",
                                                json={"body": "Hello."}, headers=api(w))),
    "500 page": (500, lambda c, w, a, m: trigger_500(a, m, "main.home") or c.get("/")),
    "500 API": (500, lambda c, w, a, m: trigger_500(a, m, "api.list_organisations")
                or c.get("/api/v1/organisations", headers=api(w))),
    "HEAD": (200, lambda c, w, a, m: c.head(f"/projects/{w.values['id']}")),
    "CSV export (streamed)": (200, lambda c, w, a, m: c.get("/exports/comments.csv")),
}


def test_errors_and_other_answers_carry_the_headers_and_stay_private(app, world, monkeypatch):
    """Error answers of the pages and of the API, a HEAD and a streamed export, to a signed-in admin:
    the same headers, and nothing that a shared cache may keep."""
    wrong = []
    for kind, (status, trigger) in ERRORS.items():
        limiter.reset()
        client = signed_in(app, world.people[ADMIN].id)
        with monkeypatch.context() as patch, trigger(client, world, app, patch) as response:
            if response.status_code != status:
                wrong.append(f"{kind}: {response.status_code}, not {status}")
            if missing := missing_headers(response):
                wrong.append(f"{kind}: missing {missing}")
            if kept_by_shared_caches(response):
                wrong.append(f"{kind}: Cache-Control {response.headers.get('Cache-Control')!r}")
    assert not wrong, "\n".join(wrong)


# --- replayed sessions and tokens ----------------------------------------------------------------------


def log_in(app, person, remember: bool = False):
    """A browser that logged in through the form."""
    client = app.test_client()
    data = {"email": person.email, "password": person.password, "csrf_token": get_csrf(client, "/login")}
    if remember:
        data["remember"] = "y"
    assert client.post("/login", data=data).status_code == 302
    return client


def holding(app, source, *names):
    """A new browser holding only copies of `source`'s cookies `names`, as a thief would."""
    thief = app.test_client()
    for name in names:
        thief.set_cookie(name, source.get_cookie(name).value)
    return thief


def signed_in_as(client) -> bool:
    return client.get("/account").status_code == 200


def admin_sets(app, admin, person, **fields):
    """An admin saves the person's account form (role, regions, active)."""
    client = signed_in(app, admin.id)
    data = {"role": fields.get("role", "community"), "csrf_token": get_csrf(client, f"/admin/users/{person.id}")}
    if fields.get("regions"):
        data["regions"] = fields["regions"]
    if fields.get("active", True):
        data["active"] = "y"
    assert client.post(f"/admin/users/{person.id}", data=data).status_code == 302


def test_cookies_copied_before_a_deactivation_stay_dead_after_the_account_comes_back(app, make_user):
    person, admin = make_user(), make_user(role="admin")
    browser = log_in(app, person, remember=True)
    session_copy = holding(app, browser, SESSION)
    remember_copy = holding(app, browser, REMEMBER)
    assert signed_in_as(session_copy) and signed_in_as(remember_copy)  # the copies work while it lasts

    admin_sets(app, admin, person, active=False)
    admin_sets(app, admin, person, active=True)
    for client in (browser, session_copy, remember_copy):
        assert not signed_in_as(client)
    assert signed_in_as(log_in(app, person))  # the person logs in again; only the old cookies are dead


@pytest.mark.parametrize(
    ("before", "after", "path"),
    [
        ({"role": "admin"}, {"role": "community"}, "/admin/users"),
        ({"role": "reviewer", "regions": "sub_saharan_africa"}, {"role": "reviewer", "regions": "latin_america"},
         "/review/projects/{project}"),
        ({"role": "reviewer", "regions": "sub_saharan_africa"}, {"role": "community"}, "/moderation"),
    ],
    ids=["admin made community", "reviewer moved to another region", "reviewer made community"],
)
def test_a_session_copied_before_a_role_is_removed_loses_the_role_at_once(app, make_user, make_org, before, after,
                                                                         path):
    """Roles are read from the account on every request, never kept in the session or the token."""
    regions = (before["regions"],) if before.get("regions") else ()
    person = make_user(role=before["role"], regions=regions)
    admin = make_user(role="admin")
    people = world_records(make_user, make_org)
    url = path.format(project=make_project(app, people, Stage.SUBMITTED))
    browser = log_in(app, person)
    copy = holding(app, browser, SESSION)
    assert copy.get(url).status_code == 200

    admin_sets(app, admin, person, **after)
    assert copy.get(url).status_code in (403, 404)
    assert signed_in_as(copy)  # still signed in, as what the account is now


def test_an_api_token_loses_an_admins_reach_when_the_role_is_removed(app, make_user, make_org):
    person, admin = make_user(role="admin"), make_user(role="admin")
    people = world_records(make_user, make_org)
    draft = make_project(app, people)  # another organisation's draft: admins only, besides its partners
    headers = new_token(app, person.id)
    client = app.test_client()
    assert client.get(f"/api/v1/projects/{draft}", headers=headers).status_code == 200

    admin_sets(app, admin, person, role="community")
    assert_error(client.get(f"/api/v1/projects/{draft}", headers=headers), 404, "not_found")


def test_a_token_revoked_on_the_account_page_stops_at_once_and_the_others_go_on(app, make_user, make_org):
    person = make_user()
    people = world_records(make_user, make_org)
    project = make_project(app, people, Stage.ACTIVE)
    kept, revoked = new_token(app, person.id), new_token(app, person.id)
    browser = log_in(app, person)
    with app.app_context():
        token_id = db.session.scalars(select(ApiToken.id).where(ApiToken.user_id == person.id)
                                      .order_by(ApiToken.id)).all()[-1]
    response = browser.post(f"/account/tokens/{token_id}/revoke", data={"csrf_token": get_csrf(browser, "/account")})
    assert response.status_code == 302

    client = app.test_client()
    # Even a public read is refused: a revoked token is not quietly taken for an anonymous caller.
    assert_error(client.get(f"/api/v1/projects/{project}", headers=revoked), 401, "unauthorized")
    assert_error(client.post(f"/api/v1/projects/{project}/comments", json={"body": "Still here?"}, headers=revoked),
                 401, "unauthorized")
    assert client.post(f"/api/v1/projects/{project}/comments", json={"body": "Still here."},
                       headers=kept).status_code == 201


def forged_session(secret_key: str, data: dict) -> str:
    """A session cookie as Flask signs it, with `secret_key`."""
    signer = Flask(__name__)
    signer.secret_key = secret_key
    return SecureCookieSessionInterface().get_signing_serializer(signer).dumps(data)


def test_a_session_is_only_accepted_signed_by_the_app_and_holding_the_session_token(app, make_user):
    person = make_user()
    with app.app_context():
        session_token = db.session.get(User, person.id).session_token
    cases = {
        "signed by the app, with the session token": (app.secret_key, {"_user_id": session_token}, True),
        "signed with another key": ("another-secret-key", {"_user_id": session_token}, False),
        "holding the account's number": (app.secret_key, {"_user_id": str(person.id)}, False),
        "holding the account's e-mail": (app.secret_key, {"_user_id": person.email}, False),
    }
    for case, (key, data, accepted) in cases.items():
        client = app.test_client()
        client.set_cookie(SESSION, forged_session(key, {**data, "_fresh": True}))
        assert signed_in_as(client) is accepted, case
    tampered = app.test_client()
    tampered.set_cookie(SESSION, forged_session(app.secret_key, {"_user_id": session_token})[:-2] + "xx")
    assert not signed_in_as(tampered)


# --- rate limits -----------------------------------------------------------------------------------------


def try_login(client, email: str, password: str, **kwargs):
    token = get_csrf(client, "/login")
    return client.post("/login", data={"email": email, "password": password, "csrf_token": token}, **kwargs)


def test_log_in_guesses_add_up_per_account_from_any_address(app, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN", "100 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN_ACCOUNT", "3 per minute")
    victim, bystander = make_user("victim@example.org"), make_user()
    for n, typed in enumerate(["victim@example.org", "VICTIM@example.org", "  Victim@Example.org "]):
        assert try_login(from_address(app, f"203.0.113.{n}"), typed, "a wrong guess 123").status_code == 200
    fresh = from_address(app, "198.51.100.7")
    assert_too_many_page(try_login(fresh, victim.email, victim.password))
    assert not signed_in_as(fresh)
    assert try_login(fresh, bystander.email, bystander.password).status_code == 302  # other accounts go on


def test_log_in_guesses_add_up_per_address_whatever_the_account(app, make_user, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN", "3 per minute")
    people = [make_user() for _ in range(4)]
    sprayer = from_address(app, "203.0.113.9")
    for person in people[:3]:
        assert try_login(sprayer, person.email, "Password123!").status_code == 200
    assert_too_many_page(try_login(sprayer, people[3].email, people[3].password))
    assert try_login(from_address(app, "198.51.100.7"), people[3].email, people[3].password).status_code == 302


FORMS = {
    "/login": ("RATELIMIT_LOGIN", lambda n: {"email": f"x{n}@example.org", "password": "a wrong guess 123"}),
    "/register": ("RATELIMIT_REGISTER", lambda n: {"email": f"new{n}@example.org", "name": "New", "password": "x"}),
    "/password/forgot": ("RATELIMIT_RESET", lambda n: {"email": f"x{n}@example.org"}),
}


@pytest.mark.parametrize("path", FORMS)
def test_a_forged_x_forwarded_for_does_not_make_a_new_address(app, monkeypatch, path):
    """Without a proxy in front (PROXY_COUNT=0), the header is anyone's to write: it is not believed."""
    setting, data = FORMS[path]
    assert not app.config["PROXY_COUNT"]
    monkeypatch.setitem(app.config, setting, "2 per minute")
    client = app.test_client()
    answers = [client.post(path, data={**data(n), "csrf_token": get_csrf(client, path)},
                           headers={"X-Forwarded-For": f"192.0.2.{n}"}).status_code for n in range(3)]
    assert 429 not in answers[:2] and answers[2] == 429, answers


def test_reset_requests_add_up_per_account_from_any_address(app, make_user, monkeypatch, outbox):
    monkeypatch.setitem(app.config, "RATELIMIT_RESET", "100 per minute")
    monkeypatch.setitem(app.config, "RATELIMIT_RESET_ACCOUNT", "2 per hour")
    victim, bystander = make_user(), make_user()

    def ask(address, email):
        client = from_address(app, address)
        token = get_csrf(client, "/password/forgot")
        with client.post("/password/forgot", data={"email": email, "csrf_token": token}) as answer:
            answer.get_data()  # closed as a server does once it is sent: the e-mail goes then
        return answer

    assert [ask(f"203.0.113.{n}", victim.email.upper()).status_code for n in range(2)] == [302, 302]
    assert_too_many_page(ask("198.51.100.7", victim.email))
    assert len(outbox()) == 2  # the victim's mailbox is not flooded
    assert ask("198.51.100.7", bystander.email).status_code == 302
    assert [message.to for message in outbox()][-1] == bystander.email


def test_the_posting_budget_is_per_person_across_tokens_addresses_and_the_web(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    person = world.people[COMMUNITY]
    url = f"/api/v1/projects/{world.values['id']}/comments"
    first, second = new_token(app, person.id), new_token(app, person.id)
    assert from_address(app, "203.0.113.1").post(url, json={"body": "One."}, headers=first).status_code == 201
    assert from_address(app, "203.0.113.2").post(url, json={"body": "Two."}, headers=second).status_code == 201

    browser = signed_in(app, person.id, from_address(app, "203.0.113.3"))
    page = browser.post(f"/projects/{world.values['id']}/comments",
                        data={"body": "Three.", "csrf_token": get_csrf(browser, "/account")})
    assert_too_many_page(page)
    blocked = app.test_client().post(url, json={"body": "Four."}, headers=first)
    assert_error(blocked, 429, "rate_limited")
    assert int(blocked.headers["Retry-After"]) > 0
    other = {"Authorization": f"Bearer {world.tokens[ADMIN]}"}
    assert app.test_client().post(url, json={"body": "Mine."}, headers=other).status_code == 201


# What each limit covers (README, "Settings"): log-in, registration, reset requests and confirmation
# links per address (and per account), the current password asked by the password change per account,
# and posting (RATELIMIT_POST) per person.
LIMITED = {
    "auth.login", "auth.register", "auth.forgot_password", "auth.resend_verification", "auth.change_password",
    "community.post_comment", "community.edit_comment", "community.flag_comment",
    "community.new_update", "community.add_milestone",
    "resources.add_need", "resources.pledge", "resources.new_offer", "resources.ask_offer",
    "voice.record_consultation", "voice.answer_back", "api.create_consultation",
    "results.add_indicator", "results.add_measurement", "api.create_indicator", "api.create_measurement",
    "api.create_comment", "api.flag_comment", "api.create_need", "api.create_pledge", "api.create_offer",
}
LIMIT_SETTINGS = ("RATELIMIT_LOGIN", "RATELIMIT_LOGIN_ACCOUNT", "RATELIMIT_REGISTER", "RATELIMIT_RESET",
                  "RATELIMIT_RESET_ACCOUNT", "RATELIMIT_POST")


def test_every_route_that_creates_or_sends_something_is_rate_limited(app, world, monkeypatch):
    """Each write route of the URL map, sent twice with every limit at one a minute: the routes of the
    table answer the second time with 429 (a page, or the API's JSON error), and no other route does."""
    for setting in LIMIT_SETTINGS:
        monkeypatch.setitem(app.config, setting, "1 per minute")
    limited, problems = set(), []
    for rule in rules_of(app):
        if not rule.methods & WRITES:
            continue
        limiter.reset()
        with app.app_context():
            savepoint = db.session.get_bind().begin_nested()
        try:
            role = allowed_role(rule.endpoint)
            statuses = []
            for _attempt in range(2):
                with send_write(app, rule, role, world) as response:
                    statuses.append(response.status_code)
            if statuses[1] == 429:
                limited.add(rule.endpoint)
                if rule.endpoint.startswith("api."):
                    assert_error(response, 429, "rate_limited")
                else:
                    assert_too_many_page(response)
            if statuses[0] == 429:
                problems.append(f"{rule.endpoint}: refused at once")
        finally:
            with app.app_context():
                savepoint.rollback()
                db.session.expire_all()
    assert not problems, problems
    assert sorted(limited - LIMITED) == [], "limited, not in the table"
    assert sorted(LIMITED - limited) == [], "not limited"


def test_the_password_change_form_is_no_way_around_the_log_in_limit(app, make_user, monkeypatch):
    """Someone holding a session (a borrowed computer, a stolen cookie) cannot try passwords on the
    password change form faster than on the log-in form: the same per-account limit holds there."""
    monkeypatch.setitem(app.config, "RATELIMIT_LOGIN_ACCOUNT", "3 per minute")
    person = make_user()
    browser = signed_in(app, person.id)

    def guess(current, client=browser):
        return client.post("/account/password", data={"current_password": current, "password": "new harbour 42 lamp",
                                                      "confirm": "new harbour 42 lamp",
                                                      "csrf_token": get_csrf(client, "/account")})

    assert [guess(f"guess number {n}").status_code for n in range(3)] == [200, 200, 200]
    assert_too_many_page(guess(person.password))
    with app.app_context():
        assert db.session.get(User, person.id).check_password(person.password)
    # Counted per account: another browser of the same account is refused too.
    assert guess(person.password, signed_in(app, person.id, from_address(app, "198.51.100.7"))).status_code == 429


# --- hostile uploads -----------------------------------------------------------------------------------

PDF = make_pdf()
SCRIPT = b"<script>alert(document.cookie)</script>"
STORED_NAME_RE = re.compile(r"[0-9a-f]{32}\.(pdf|png|jpg)")
SERVED_TYPES = {"application/pdf", "image/png", "image/jpeg"}


def send_file(client, project_id: int, data: bytes, name: str, consent: bool = True):
    """The upload form, with the file name sent as `filename*` (RFC 5987): any character reaches the app."""
    boundary = "attack-surface-boundary"
    fields = {"csrf_token": get_csrf(client)} | ({"consent": "y"} if consent else {})
    body = b"".join(f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n{value}\r\n'.encode()
                    for key, value in fields.items())
    body += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; "
             f"filename*=UTF-8''{quote(name, safe='')}\r\nContent-Type: application/octet-stream\r\n\r\n").encode()
    body += data + f"\r\n--{boundary}--\r\n".encode()
    return client.post(f"/projects/{project_id}/attachments", data=body,
                       content_type=f"multipart/form-data; boundary={boundary}")


@pytest.fixture
def uploader(app, make_user, make_org, login_as):
    people = world_records(make_user, make_org)
    project_id = make_project(app, people, Stage.DRAFT)
    return project_id, client_for(app, login_as, people, "owner")


def stored_files(upload_dir) -> list[str]:
    return sorted(p.name for p in upload_dir.rglob("*") if p.is_file()) if upload_dir.exists() else []


def image_bytes(kind: str, comment: bytes) -> bytes:
    """A real PNG or JPEG that also carries `comment` (HTML and script) in a metadata chunk."""
    from PIL import PngImagePlugin

    out = io.BytesIO()
    image = Image.new("RGB", (8, 8), (10, 120, 200))
    if kind == "PNG":
        info = PngImagePlugin.PngInfo()
        info.add_text("Comment", comment.decode())
        image.save(out, "PNG", pnginfo=info)
    else:
        image.save(out, "JPEG", comment=comment)
    data = out.getvalue()
    assert comment in data  # the polyglot really carries its payload
    return data


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "logo.svg"),
        (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "logo.png"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + b"\x00" * 40 + b"%PDF-1.4 %%EOF", "report.pdf"),
        (b"<html>" + SCRIPT + b"</html>\n%PDF-1.4\n%%EOF\n", "report.pdf"),
        (b"\xef\xbb\xbf<!doctype html>" + SCRIPT, "photo.jpg"),
        (b"GIF89a/*\x01\x00\x01\x00*/=1;" + SCRIPT, "photo.gif"),
    ],
    ids=["svg", "svg named png", "zip named pdf", "html before a pdf header", "html with a bom", "gif and script"],
)
def test_files_that_are_not_pdf_png_or_jpeg_are_refused_whatever_they_pretend(app, uploader, upload_dir, data, name):
    project_id, owner = uploader
    response = send_file(owner, project_id, data, name)
    assert response.status_code == 422
    assert "Only PDF, PNG and JPEG files are accepted." in page_text(response)
    assert stored_files(upload_dir) == []


@pytest.mark.parametrize("kind", ["PNG", "JPEG", "PDF"])
def test_a_polyglot_that_is_also_html_is_never_served_as_html(app, uploader, upload_dir, kind):
    """An image or a PDF that also holds a page and a script: images lose it when re-encoded, PDFs when
    written again without their metadata, and every file is served as a download of its own type, never sniffed."""
    project_id, owner = uploader
    payload = b"<html><body>" + SCRIPT + b"</body></html>"
    # In a PDF, the page hides in a comment line after the header.
    data = PDF.replace(b"\n", b"\n%" + payload + b"\n", 1) if kind == "PDF" else image_bytes(kind, payload)
    assert send_file(owner, project_id, data, "page.html").status_code == 302
    (name,) = stored_files(upload_dir)
    with app.app_context():
        attachment = db.session.scalar(select(Attachment).where(Attachment.project_id == project_id))
        attachment_id, shown = attachment.id, attachment.original_name
    assert shown == "page" + {"PNG": ".png", "JPEG": ".jpg", "PDF": ".pdf"}[kind]  # named after the content
    assert SCRIPT not in (upload_dir / name).read_bytes()  # images re-encoded, PDFs written again
    with owner.get(f"/projects/{project_id}/attachments/{attachment_id}") as response:
        assert response.status_code == 200
        assert response.mimetype in SERVED_TYPES and response.mimetype != "text/html"
        assert response.headers["Content-Disposition"].startswith("attachment;")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert not missing_headers(response)


HOSTILE_NAMES = [
    "../../etc/passwd", "/etc/passwd", "..\\..\\windows\\win.ini", "C:\\Users\\Public\\plan.pdf",
    "plan\x00.html", "inv\u202efdp.exe", "a" * 1000 + ".pdf", 'say "hi".pdf', "two\r\nSet-Cookie: x=1.pdf",
    "<img src=x onerror=alert(1)>.pdf", "..", ".htaccess", "résumé 2024.pdf",
]


@pytest.mark.parametrize("name", HOSTILE_NAMES, ids=range(len(HOSTILE_NAMES)))
def test_a_hostile_file_name_never_reaches_the_disk_nor_the_headers(app, uploader, upload_dir, tmp_path, name):
    project_id, owner = uploader
    assert send_file(owner, project_id, PDF, name, consent=False).status_code == 302
    everything = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p.parent for p in everything] == [upload_dir]  # nothing written anywhere else
    assert STORED_NAME_RE.fullmatch(everything[0].name), everything[0].name
    with app.app_context():
        attachment = db.session.scalar(select(Attachment).where(Attachment.project_id == project_id))
        attachment_id, shown = attachment.id, attachment.original_name
    assert shown.endswith(".pdf") and len(shown) <= 210
    assert not set(shown) & set('/\\"<>\r\n\x00\u202e'), repr(shown)
    with owner.get(f"/projects/{project_id}/attachments/{attachment_id}") as response:
        disposition = response.headers["Content-Disposition"]
        assert disposition.startswith("attachment;")
        assert not set(disposition) & set("\r\n\x00\u202e"), repr(disposition)
        assert response.headers.getlist("Set-Cookie") == []
        assert response.get_data().startswith(b"%PDF-")
    page = owner.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "<img src=x" not in page and "\u202e" not in page


def test_an_image_of_too_many_pixels_is_refused_before_it_is_decoded(app, uploader, upload_dir):
    """A decompression bomb: a few kilobytes that would take hundreds of megabytes once decoded."""
    project_id, owner = uploader
    out = io.BytesIO()
    Image.new("1", (8_000, 6_000)).save(out, "PNG")  # 48 megapixels
    assert len(out.getvalue()) < 100_000
    response = send_file(owner, project_id, out.getvalue(), "bomb.png")
    assert response.status_code == 422
    assert "This image is too large (at most 40 megapixels)." in page_text(response)
    assert stored_files(upload_dir) == []


# --- open redirects ------------------------------------------------------------------------------------

# Every redirect whose target the request chooses (grep the app for `next`): the log-in form (its hidden
# field and its query string), the language switch, and the confirmation link's resend button.
OFFSITE = [
    "//evil.example", "///evil.example", "https://evil.example", "HTTPS://evil.example/", "http://evil.example/account",
    "/\\evil.example", "\\/evil.example", "\\\\evil.example", "https:evil.example", "https:/evil.example",
    "http:\\\\evil.example", "javascript:alert(document.domain)", "JaVaScRiPt:alert(1)", " javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>", "/\t/evil.example", "/\n/evil.example", "\t//evil.example",
    " //evil.example", "\r\n//evil.example", "%2F%2Fevil.example", "%5C%5Cevil.example", "%252F%252Fevil.example",
    "http://localhost@evil.example", "//evil.example@localhost", "\u3000//evil.example", "/\x00/evil.example",
]
# Odd, but addresses on this site: they may be kept, as long as the browser stays here.
ODD_LOCAL = ["/%2F%2Fevil.example", "/%5Cevil.example", "/./evil.example", "/..//evil.example", "/ /evil.example"]
LOCAL = ["/projects?country=SN&stage=active", "/organisations/", "/stats"]


def lands_on_this_site(location: str) -> bool:
    """Where a browser goes with this Location (tabs and newlines dropped, backslashes read as slashes,
    as the URL standard has it), seen from a page of this site."""
    cleaned = re.sub(r"[\t\n\r]", "", location).strip("\x00 \x1f").replace("\\", "/")
    target = urlsplit(urljoin("http://localhost/some/page", cleaned))
    return target.scheme == "http" and target.netloc == "localhost"


def login_redirect(where):
    def send(app, person, target):
        client = app.test_client()
        query = "?next=" + quote(target, safe="") if where != "form" else ""
        if where == "page":  # the hidden field drawn by GET /login?next=... and sent back unchanged
            html = client.get("/login" + query).get_data(as_text=True)
            hidden = re.search(r'name="next" type="hidden" value="([^"]*)"', html)
            data = {"next": html_unescape(hidden.group(1)) if hidden else ""}
            query = ""
        else:
            data = {"next": target} if where == "form" else {}
        token = get_csrf(client, "/login")
        return client.post("/login" + query, data={"email": person.email, "password": PASSWORD,
                                                   "csrf_token": token, **data})
    return send


def form_redirect(path, fields, signed=False):
    def send(app, person, target):
        client = signed_in(app, person.id) if signed else app.test_client()
        return client.post(path, data={**fields, "next": target, "csrf_token": get_csrf(client)})
    return send


def html_unescape(value: str) -> str:
    import html

    return html.unescape(value)


REDIRECTS = {
    "log-in form's next": (login_redirect("form"), "/lab"),
    "log-in address's next": (login_redirect("query"), "/lab"),
    "log-in page's hidden next": (login_redirect("page"), "/lab"),
    "language switch": (form_redirect("/language", {"locale": "fr"}), "/"),
    "language switch, signed in": (form_redirect("/language", {"locale": "es"}, signed=True), "/"),
    "resend confirmation": (form_redirect("/verify/resend", {}, signed=True), "/account"),
}


@pytest.mark.parametrize("source", REDIRECTS)
def test_no_redirect_leaves_the_site_whatever_the_target(app, make_user, monkeypatch, source):
    monkeypatch.setattr(limiter, "enabled", False)
    send, default = REDIRECTS[source]
    person = make_user()
    wrong = []
    for target in OFFSITE + ODD_LOCAL + LOCAL:
        response = send(app, person, target)
        if "\x00" in target and response.status_code == 400:
            outcome_ok = True  # refused before any view
        else:
            location = response.headers.get("Location", "")
            outcome_ok = response.status_code == 302 and lands_on_this_site(location)
            if target in OFFSITE:
                outcome_ok = outcome_ok and location == default
            if target in LOCAL:
                outcome_ok = outcome_ok and location == target
        if not outcome_ok:
            wrong.append(f"{target!r} -> {response.status_code} {response.headers.get('Location')!r}")
    assert not wrong, "\n".join(wrong)


def test_the_log_in_page_never_draws_an_offsite_next_into_its_form(client):
    for target in OFFSITE[:-1] + ['/"><script>alert(1)</script>']:
        html = client.get("/login?next=" + quote(target, safe="")).get_data(as_text=True)
        field = re.search(r'name="next" type="hidden" value="([^"]*)"', html)
        assert field, target
        assert lands_on_this_site(html_unescape(field.group(1)) or "/"), (target, field.group(1))
        assert "evil.example" not in field.group(1) and "<script>alert" not in html, target


# --- objects of another owner --------------------------------------------------------------------------

# The route arguments that name an object of the world's project, or one hanging from it.
PROJECT_OBJECTS = {"id", "project_id", "need_id", "pledge_id", "comment_id", "update_id", "milestone_id",
                   "attachment_id", "request_id", "offer_id"}
STRANGER = "stranger"  # a community member with nothing to do with the project


def hidden_world(app, world, make_user, stage: Stage):
    """The matrix's world, its project withdrawn (and reopened as a draft by an admin for `draft`)."""
    with app.test_request_context():
        project = db.session.get(Project, world.values["id"])
        workflow.transition(project, Stage.WITHDRAWN, load(world.people[PARTNER].id), note="The partner stops.")
        if stage == Stage.DRAFT:
            workflow.transition(project, Stage.DRAFT, load(world.people[ADMIN].id), note="Reopened to rework it.")
        db.session.commit()
        world.values["version"] = project.version
    stranger = make_user(name="Sam Stranger")
    world.people[STRANGER] = stranger
    with app.app_context():
        world.tokens[STRANGER] = tokens.create_token(load(stranger.id), "stranger")
        db.session.commit()
    return world


def snapshot(app) -> tuple:
    """The row count of every table, and the project's version: a refused call changes none of them."""
    with app.app_context():
        tables = [t.name for t in db.metadata.sorted_tables]
        counts = db.session.execute(text("SELECT " + ", ".join(
            f"(SELECT count(*) FROM {name})" for name in tables))).one()  # the models' table names
        version = db.session.scalar(select(Project.version).order_by(Project.id.desc()).limit(1))
    return dict(zip(tables, counts, strict=True)), version


def object_routes(app):
    """(rule, method) for every route that names an object of the project, for each of its methods."""
    for rule in rules_of(app):
        if set(rule.arguments) & PROJECT_OBJECTS:
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                yield rule, method


def sender(app, world):
    """send(rule, method, role): the route called by `role` (a token for the API, a browser for pages),
    with a valid payload for writes. Each role keeps one browser and its form token."""
    browsers = {}

    def send(rule, method, role):
        url = build(app, rule, world.values)
        payload = PAYLOADS.get(rule.endpoint, lambda v: {"title": "Taken", "body": "Taken.", "status": "accepted"})
        if rule.endpoint.startswith("api."):
            headers = {"Authorization": f"Bearer {world.tokens[role]}"}
            return app.test_client().open(url, method=method, headers=headers,
                                          json=payload(world.values) if method in WRITES else None)
        if role not in browsers:
            client = signed_in(app, world.people[role].id)
            browsers[role] = (client, get_csrf(client, "/account"))
        client, token = browsers[role]
        return client.open(url, method=method,
                           data={"csrf_token": token, **payload(world.values)} if method in WRITES else None)

    return send


HIDDEN_FROM = {
    Stage.WITHDRAWN: (STRANGER, OTHER),
    Stage.DRAFT: (STRANGER, OTHER, REVIEWER, FAR),
}


@pytest.mark.parametrize("stage", [Stage.WITHDRAWN, Stage.DRAFT], ids=["withdrawn", "draft"])
def test_no_route_reaches_an_object_of_a_project_one_may_not_see(app, world, make_user, stage):
    """Every route of the URL map that names the project or one of its objects (need, pledge, comment,
    update, milestone, file, offer request...), with each of its methods, called by people who may not
    see the project: the API answers 404 as if it did not exist, pages refuse, and nothing changes."""
    hidden_world(app, world, make_user, stage)
    send = sender(app, world)
    limiter.enabled = False
    try:
        before = snapshot(app)
        wrong, missing = [], []
        for rule, method in object_routes(app):
            for role in HIDDEN_FROM[stage]:
                with send(rule, method, role) as response:
                    status = response.status_code
                    if rule.endpoint.startswith("api.") and status != 404:
                        wrong.append(f"{method} {rule.endpoint} as {role}: {status}, not 404")
                    elif rule.endpoint.startswith("api."):
                        assert_error(response, 404, "not_found")
                    elif status not in (403, 404):
                        wrong.append(f"{method} {rule.endpoint} as {role}: {status}")
            if (after := snapshot(app)) != before:
                wrong.append(f"{method} {rule.endpoint}: changed the data")
                before = after
            # The same read by an admin does reach the object: the ids are real.
            if method == "GET":
                with send(rule, method, ADMIN) as response:
                    if response.status_code == 404:
                        missing.append(rule.endpoint)
    finally:
        limiter.enabled = True
    assert not wrong, "\n".join(wrong)
    assert not missing, f"an admin could not read: {missing}"


# --- secrets on command lines ----------------------------------------------------------------------------


def test_a_backup_never_puts_the_database_password_on_a_command_line(app, tmp_path, monkeypatch):
    """Any local user can read the command line of a running process (ps, /proc): pg_dump gets the
    password through its environment (PGPASSWORD) instead."""
    import subprocess

    from app.core import backup

    started = []

    def record(command, **kwargs):
        started.append((command, kwargs.get("env") or {}))
        return subprocess.CompletedProcess(command, 0, "", "")

    monkeypatch.setattr(backup.subprocess, "run", record)
    with app.app_context():
        backup.dump_database(tmp_path / "lab.dump", "postgresql+psycopg://sociallab:s3cret-Pa55@db.internal:5432/sociallab")
    ((command, env),) = started
    assert command[0] == "pg_dump"
    assert not any("s3cret-Pa55" in argument for argument in command), command
    assert "postgresql://sociallab@db.internal:5432/sociallab" in command
    assert env.get("PGPASSWORD") == "s3cret-Pa55"
