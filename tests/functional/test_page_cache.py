"""The page cache (app/core/cache.py): a page read twice is made once, and any write shows at once.

The suite runs with the in-process cache, so every other test also reads cached pages; these tests
look at the cache itself: what is served from it (no SQL at all for an anonymous reader), that every
kind of write makes the stored pages old (through the ORM, session.execute, a raw connection, a web
form, the API), that readers never get each other's pages or form tokens, and what is never stored.
The Redis tests are the production set-up: two apps on one Redis stand for two workers.
"""

import re
import uuid

import pytest
from sqlalchemy import update

from app import create_app
from app.accounts import tokens
from app.accounts.models import User
from app.core.cache import bump_data_version, cache, csrf_placeholder, data_version
from app.core.extensions import db
from app.projects.models import Project, Stage
from config import ProductionConfig, TestingConfig
from tests.conftest import CSRF_RE, get_csrf
from tests.support.discovery import bulk_projects
from tests.support.projects import world_records
from tests.support.queries import counted_queries
from tests.support.web import make_project, text

CACHED_PAGES = ["/", "/projects", "/organisations/", "/stats", "/api/v1/projects"]


# Some tests here really commit: the module cannot share one world (tests/conftest.py).
@pytest.fixture
def world(make_user, make_org):
    return world_records(make_user, make_org)


@pytest.fixture
def active(app, world):
    return make_project(app, world, Stage.ACTIVE, title="Libraries for girls in Kaolack")


def rename(app, project_id: int, title: str) -> None:
    with app.app_context():
        db.session.execute(update(Project).where(Project.id == project_id).values(title=title))
        db.session.commit()


@pytest.mark.parametrize("url", [*CACHED_PAGES, "project"])
def test_an_anonymous_page_read_twice_runs_no_sql_the_second_time(app, client, active, url):
    url = f"/projects/{active}" if url == "project" else url
    first = client.get(url)
    assert first.status_code == 200
    with counted_queries(app, keep_pages=True) as statements:
        again = client.get(url)
    assert again.status_code == 200
    assert statements == []
    assert again.get_data() == first.get_data() or CSRF_RE.search(first.get_data(as_text=True))


@pytest.mark.parametrize("url", ["/projects", "project", "/stats"])
@pytest.mark.parametrize(("role", "tables"), [("community", []), ("reviewer", [])])
def test_a_signed_in_page_read_twice_runs_no_query(app, active, world, login_as, url, role, tables):
    """The session's account is known from the cache too (app.core.cache.session_reader)."""
    url = f"/projects/{active}" if url == "project" else url
    reader = login_as(getattr(world, role), app.test_client())
    first = reader.get(url)
    with counted_queries(app, keep_pages=True) as statements:
        again = reader.get(url)
    assert again.status_code == first.status_code == 200
    ran = [sql for sql in statements if not sql.startswith("ROLLBACK TO SAVEPOINT")]  # the test's own
    assert ran == tables
    assert again.headers["Cache-Control"] == "private, no-store"


def test_a_session_known_from_the_cache_stops_at_once_on_log_out_or_deactivation(app, active, world, login):
    client = app.test_client()
    form = {"email": world.member.email, "password": world.member.password, "csrf_token": get_csrf(client, "/login")}
    assert client.post("/login", data=form).status_code == 302
    client.get("/")
    assert "My initiatives" in client.get("/projects").get_data(as_text=True)
    assert "My initiatives" in client.get("/projects").get_data(as_text=True)  # from the cache
    copied = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    with app.app_context():
        db.session.get(User, world.member.id).active = False
        db.session.commit()
    replay = app.test_client()
    replay.set_cookie(app.config["SESSION_COOKIE_NAME"], copied)
    page = replay.get("/projects").get_data(as_text=True)
    assert "My initiatives" not in page and "Log in" in page


def test_a_new_notification_shows_in_the_header_at_once(app, active, world, login_as):
    def unread() -> int:
        found = re.search(r"\((\d+) unread\)", owner.get("/projects").get_data(as_text=True))
        return int(found.group(1)) if found else 0

    owner = login_as(world.owner, app.test_client())
    before = unread()
    commenter = login_as(world.community, app.test_client())
    commenter.post(
        f"/projects/{active}/comments",
        data={"csrf_token": get_csrf(commenter, f"/projects/{active}"), "body": "Is there a waiting list?"},
    )
    assert unread() == before + 1


