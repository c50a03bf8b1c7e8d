"""Backups of the whole database, and restoring one (app/core/archive.py puts one in an archive with the
uploaded files).

SQLite: SQLite's online backup API copies a consistent snapshot page by page while the app keeps
reading and writing (WAL mode). PostgreSQL: pg_dump in its custom format (a consistent snapshot
too), restored by pg_restore in one transaction. Neither stops the app; a restore replaces every
table's contents.
"""

import os
import sqlite3
import subprocess  # nosec B404 — runs pg_dump and pg_restore, with a fixed argument list
from pathlib import Path

from sqlalchemy import create_engine, func, select, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.pool import NullPool

from app.core.extensions import db


class BackupError(RuntimeError):
    """The backup or restore could not be made; the message says why."""


def dump_database(path: str | os.PathLike, url: str | URL | None = None) -> Path:
    """Write a backup of the database at `url` (the app's own by default) to `path`; answers the path.

    Refuses BackupError when `path` exists already (a backup never overwrites one) or the tool fails.
    """
    return dump_and_count(path, url, count=False)[0]


def dump_and_count(path: str | os.PathLike, url: str | URL | None = None,
                   count: bool = True) -> tuple[Path, dict[str, int]]:
    """As dump_database, and the number of rows of each of the app's tables in that very snapshot
    (with `count`; else no counts, and on PostgreSQL no connection but pg_dump's own)."""
    url = make_url(url or db.engine.url)
    target = Path(path)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(_sqlite_path(url), target, journal_mode="DELETE")  # one self-contained file
        # Counted with sqlite3 itself, read-only: the app's engines would turn the copy into WAL mode.
        copy = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
        try:
            return target, {table.name: copy.execute(
                f'SELECT count(*) FROM "{table.name}"'  # noqa: S608 # nosec B608 — the schema's own table names
            ).fetchone()[0] for table in db.metadata.sorted_tables}
        finally:
            copy.close()
    if url.get_backend_name() == "postgresql" and not count:
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", _libpq(url)],
             url.password)
        return target, {}
    if url.get_backend_name() == "postgresql":
        # The counts and the dump read one snapshot: exported by this transaction, used by pg_dump.
        engine = create_engine(url, poolclass=NullPool, isolation_level="REPEATABLE READ")
        try:
            with engine.connect() as connection, connection.begin():
                snapshot = connection.execute(text("SELECT pg_export_snapshot()")).scalar_one()
                counts = row_counts(connection)
                _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--snapshot={snapshot}",
                      f"--file={target}", _libpq(url)], url.password)
        finally:
            engine.dispose()
        return target, counts
    raise BackupError(f"No backup method for {url.get_backend_name()} databases.")


def row_counts(connection) -> dict[str, int]:
    """The number of rows of each of the app's tables, by name."""
    return {table.name: connection.execute(select(func.count()).select_from(table)).scalar_one()
            for table in db.metadata.sorted_tables}


def load_database(path: str | os.PathLike, url: str | URL | None = None) -> None:
    """Replace the contents of the database at `url` (the app's own by default) by the backup at `path`."""
    url = make_url(url or db.engine.url)
    source = Path(path)
    if not source.is_file():
        raise BackupError(f"{source} is not a backup file.")
    db.session.remove()
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(source, _sqlite_path(url), journal_mode="WAL")
    elif url.get_backend_name() == "postgresql":
        _run(["pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
              f"--dbname={_libpq(url)}", str(source)], url.password)
    else:
        raise BackupError(f"No restore method for {url.get_backend_name()} databases.")
    db.engine.dispose()  # pooled connections may hold pages of the replaced database


def _copy_sqlite(source: Path, target: Path, journal_mode: str) -> None:
    """SQLite's online backup: a consistent copy even while other connections write."""
    if not source.is_file():
        raise BackupError(f"{source} is not an SQLite database file.")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst, pages=1024)
            dst.execute(f"PRAGMA journal_mode={journal_mode}")
        finally:
            dst.close()
    except sqlite3.Error as error:
        raise BackupError(f"SQLite backup failed: {error}") from None
    finally:
        src.close()


def _sqlite_path(url: URL) -> Path:
    if not url.database or url.database == ":memory:":
        raise BackupError("An in-memory database cannot be backed up.")
    return Path(url.database)


def _libpq(url: URL) -> str:
    """The connection string pg_dump understands (no SQLAlchemy driver suffix), without the password."""
    bare = URL.create("postgresql", url.username, None, url.host, url.port, url.database, url.query)
    return bare.render_as_string()


def _run(command: list[str], password: str | None = None) -> None:
    # The password goes in the environment: any local user can read a command line (ps, /proc).
    env = {**os.environ, "PGPASSWORD": password} if password else None
    try:
        result = subprocess.run(  # noqa: S603 # nosec B603 — no shell
            command, capture_output=True, text=True, timeout=3600, check=False, env=env
        )
    except FileNotFoundError:
        raise BackupError(f"{command[0]} is not installed (Debian package postgresql-client).") from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
