"""hostile input: repair lone UTF-16 surrogates stored in JSON columns

A JSON string may carry a lone surrogate ("\\ud800"); before the API refused them, assessment answers
kept them, and every page, review and export that shows those answers then failed. Each one is
replaced with U+FFFD, the replacement character, in the JSON columns that hold user text
(assessments.answers, notifications.data). Only the rows whose JSON text holds a "\\u" escape of a
surrogate are read. Nothing to undo on the way down: the repaired text stays repaired.

Revision ID: 0008_hostile_input
Revises: 0007_accounts_abuse
Create Date: 2026-12-05 08:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0008_hostile_input'
down_revision = '0007_accounts_abuse'
branch_labels = None
depends_on = None

COLUMNS = [("assessments", "answers"), ("notifications", "data")]


def _repaired(value):
    """`value` (a JSON value) with each lone surrogate in its strings and keys replaced by U+FFFD."""
    if isinstance(value, str):
        return "".join("\ufffd" if "\ud800" <= char <= "\udfff" else char for char in value)
    if isinstance(value, list):
        return [_repaired(item) for item in value]
    if isinstance(value, dict):
        return {_repaired(key): _repaired(item) for key, item in value.items()}
    return value


def upgrade():
    connection = op.get_bind()
    for table_name, column_name in COLUMNS:
        table = sa.table(table_name, sa.column("id", sa.Integer), sa.column(column_name, sa.JSON))
        column = table.c[column_name]
        as_text = sa.func.lower(sa.cast(column, sa.Text))
        suspects = sa.select(table.c.id, column).where(
            sa.or_(as_text.like("%\\ud8%", escape="!"), as_text.like("%\\ud9%", escape="!"),
                   as_text.like("%\\uda%", escape="!"), as_text.like("%\\udb%", escape="!"),
                   as_text.like("%\\udc%", escape="!"), as_text.like("%\\udd%", escape="!"),
                   as_text.like("%\\ude%", escape="!"), as_text.like("%\\udf%", escape="!"))
        )
        for row_id, value in connection.execute(suspects).all():
            repaired = _repaired(value)
            if repaired != value:
                connection.execute(sa.update(table).where(table.c.id == row_id).values({column_name: repaired}))


def downgrade():
    pass
