"""Migrations on a database that holds data: each step down and up again keeps every row of the tables
that exist on both sides, and upgrading an older database with data to the newest schema loses nothing.
On SQLite and on PostgreSQL (a scratch database, see test_migrations.scratch_app)."""

import pytest
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, select, table, text

from app.core.extensions import db
from app.demo.seed import seed_demo


def rows_of(connection, names: set[str], columns_of: dict[str, set[str]] | None = None) -> dict[str, list[tuple]]:
    """Every row of the named tables, sorted, as plain tuples of (column, value) pairs; with `columns_of`,
    only those columns of each table (a step down may drop a column that a step up adds)."""
    found = {}
    inspector = inspect(connection)
    for name in sorted(names):
        columns = [c["name"] for c in inspector.get_columns(name)]
        if columns_of is not None:
            columns = [c for c in columns if c in columns_of[name]]
        rows = connection.execute(select(*[text(f'"{c}"') for c in columns]).select_from(table(name))).all()
        found[name] = sorted((tuple(zip(columns, r, strict=True)) for r in rows), key=repr)
    return found


def columns_of(connection, names: set[str]) -> dict[str, set[str]]:
    inspector = inspect(connection)
    return {name: {c["name"] for c in inspector.get_columns(name)} for name in names}


def table_names(connection) -> set[str]:
    return set(inspect(connection).get_table_names()) - {"alembic_version"}


def revisions(app) -> list[str]:
    """Every revision from the newest to the first."""
    scripts = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    return [script.revision for script in scripts.walk_revisions()]


@pytest.mark.committed  # the app's own session (the scratch database's), not the test run's rolled-back one
def test_each_step_down_and_up_keeps_the_data(scratch_app):
    with scratch_app.app_context():
        upgrade()
        seed_demo()
        db.session.commit()
        chain = revisions(scratch_app)
        with db.engine.connect() as connection:
            full = rows_of(connection, table_names(connection))
        assert full["projects"] and full["project_events"] and full["assessments"], "the demo data is there"

        for newer, older in zip(chain, chain[1:], strict=False):
            db.session.remove()
            with db.engine.connect() as connection:
                before = rows_of(connection, table_names(connection))
            downgrade(revision=older)
            with db.engine.connect() as connection:
                kept = table_names(connection)
                columns = columns_of(connection, kept)
                older_rows = {
                    name: sorted((tuple(p for p in row if p[0] in columns[name]) for row in before[name]), key=repr)
                    for name in kept
                }
                assert rows_of(connection, kept) == older_rows, f"down to {older}"
            upgrade(revision=newer)
            with db.engine.connect() as connection:
                assert rows_of(connection, kept, columns) == older_rows, f"up to {newer}"
            downgrade(revision=older)  # go on down from the older revision, with its data

        # From the first revision with its data, straight up to the newest: nothing is lost.
        upgrade()
        with db.engine.connect() as connection:
            for name, rows in rows_of(connection, kept).items():
                assert rows == full[name], name
