"""Two writers at once: what the database refuses to one of them becomes ChangedMeanwhile, here only.

SQLite lets one writer in at a time: a write that meets another's commit fails with SQLITE_BUSY or
SQLITE_LOCKED ("database is locked"). PostgreSQL waits for the other transaction instead, and only a
deadlock, a serialisation failure or a lock it may not wait for (NOWAIT, lock_timeout) ends one
of them. Either way nothing is half-written, and the
person is told to look again and retry.
"""

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import DBAPIError

from app.core.errors import ChangedMeanwhile
from app.core.extensions import db

_SQLITE_CODES = frozenset({sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED})
# serialization_failure, deadlock_detected, lock_not_available (NOWAIT or lock_timeout)
_POSTGRES_CODES = frozenset({"40001", "40P01", "55P03"})


def is_lock_conflict(error: BaseException) -> bool:
    """Whether a database error means another writer got there first (by the driver's error code)."""
    original = getattr(error, "orig", error)
    sqlite_code = getattr(original, "sqlite_errorcode", None)
    if sqlite_code is not None:
        return sqlite_code & 0xFF in _SQLITE_CODES  # the primary code of an extended one
    return getattr(original, "sqlstate", None) in _POSTGRES_CODES


@contextmanager
def changed_meanwhile_on_conflict(message: str) -> Iterator[None]:
    """Run a block of writes; a lock conflict in it raises ChangedMeanwhile(message) instead."""
    try:
        yield
    except DBAPIError as error:
        if not is_lock_conflict(error):
            raise
        raise ChangedMeanwhile(str(message)) from None


def flush_or_changed_meanwhile(message: str, *also: type[Exception]) -> None:
    """Flush the session; a lock conflict, or one of the errors `also` names (a unique key or a version
    counter that another writer took first), raises ChangedMeanwhile(message) instead."""
    try:
        with changed_meanwhile_on_conflict(message):
            db.session.flush()
    except also:
        raise ChangedMeanwhile(str(message)) from None
