"""organisation changes: a verified organisation's new name and country, waiting for an admin

A verified organisation is trusted by its name and country: an owner's change of either waits, in
this table, for an admin's approval (app.organisations.editing). A new table: no existing one is
rebuilt.

Revision ID: 0007_accounts_abuse
Revises: 0006_listing_indexes
Create Date: 2026-12-05 08:00:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0007_accounts_abuse'
down_revision = '0006_listing_indexes'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'organisation_changes',
        sa.Column('organisation_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('country_code', sa.String(length=2), nullable=False),
        sa.Column('requested_by_id', sa.Integer(), nullable=True),
        sa.Column('requested_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ['organisation_id'], ['organisations.id'],
            name=op.f('fk_organisation_changes_organisation_id_organisations'), ondelete='CASCADE',
        ),
        sa.ForeignKeyConstraint(
            ['country_code'], ['countries.code'], name=op.f('fk_organisation_changes_country_code_countries'),
        ),
        sa.ForeignKeyConstraint(
            ['requested_by_id'], ['users.id'],
            name=op.f('fk_organisation_changes_requested_by_id_users'), ondelete='SET NULL',
        ),
        sa.PrimaryKeyConstraint('organisation_id', name=op.f('pk_organisation_changes')),
    )


def downgrade():
    op.drop_table('organisation_changes')
