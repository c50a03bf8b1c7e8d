"""Shared fixtures.

One app and one database for the whole run, built by the migrations (so every
run proves they work). Each test runs inside a transaction that is rolled back
at the end: views may commit (that releases a SAVEPOINT), and nothing leaks
into the next test.

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
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.orm import scoped_session, sessionmaker

from app import create_app
from app.accounts.models import ReviewerRegion, User
from app.core.cache import cache
from app.core.columns import utcnow
from app.core.extensions import db, limiter
from app.organisations.models import Membership, MembershipRole, MembershipStatus, Organisation
from config import TestingConfig

PASSWORD = "correct horse battery staple 42"
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


@pytest.fixture(autouse=True)
def _transaction(request, app):
    """Run each test in a transaction that is rolled back afterwards (not for browser tests)."""
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
        yield
        with app.app_context():
            delete_all_rows()
        return
    with app.app_context():
        connection = db.engine.connect()
        transaction = connection.begin()
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
    """Create a user and return a plain record (id, email, password, name)."""
    counter = iter(range(1, 10_000))

    def make(
        email: str | None = None,
        *,
        name: str | None = None,
        password: str = PASSWORD,
        role: str = "community",
        verified: bool = True,
        locale: str = "en",
        active: bool = True,
        regions: tuple[str, ...] = (),
    ):
        n = next(counter)
        with app.app_context():
            user = User(
                email=email or f"person{n}@example.org",
                name=name or f"Person {n}",
                role=role,
                locale=locale,
                active=active,
                email_verified_at=utcnow() if verified else None,
            )
            user.set_password(password)
            user.reviewer_regions = [ReviewerRegion(region_key=r) for r in regions]
            db.session.add(user)
            db.session.commit()
            return SimpleNamespace(id=user.id, email=user.email, name=user.name, password=password)

    return make


@pytest.fixture
def make_org(app):
    """Create an organisation; `members` is a list of (user record, role)."""
    counter = iter(range(1, 10_000))

    def make(slug: str | None = None, *, country: str = "SN", verified: bool = True, members=()):
        n = next(counter)
        with app.app_context():
            org = Organisation(
                slug=slug or f"org-{n}",
                name=f"Organisation {n}",
                country_code=country,
                description="",
                verified=verified,
                verified_at=utcnow() if verified else None,
            )
            db.session.add(org)
            db.session.flush()
            for user, role in members:
                db.session.add(
                    Membership(
                        user_id=user.id,
                        organisation_id=org.id,
                        role=MembershipRole(role),
                        status=MembershipStatus.ACTIVE,
                        decided_at=utcnow(),
                    )
                )
            db.session.commit()
            return SimpleNamespace(id=org.id, slug=org.slug, name=org.name, country=country)

    return make


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
