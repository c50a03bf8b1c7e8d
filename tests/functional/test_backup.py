"""The database part of flask backup and flask restore (app/core/backup.py): a round trip gives back exactly
the data backed up, on SQLite (an online backup while another connection keeps writing) and on PostgreSQL
(pg_dump / pg_restore). The archive with the files: test_backup_archive.py."""

import sqlite3
import threading
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, insert, select, text, update

from app.accounts.models import User
from app.community.models import Notification
from app.core.backup import BackupError
from app.core.backup import dump_database as backup
from app.core.backup import load_database as restore
from app.core.extensions import db
from app.projects.models import Project
from tests.support.projects import new_project

pytestmark = pytest.mark.committed


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table, in primary-key order."""
    rows = {}
    with db.engine.connect() as conn:
        for table in db.metadata.sorted_tables:
            order = list(table.primary_key.columns) or list(table.columns)
            rows[table.name] = [tuple(r) for r in conn.execute(select(table).order_by(*order))]
    return rows


def some_data(make_user, make_org):
    owner = make_user(name="Awa Traoré")
    org = make_org("enfance-solidaire", members=[(owner, "owner")])
    project = new_project(org.id, owner.id, title="Égalité à l'école")
    db.session.commit()
    return owner, project.id


def test_a_backup_restores_exactly_what_was_saved(app, make_user, make_org, tmp_path):
    with app.app_context():
        owner, project_id = some_data(make_user, make_org)
        before = snapshot()
        assert before["projects"], "the test needs data"
        path = backup(tmp_path / "lab.backup")
        assert path.stat().st_size > 0

        # Changes after the backup: an edit, a new row, a deletion.
        db.session.execute(update(Project).where(Project.id == project_id).values(title="Changed"))
        db.session.execute(insert(Notification).values(user_id=owner.id, kind="comment", data={},
                                                       created_at=datetime.now(UTC)))
        db.session.commit()
        assert snapshot() != before

        restore(path)
        assert snapshot() == before
        assert db.session.scalar(select(Project.title).where(Project.id == project_id)) == "Égalité à l'école"


def test_the_sqlite_backup_is_online_while_another_connection_writes(app, make_user, make_org, tmp_path):
    if db_backend(app) != "sqlite":
        pytest.skip("the online backup of an SQLite file")
    with app.app_context():
        owner, _ = some_data(make_user, make_org)
        before = snapshot()
        database = db.engine.url.database
        stop = threading.Event()
        written = []

        def keep_writing():
            conn = sqlite3.connect(database, timeout=30)
            try:
                while not stop.is_set() and len(written) < 2000:
                    now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
                    conn.execute(
                        "INSERT INTO notifications (user_id, kind, data, created_at) VALUES (?, 'comment', '{}', ?)",
                        (owner.id, now),
                    )
                    conn.commit()
                    written.append(1)
            finally:
                conn.close()

        writer = threading.Thread(target=keep_writing)
        writer.start()
        try:
            path = backup(tmp_path / "online.backup")
        finally:
            stop.set()
            writer.join()
        assert written, "the writer ran during the backup"

        copy = sqlite3.connect(path)
        try:
            assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",), "one self-contained file"
            copied = copy.execute("SELECT count(*) FROM notifications").fetchone()[0]
            users = copy.execute("SELECT id, email FROM users ORDER BY id").fetchall()
        finally:
            copy.close()
        # A consistent snapshot: the rows saved before it started, and some prefix of what came during it.
        assert 0 <= copied <= len(written)
        assert users == [(r[0], r[1]) for r in db.session.execute(select(User.id, User.email).order_by(User.id))]

        restore(path)
        after = snapshot()
        assert after["users"] == before["users"]
        assert after["projects"] == before["projects"]
        assert db.session.scalar(select(func.count()).select_from(Notification)) == copied


def test_a_backup_never_overwrites_a_file(app, tmp_path):
    existing = tmp_path / "taken.backup"
    existing.write_text("an older backup")
    with app.app_context(), pytest.raises(BackupError, match="exists already"):
        backup(existing)
    assert existing.read_text() == "an older backup"


def test_restore_refuses_a_missing_file(app, tmp_path):
    with app.app_context(), pytest.raises(BackupError, match="not a backup file"):
        restore(tmp_path / "missing.backup")


def test_the_commands(app, runner, make_user, make_org, tmp_path, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_DIR", str(tmp_path / "uploads"))  # the archive's files: none
    with app.app_context():
        some_data(make_user, make_org)
        before = snapshot()
    path = tmp_path / "cli.backup"
    result = runner.invoke(args=["backup", str(path)])
    assert result.exit_code == 0, result.output
    assert "Backup written to" in result.output and path.exists()

    again = runner.invoke(args=["backup", str(path)])
    assert again.exit_code == 1 and "exists already" in again.output

    unconfirmed = runner.invoke(args=["restore", str(path)])
    assert unconfirmed.exit_code == 1 and "--yes" in unconfirmed.output

    with app.app_context():
        db.session.execute(text("DELETE FROM project_themes"))
        db.session.commit()
    result = runner.invoke(args=["restore", str(path), "--yes"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        assert snapshot() == before


def db_backend(app) -> str:
    with app.app_context():
        return db.engine.url.get_backend_name()
