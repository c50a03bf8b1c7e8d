"""On SQLite a request that writes starts as a writer (BEGIN IMMEDIATE): it takes the write lock at its
first statement instead of failing to take it later; a request that only reads starts as a reader."""

import sqlite3

import pytest
from sqlalchemy import create_engine, text


@pytest.fixture
def engine(tmp_path):
    path = tmp_path / "begin.db"
    made = create_engine(f"sqlite:///{path}")
    with made.begin() as conn:
        conn.execute(text("CREATE TABLE t (x INTEGER)"))
    yield made, path
    made.dispose()


def holds_the_write_lock(path) -> bool:
    """Whether another connection holds the write lock (this one cannot take it, without waiting)."""
    other = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError:
        return True
    else:
        other.execute("ROLLBACK")
        return False
    finally:
        other.close()


@pytest.mark.parametrize(
    ("method", "path", "writer"),
    [
        ("GET", "/", False),
        ("HEAD", "/projects", False),
        ("POST", "/login", True),  # the sign-in writes the last log-in
        ("POST", "/projects/1/comments", True),
        ("PATCH", "/api/v1/projects/1", True),
        ("DELETE", "/api/v1/projects/1", True),
        ("GET", "/verify/some-token", True),  # a confirmation link writes though it is a GET
    ],
)
def test_requests_that_write_start_as_writers(app, engine, method, path, writer):
    made, file = engine
    with app.test_request_context(path, method=method), made.connect() as conn:
        conn.execute(text("SELECT count(*) FROM t"))  # the transaction begins here
        assert holds_the_write_lock(file) is writer
        conn.rollback()


def test_outside_a_request_a_transaction_starts_as_a_reader(engine):
    made, file = engine
    with made.connect() as conn:
        conn.execute(text("SELECT count(*) FROM t"))
        assert not holds_the_write_lock(file)
        conn.execute(text("INSERT INTO t VALUES (1)"))
        assert holds_the_write_lock(file)
        conn.rollback()
