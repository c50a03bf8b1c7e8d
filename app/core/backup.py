"""Backups of the whole database, and restoring one.

SQLite: SQLite's online backup API copies a consistent snapshot page by page while the app keeps
reading and writing (WAL mode). PostgreSQL: pg_dump in its custom format (a consistent snapshot
too), restored by pg_restore in one transaction. Neither stops the app; a restore replaces every
table's contents.
"""

import os
import sqlite3
import subprocess  # nosec B404 — runs pg_dump and pg_restore, with a fixed argument list
from pathlib import Path

from sqlalchemy.engine import URL, make_url

from app.core.extensions import db


class BackupError(RuntimeError):
    """The backup or restore could not be made; the message says why."""


def backup(path: str | os.PathLike, url: str | URL | None = None) -> Path:
    """Write a backup of the database at `url` (the app's own by default) to `path`; answers the path.

    Refuses BackupError when `path` exists already (a backup never overwrites one) or the tool fails.
    """
    url = make_url(url or db.engine.url)
    target = Path(path)
    if target.exists():
        raise BackupError(f"{target} exists already; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        _copy_sqlite(_sqlite_path(url), target, journal_mode="DELETE")  # one self-contained file
    elif url.get_backend_name() == "postgresql":
        _run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}", _libpq(url)],
             url.password)
    else:
        raise BackupError(f"No backup method for {url.get_backend_name()} databases.")
    return target


def restore(path: str | os.PathLike, url: str | URL | None = None) -> None:
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
