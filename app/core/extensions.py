"""Flask extensions, created unbound and initialised in create_app()."""

import sqlite3

from flask import current_app, has_request_context, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect
from sqlalchemy import MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, _record):
    """SQLite for several workers: WAL, enforced foreign keys, a busy timeout.

    The driver's own transaction handling is turned off so that SQLAlchemy
    emits BEGIN itself (see `_begin_sqlite`); this makes SAVEPOINTs and
    rollbacks behave as they do on PostgreSQL.
    """
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


READING_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def writes_on_get(view):
    """Mark a view that writes though asked with GET (a confirmation link): its request starts as a
    writer too (see `_begin_sqlite`)."""
    view.writes_on_get = True
    return view


def _request_writes() -> bool:
    if not has_request_context():
        return False
    if request.method not in READING_METHODS:
        return True
    return getattr(current_app.view_functions.get(request.endpoint), "writes_on_get", False)


@event.listens_for(Engine, "begin")
def _begin_sqlite(conn):
    """A request that writes (any method but GET, HEAD and OPTIONS: a sign-in too; a view marked
    `writes_on_get`) starts as a writer.

    In WAL mode a transaction that read first cannot take the write lock later once another connection
    has written meanwhile: SQLite answers SQLITE_BUSY at once, whatever the busy timeout. BEGIN IMMEDIATE
    takes the write lock at the start, waiting its turn (the busy timeout) if another writer holds it;
    requests that only read begin as readers and never wait.
    """
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _request_writes() else "BEGIN")
