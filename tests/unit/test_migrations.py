"""The migrations build exactly the models' schema, with the reference data, and go down and up again.

Runs on the database of the test run: SQLite by default, PostgreSQL when
TEST_DATABASE_URL points there (the round trip then uses a scratch database
that the test creates and drops).
"""

import re

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import CheckConstraint, inspect, select, text

from app.core.extensions import db
from app.projects.search import is_index_object
from app.reference import names as reference
from app.reference.models import Country, Region, Theme

FIRST_REVISION = "0001_foundation"
QUOTED_RE = re.compile(r"'([^']*)'")


# --- what "the same schema" means ---------------------------------------------------


def outside_search_index(obj, name, type_, reflected, compare_to) -> bool:
    """The full-text index's tables (migration 0005_search) are the database's own, not the models'."""
    return not (type_ == "table" and is_index_object(name))


def schema_differences(connection) -> list:
    """Alembic's autogenerate diff between the database and the models (tables, columns, types,
    nullability, indexes, unique constraints, foreign keys)."""
    context = MigrationContext.configure(
        connection, opts={"compare_type": True, "include_object": outside_search_index}
    )
    return compare_metadata(context, db.metadata)


def check_constraints_in_database(connection) -> dict[tuple[str, str], set[str]]:
    """{(table, constraint name): the quoted values in its SQL}: autogenerate does not compare CHECKs."""
    inspector = inspect(connection)
    return {
        (table, check["name"]): set(QUOTED_RE.findall(check["sqltext"]))
        for table in inspector.get_table_names()
        for check in inspector.get_check_constraints(table)
    }


def check_constraints_in_models(dialect) -> dict[tuple[str, str], set[str]]:
    constraints = {}
    for table in db.metadata.sorted_tables:
        for constraint in table.constraints:
            if isinstance(constraint, CheckConstraint):
                sql = str(constraint.sqltext.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
                constraints[(table.name, constraint.name)] = set(QUOTED_RE.findall(sql))
    return constraints


def assert_same_schema_as_models(connection) -> None:
    assert schema_differences(connection) == []
    assert check_constraints_in_database(connection) == check_constraints_in_models(connection.dialect)


def assert_reference_data(connection) -> None:
    assert set(connection.scalars(select(Region.key))) == set(reference.REGIONS)
    assert set(connection.scalars(select(Theme.key))) == set(reference.THEMES)
    countries = dict(connection.execute(select(Country.code, Country.region_key)).all())
    assert countries == {code: region for code, (region, _name) in reference.COUNTRIES.items()}


def leftovers_after_downgrade(connection) -> set[str]:
    """Tables (and on PostgreSQL types and sequences) still there besides alembic_version."""
    names = set(inspect(connection).get_table_names()) - {"alembic_version"}
    if connection.dialect.name == "postgresql":
        names |= set(
            connection.scalars(
                text(
                    "SELECT 'type ' || t.typname FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
                    " WHERE n.nspname = current_schema() AND t.typtype = 'e'"
                )
            )
        )
        names |= set(
            connection.scalars(
                text(
                    "SELECT 'sequence ' || sequence_name FROM information_schema.sequences"
                    " WHERE sequence_schema = current_schema()"
                )
            )
        )
    return names


# --- a scratch database for the round trip ---------------------------------------------


# --- the tests -----------------------------------------------------------------------


def test_migrations_form_one_line_starting_at_the_foundation(app):
    with app.app_context():
        scripts = ScriptDirectory.from_config(app.extensions["migrate"].migrate.get_config())
    assert len(scripts.get_heads()) == 1, f"several heads: {scripts.get_heads()}; merge or rebase"
    assert scripts.get_bases() == [FIRST_REVISION]


def test_the_migrated_test_database_matches_the_models(app):
    """The test run's database was built by `flask db upgrade` (see conftest)."""
    with app.app_context():
        assert_same_schema_as_models(db.session.connection())


def test_upgrade_inserts_the_reference_data(scratch_app):
    with scratch_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            assert_reference_data(connection)


def test_downgrade_to_base_and_upgrade_again(scratch_app):
    with scratch_app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            assert_same_schema_as_models(connection)

        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert leftovers_after_downgrade(connection) == set()
            assert connection.scalars(text("SELECT version_num FROM alembic_version")).all() == []

        upgrade()
        with db.engine.connect() as connection:
            assert_same_schema_as_models(connection)
            assert_reference_data(connection)
