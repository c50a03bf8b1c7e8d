"""arabic: Arabic ("ar") allowed as an account's language and as the language an initiative or an idea is written in

users.locale, projects.language and ideas.language are each checked against the list of languages; each check
gain "ar". Downgrading turns Arabic accounts back to English and Arabic initiatives and ideas to English
("en") before the narrower checks return.

Revision ID: 0015_arabic
Revises: 0014_indicators
Create Date: 2026-12-05 17:05:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0015_arabic'
down_revision = '0014_indicators'
branch_labels = None
depends_on = None


def _checks(languages, former):
    listed = ", ".join(f"'{code}'" for code in languages)
    if op.get_bind().dialect.name == "sqlite":
        # Rebuilding users in a batch would drop the table, and SQLite's ON DELETE CASCADE would empty
        # memberships, pledges... with it. A CHECK changes no stored row, so SQLite's documented way
        # is to rewrite the table's definition in its schema (sqlite.org/lang_altertable.html, "other
        # kinds of table schema changes"), then bump the schema version.
        was = ", ".join(f"'{code}'" for code in former)
        connection = op.get_bind()
        version = connection.exec_driver_sql("PRAGMA schema_version").scalar()
        connection.exec_driver_sql("PRAGMA writable_schema = ON")
        for table in ("users", "projects", "ideas"):
            connection.exec_driver_sql(
                "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE type = 'table' AND name = ?",
                (f"IN ({was})", f"IN ({listed})", table))
        connection.exec_driver_sql(f"PRAGMA schema_version = {version + 1}")
        connection.exec_driver_sql("PRAGMA writable_schema = OFF")
        return
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_users_locale'), type_='check')
        batch_op.create_check_constraint(op.f('ck_users_locale'), f"locale IN ({listed})")
    with op.batch_alter_table('projects', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_projects_language'), type_='check')
        batch_op.create_check_constraint(op.f('ck_projects_language'), f"language IN ({listed})")
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_ideas_language'), type_='check')
        batch_op.create_check_constraint(op.f('ck_ideas_language'), f"language IN ({listed})")


def upgrade():
    _checks(('en', 'fr', 'es', 'ar'), ('en', 'fr', 'es'))


def downgrade():
    op.execute("UPDATE users SET locale = 'en' WHERE locale = 'ar'")
    op.execute("UPDATE projects SET language = 'en' WHERE language = 'ar'")
    op.execute("UPDATE ideas SET language = 'en' WHERE language = 'ar'")
    _checks(('en', 'fr', 'es'), ('en', 'fr', 'es', 'ar'))
