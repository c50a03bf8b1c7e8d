"""Shared fixtures.

One app and one database for each test process (each pytest-xdist worker), built by the migrations
(so every run proves they work). Each test runs inside a transaction that is rolled back at the end:
views may commit (that releases a SAVEPOINT), and nothing leaks into the next test.

Worlds shared by a module: `world` (the people around one organisation, tests/support/projects.py)
and the fixtures a module builds on it with `scope="module"` are made once, inside a transaction
of the module's own (`shared_database`) that is rolled back when the module ends; each test of the
module then runs inside a SAVEPOINT of that transaction, rolled back at its end. Tests that really
commit (marked `committed`: threads, several connections) cannot share it and build their own.

Do not keep an app context pushed while making requests with the test client:
Flask would reuse it, and `g` (where Flask-Login keeps the user) would leak
from one request to the next. Use `with app.app_context():` around direct
database work, or the factories below, which do that for you.
"""

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path
from types import SimpleNamespace

import pytest
from flask_migrate import upgrade
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy import Connection, create_engine, make_url, text
from sqlalchemy.orm import scoped_session, sessionmaker

from app import create_app
from app.accounts.models import User
from app.core.cache import cache
from app.core.extensions import db, limiter
from config import TestingConfig
from tests.support.people import org_maker, shared_makers, user_maker
from tests.support.projects import world_records

CSRF_RE = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    base = tmp_path_factory.mktemp("sociallab")
    overrides = {"MAIL_OUTBOX_DIR": str(base / "outbox")}
    with worker_database(base) as url:
        overrides["SQLALCHEMY_DATABASE_URI"] = url
        app = create_app(TestingConfig, **overrides)
        with app.app_context():
            reset_database()
            upgrade()
        yield app
        with app.app_context():
            db.engine.dispose()


@contextmanager
def worker_database(base: Path) -> Iterator[str]:
    """The database of this test process: a file of its own on SQLite; on PostgreSQL
    (TEST_DATABASE_URL), that database itself, or under pytest-xdist (-n) one database per worker,
    made beside it on the same server and dropped at the end."""
    if not os.environ.get("TEST_DATABASE_URL"):
        yield f"sqlite:///{base / 'test.db'}"
        return
    url = make_url(TestingConfig.SQLALCHEMY_DATABASE_URI)
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    if not worker:
        yield url.render_as_string(hide_password=False)
        return
    name = f"{url.database}_{worker}"[:63]
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def reset_database() -> None:
    """Start from an empty database (a reused PostgreSQL test database may hold an old run)."""
    db.drop_all()
    with db.engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))


REFERENCE_TABLES = {"regions", "countries", "themes", "alembic_version"}


def delete_all_rows() -> None:
    """Empty every table but the reference data (for tests that really commit)."""
    with db.engine.begin() as conn:
        for table in reversed(db.metadata.sorted_tables):
            if table.name not in REFERENCE_TABLES:
                conn.execute(table.delete())


# The connection of the module's shared transaction, while a module uses one (see `shared_database`).
_shared: list[Connection] = []


@contextmanager
def bound_session(app, connection: Connection) -> Iterator[None]:
    """Every app context's session works inside `connection`'s transaction: a commit releases a
    SAVEPOINT of its own instead of committing."""
    original = db.session
    # A plain SQLAlchemy session: Flask-SQLAlchemy's own one would pick the engine, not this connection.
    factory = sessionmaker(bind=connection, join_transaction_mode="create_savepoint")
    db.session = scoped_session(factory, scopefunc=_app_ctx_id)
    try:
        yield
    finally:
        with app.app_context():
            db.session.remove()
        db.session = original


@pytest.fixture(scope="module")
def shared_database(app) -> Iterator[Connection]:
    """A transaction for the whole module, rolled back when it ends: what module-scoped fixtures build
    in it is seen by every test of the module, each of which runs in a SAVEPOINT of it."""
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
    _shared.append(connection)
    try:
        with bound_session(app, connection):
            yield connection
    finally:
        _shared.remove(connection)
        with app.app_context():
            transaction.rollback()
            connection.close()


@pytest.fixture(autouse=True)
def _transaction(request, app):
    """Run each test in a transaction that is rolled back afterwards (not for browser tests): its own,
    or a SAVEPOINT of the module's shared one."""
    limiter.reset()
    with app.app_context():
        cache.clear()
    outbox_dir = Path(app.config["MAIL_OUTBOX_DIR"])
    if outbox_dir.exists():
        for path in outbox_dir.glob("*.eml"):
            path.unlink()
    if request.node.get_closest_marker("browser"):
        yield
        return
    if request.node.get_closest_marker("committed"):
        if _shared:
            pytest.fail("a test that commits cannot use a world shared by its module: give it its own")
        yield
        with app.app_context():
            delete_all_rows()
        return
    if _shared:
        connection = _shared[-1]
        with app.app_context():
            savepoint = connection.begin_nested()
        try:
            with bound_session(app, connection):
                yield
        finally:
            with app.app_context():
                savepoint.rollback()
        return
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
    try:
        with bound_session(app, connection):
            yield
    finally:
        with app.app_context():
            transaction.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def get_csrf(client, url: str | None = None) -> str:
    """The CSRF token of the client's session, read from a page's form: `url`, or else the home page
    (signed in: the log-out form) or the log-in page (signed out: their pages hold no token)."""
    for page in [url] if url else ["/", "/login"]:
        match = CSRF_RE.search(client.get(page).get_data(as_text=True))
        if match:
            return match.group(1)
    raise AssertionError(f"no CSRF token on {url or '/ nor /login'}")


@pytest.fixture
def csrf():
    return get_csrf


@pytest.fixture
def make_user(app):
    """Create a user and return a plain record (id, email, password, name): tests/support/people.py."""
    return user_maker(app)


@pytest.fixture
def make_org(app):
    """Create an organisation; `members` is a list of (user record, role): tests/support/people.py."""
    return org_maker(app)


@pytest.fixture(scope="module")
def world(app, shared_database):
    """The people around one Senegalese organisation (tests/support/projects.py), made once for the
    module, in its shared transaction."""
    return world_records(*shared_makers(app))


@pytest.fixture
def login(client):
    """Log `user` in through the real form; returns the response."""

    def do_login(user, password: str | None = None, remember: bool = False, follow: bool = False):
        token = get_csrf(client, "/login")
        data = {"email": user.email, "password": password or user.password, "csrf_token": token}
        if remember:
            data["remember"] = "y"
        return client.post("/login", data=data, follow_redirects=follow)

    return do_login


@pytest.fixture
def outbox(app):
    """Read the messages written to the outbox during this test, oldest first."""

    def read():
        folder = Path(app.config["MAIL_OUTBOX_DIR"])
        messages = []
        for path in sorted(folder.glob("*.eml")) if folder.exists() else []:
            msg = message_from_bytes(path.read_bytes(), policy=policy.default)
            messages.append(
                SimpleNamespace(to=msg["To"], subject=msg["Subject"], body=msg.get_content(), path=path)
            )
        return messages

    return read


@pytest.fixture
def login_as(app, client):
    """Sign `user` (a record from make_user) in by putting their session token in the session."""

    def do(user, the_client=None):
        c = the_client or client
        with app.app_context():
            token = db.session.get(User, user.id).session_token
        with c.session_transaction() as session:
            session["_user_id"] = token
            session["_fresh"] = True
        return c

    return do