@pytest.mark.parametrize("url", ["/", "/projects", "/projects?q=Kaolack", "project", "/api/v1/projects"])
def test_a_committed_change_shows_on_the_next_read(app, client, active, url):
    url = f"/projects/{active}" if url == "project" else url
    assert "Libraries for girls in Kaolack" in client.get(url).get_data(as_text=True)
    rename(app, active, "Reading rooms for girls in Kaolack")
    page = client.get(url).get_data(as_text=True)
    assert "Reading rooms for girls in Kaolack" in page
    assert "Libraries for girls" not in page


def test_a_write_on_the_raw_connection_of_the_session_counts_too(app, client, active, world):
    """Bulk loads write straight on the session's connection, past the ORM: the page still follows."""
    assert "Bulk project" not in client.get("/projects").get_data(as_text=True)
    with app.app_context():
        bulk_projects(world.org.id, 1, start=900, stage=Stage.ACTIVE, title="Bulk project 900")
        db.session.commit()
    assert "Bulk project 900" in client.get("/projects").get_data(as_text=True)


def test_a_comment_posted_through_the_form_shows_to_an_anonymous_reader_at_once(app, client, active, world, login_as):
    anonymous = app.test_client()
    assert "Which schools take part?" not in text(anonymous.get(f"/projects/{active}"))
    author = login_as(world.community, app.test_client())
    response = author.post(
        f"/projects/{active}/comments",
        data={"csrf_token": get_csrf(author, f"/projects/{active}"), "body": "Which schools take part?"},
    )
    assert response.status_code in (302, 303)
    assert "Which schools take part?" in text(anonymous.get(f"/projects/{active}"))


def test_a_failed_transaction_does_not_make_pages_old_and_a_read_only_request_neither(app, client, active):
    client.get("/projects")
    with app.app_context():
        before = data_version()
        db.session.execute(update(Project).where(Project.id == active).values(title="Never kept"))
        db.session.rollback()
        assert data_version() == before
    client.get(f"/projects/{active}")
    client.get("/stats")
    with app.app_context():
        assert data_version() == before
    assert "Never kept" not in client.get("/projects").get_data(as_text=True)


def test_readers_never_get_each_others_pages(app, world, login_as):
    draft = make_project(app, world, Stage.DRAFT, title="A draft only its partners see")
    owner = login_as(world.owner, app.test_client())
    assert "A draft only its partners see" in owner.get("/projects").get_data(as_text=True)
    for role in ("community", "outsider_partner"):
        other = login_as(getattr(world, role), app.test_client())
        assert "A draft only its partners see" not in other.get("/projects").get_data(as_text=True), role
    assert "A draft only its partners see" not in app.test_client().get("/projects").get_data(as_text=True)
    assert app.test_client().get(f"/projects/{draft}").status_code == 404
    # and the owner's own page is still theirs (their name in the header, their token in the forms)
    assert "My initiatives" in owner.get("/projects").get_data(as_text=True)


def test_two_sessions_of_one_person_share_the_page_but_each_gets_its_own_form_token(app, active, world):
    first, second = app.test_client(), app.test_client()
    for client in (first, second):
        person = world.community
        form = {"email": person.email, "password": person.password, "csrf_token": get_csrf(client, "/login")}
        assert client.post("/login", data=form).status_code == 302
        client.get("/")  # the welcome message
    page_one = first.get("/projects").get_data(as_text=True)
    with counted_queries(app, keep_pages=True) as statements:
        page_two = second.get("/projects").get_data(as_text=True)
    assert [sql for sql in statements if "FROM projects" in sql] == []  # the first session's page, stored
    token_one, token_two = CSRF_RE.search(page_one).group(1), CSRF_RE.search(page_two).group(1)
    assert token_one != token_two
    with app.app_context():
        assert csrf_placeholder() not in page_one + page_two
    # each token works in its own session, and only there
    assert second.post("/language", data={"csrf_token": token_one, "locale": "es"}).status_code == 400
    for client, token in ((first, token_one), (second, token_two)):
        assert client.post("/language", data={"csrf_token": token, "locale": "fr"}).status_code == 302
        assert 'lang="fr"' in client.get("/projects").get_data(as_text=True)


