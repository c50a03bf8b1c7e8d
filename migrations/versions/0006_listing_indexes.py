"""listing indexes: the orders of the project list, the home page's recent activity and newest needs

Without them, each of these pages sorted every row of its table (a project list page took 30 ms of
SQL with 10,000 projects, the home page 500 ms with 100,000 comments); with them, the database reads
the newest rows of an index and stops. Plain CREATE INDEX: no table is rebuilt (the search triggers
of 0005 stay).

Revision ID: 0006_listing_indexes
Revises: 0005_search
Create Date: 2026-12-03 09:00:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = '0006_listing_indexes'
down_revision = '0005_search'
branch_labels = None
depends_on = None

INDEXES = [
    ("ix_projects_created_at_id", "projects", ["created_at", "id"]),
    ("ix_projects_stage_stage_changed_at_id", "projects", ["stage", "stage_changed_at", "id"]),
    ("ix_project_events_created_at_id", "project_events", ["created_at", "id"]),
    ("ix_comments_created_at_id", "comments", ["created_at", "id"]),
    ("ix_project_updates_created_at_id", "project_updates", ["created_at", "id"]),
    ("ix_needs_status_created_at_id", "needs", ["status", "created_at", "id"]),
]


def upgrade():
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    # Fresh statistics, or the planners keep preferring the older indexes they have figures for.
    for table in sorted({table for _name, table, _columns in INDEXES}):
        op.execute(f"ANALYZE {table}")


def downgrade():
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
