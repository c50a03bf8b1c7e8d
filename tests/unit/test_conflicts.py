"""The one mapping of database lock conflicts to ChangedMeanwhile, by the driver's error code."""

import sqlite3

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError

from app.core.conflicts import changed_meanwhile_on_conflict, is_lock_conflict
from app.core.errors import ChangedMeanwhile


@pytest.fixture
def two_writers(tmp_path):
    """An engine on an SQLite file whose write lock another connection holds."""
    path = tmp_path / "locks.db"
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("CREATE TABLE t (x INTEGER)")
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("INSERT INTO t VALUES (1)")
    second = create_engine(f"sqlite:///{path}", connect_args={"timeout": 0})
    yield second
    holder.rollback()
    holder.close()
    second.dispose()


def test_a_busy_database_is_a_conflict_and_becomes_changed_meanwhile(two_writers):
    with pytest.raises(ChangedMeanwhile) as refused, changed_meanwhile_on_conflict("Look again."):
        with two_writers.begin() as conn:
            conn.execute(text("INSERT INTO t VALUES (2)"))
    assert refused.value.message == "Look again."


def test_the_error_code_decides_not_the_words(two_writers):
    with pytest.raises(OperationalError) as caught, two_writers.begin() as conn:
        conn.execute(text("INSERT INTO t VALUES (2)"))
    assert is_lock_conflict(caught.value)
    # Another database error whose text says "locked" is not a conflict: it passes through unchanged.
    other = sqlite3.OperationalError("no such table: locked")
    other.sqlite_errorcode = sqlite3.SQLITE_ERROR
    assert not is_lock_conflict(OperationalError("INSERT", {}, other))
    elsewhere = create_engine("sqlite://")
    with pytest.raises(OperationalError), changed_meanwhile_on_conflict("Look again."):
        with elsewhere.begin() as conn:
            conn.execute(text("SELECT * FROM locked"))
    elsewhere.dispose()


class _PostgresError(Exception):
    """A psycopg error as the driver raises it: its SQLSTATE in `sqlstate`."""

    def __init__(self, sqlstate):
        super().__init__(sqlstate)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    "sqlstate",
    ["40001", "40P01", "55P03"],  # serialization_failure, deadlock_detected, lock_not_available
)
def test_postgres_lock_conflicts_become_changed_meanwhile(sqlstate):
    error = OperationalError("UPDATE", {}, _PostgresError(sqlstate))
    assert is_lock_conflict(error)
    with pytest.raises(ChangedMeanwhile), changed_meanwhile_on_conflict("Look again."):
        raise error


def test_other_postgres_errors_are_no_conflict():
    assert not is_lock_conflict(OperationalError("UPDATE", {}, _PostgresError("23505")))  # unique_violation