def test_signed_out_pages_carry_no_token_and_set_no_cookie(app, active):
    for url in [*CACHED_PAGES[:-1], f"/projects/{active}"]:
        response = app.test_client().get(url)
        again = app.test_client().get(url)
        assert again.get_data() == response.get_data(), url
        assert response.headers.get("Set-Cookie") is None and again.headers.get("Set-Cookie") is None, url
        with app.app_context():
            assert csrf_placeholder() not in response.get_data(as_text=True)


def test_each_language_has_its_own_page(app, active):
    english = app.test_client().get("/projects").get_data(as_text=True)
    french = app.test_client().get("/projects", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    spanish = app.test_client().get("/projects", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert 'lang="en"' in english and 'lang="fr"' in french and 'lang="es"' in spanish


def test_a_page_with_a_message_waiting_is_neither_served_from_nor_kept_in_the_cache(app, client, world, login):
    login(world.community)
    client.get("/projects")  # stored
    client.post("/logout", data={"csrf_token": get_csrf(client, "/account")})
    with_message = client.get("/projects").get_data(as_text=True)
    assert re.search(r'class="flash', with_message)
    without = client.get("/projects").get_data(as_text=True)
    assert not re.search(r'class="flash', without)


def test_errors_are_not_kept(app, client):
    with app.app_context():
        cache.clear()
    assert client.get("/api/v1/projects?per_page=1000").status_code == 422
    assert client.get("/projects/999999").status_code == 404
    with app.app_context():
        kept = [key for key in cache.cache._cache if key.startswith("sociallab:page:")]
    assert kept == []


def test_the_api_keys_pages_by_token_never_by_the_session_cookie(app, world, login_as):
    draft = make_project(app, world, Stage.DRAFT, title="An API draft")
    browser = login_as(world.owner, app.test_client())
    assert "An API draft" in browser.get("/projects").get_data(as_text=True)
    # the same browser, its session cookie sent along, calls the API without a token: anonymous
    listed = browser.get("/api/v1/projects").get_json()
    assert draft not in [item["id"] for item in listed["items"]]
    with app.app_context():
        raw = tokens.create_token(db.session.get(User, world.owner.id), "cache test")
        db.session.commit()
    with_token = app.test_client().get("/api/v1/projects", headers={"Authorization": f"Bearer {raw}"}).get_json()
    assert draft in [item["id"] for item in with_token["items"]]
    again = browser.get("/api/v1/projects").get_json()
    assert draft not in [item["id"] for item in again["items"]]


def api_token(app, person) -> str:
    with app.app_context():
        raw = tokens.create_token(db.session.get(User, person.id), "cache test")
        db.session.commit()
    return raw


def test_an_api_caller_reading_again_runs_no_query_and_is_still_answered_privately(app, active, world):
    headers = {"Authorization": f"Bearer {api_token(app, world.community)}"}
    first = app.test_client().get("/api/v1/projects", headers=headers)
    with counted_queries(app, keep_pages=True) as statements:
        again = app.test_client().get("/api/v1/projects", headers=headers)
    assert again.status_code == first.status_code == 200
    assert [sql for sql in statements if not sql.startswith("ROLLBACK TO SAVEPOINT")] == []
    assert again.get_json() == first.get_json()
    assert again.headers["Cache-Control"] == "private, no-store"


@pytest.mark.parametrize("how", ["revoked", "account deactivated"])
def test_a_token_is_refused_at_once_when_revoked_or_its_account_closed(app, active, world, how):
    raw = api_token(app, world.community)
    headers = {"Authorization": f"Bearer {raw}"}
    assert app.test_client().get("/api/v1/projects", headers=headers).status_code == 200
    assert app.test_client().get("/api/v1/projects", headers=headers).status_code == 200  # from the cache
    with app.app_context():
        person = db.session.get(User, world.community.id)
        if how == "revoked":
            tokens.revoke_token(person.tokens[0])
        else:
            person.active = False
        db.session.commit()
    refused = app.test_client().get("/api/v1/projects", headers=headers)
    assert refused.status_code == 401
    assert refused.get_json()["error"]["code"] == "unauthorized"


def test_an_unknown_token_is_refused_on_a_cached_read_every_time(app, active):
    app.test_client().get("/api/v1/projects")  # the anonymous answer is stored
    for _ in range(2):
        response = app.test_client().get("/api/v1/projects", headers={"Authorization": "Bearer sl_not-a-token"})
        assert response.status_code == 401


def test_the_token_check_kept_in_the_cache_gives_the_view_its_account(app, world):
    """A token known from the cache, on a page not cached yet: the view still gets the account."""
    draft = make_project(app, world, Stage.DRAFT, title="An API draft")
    headers = {"Authorization": f"Bearer {api_token(app, world.owner)}"}
    app.test_client().get("/api/v1/projects?per_page=5", headers=headers)  # the token's check is kept
    listed = app.test_client().get("/api/v1/projects?per_page=50", headers=headers).get_json()
    assert draft in [item["id"] for item in listed["items"]]


def test_without_the_bump_pages_would_be_old(app, client, active, monkeypatch):
    """The freshness tests above can fail: with the version left alone, the old title stays."""
    client.get("/projects")
    monkeypatch.setattr("app.core.cache.bump_data_version", lambda: None)
    rename(app, active, "A title the cache would hide")
    assert "A title the cache would hide" not in client.get("/projects").get_data(as_text=True)
    with app.app_context():
        bump_data_version()
    assert "A title the cache would hide" in client.get("/projects").get_data(as_text=True)


# Production: Redis shared by the workers, or no cache at all ----------------------------------------


@pytest.fixture
def production_app(app):
    """Make production apps on the test database; their connections are closed after the test."""
    made = []

    def make(**settings):
        made.append(
            create_app(
                ProductionConfig,
                SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                SECRET_KEY="p" * 40,
                PUBLIC_URL="https://lab.example.org",
                TRUSTED_HOSTS=["lab.example.org"],
                SESSION_COOKIE_SECURE=False,
                **settings,
            )
        )
        return made[-1]

    yield make
    for one in made:
        with one.app_context():
            db.engine.dispose()


def test_production_without_redis_keeps_no_page(production_app):
    bare = production_app(CACHE_REDIS_URL="")
    assert bare.config["CACHE_TYPE"] == "NullCache"
    assert ProductionConfig.CACHE_TYPE in ("NullCache", "RedisCache")
    assert TestingConfig.CACHE_TYPE == "SimpleCache"


@pytest.fixture
def two_workers(production_app):
    """Two apps on the same database and the same Redis, as two gunicorn workers are."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url("redis://127.0.0.1:6379/0").ping()
    except redis.exceptions.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    prefix = f"test-{uuid.uuid4().hex}:"
    settings = {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": "redis://127.0.0.1:6379/0", "CACHE_KEY_PREFIX": prefix}
    workers = [production_app(**settings) for _ in range(2)]
    yield workers
    client = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


@pytest.mark.committed
def test_a_write_in_one_worker_shows_in_the_other_at_once(app, two_workers, make_user, make_org):
    world = world_records(make_user, make_org)
    project = make_project(app, world, Stage.ACTIVE, title="Football for girls in Ziguinchor")
    one, other = two_workers
    base = "https://lab.example.org"
    assert "Football for girls" in other.test_client().get("/projects", base_url=base).get_data(as_text=True)
    with counted_queries(other, keep_pages=True) as statements:
        other.test_client().get("/projects", base_url=base)
    assert statements == []  # served from Redis
    with one.app_context():
        db.session.execute(update(Project).where(Project.id == project).values(title="Basketball in Ziguinchor"))
        db.session.commit()
    page = other.test_client().get("/projects", base_url=base).get_data(as_text=True)
    assert "Basketball in Ziguinchor" in page and "Football for girls" not in page


@pytest.mark.committed
def test_with_redis_down_pages_are_made_afresh_and_writes_still_commit(app, production_app, make_user, make_org):
    world = world_records(make_user, make_org)
    project = make_project(app, world, Stage.ACTIVE, title="Libraries for girls in Kaolack")
    down = production_app(
        CACHE_TYPE="RedisCache", CACHE_REDIS_URL="redis://127.0.0.1:1/0", CACHE_KEY_PREFIX="down:"
    )
    client = down.test_client()
    page = client.get("/projects", base_url="https://lab.example.org")
    assert page.status_code == 200
    assert "Libraries for girls in Kaolack" in page.get_data(as_text=True)
    with down.app_context():
        db.session.execute(update(Project).where(Project.id == project).values(title="Libraries in Kaolack"))
        db.session.commit()
    assert "Libraries in Kaolack" in client.get("/projects", base_url="https://lab.example.org").get_data(as_text=True)
