"""project covers: an initiative's cover image

One row per initiative that has a cover: the stem of its files' names (the image re-encoded as JPEG
in a few widths, app.projects.covers), the text that says what it shows (required: not empty), the
size of its widest file, the attachment it was made from. Its own table, so that the projects table
(its full-text triggers on SQLite, its stage guard on PostgreSQL) stays as it is.

Revision ID: 0010_project_covers
Revises: 0009_gate_guard
Create Date: 2026-12-05 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0010_project_covers'
down_revision = '0009_gate_guard'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('project_covers',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('stem', sa.String(length=40), nullable=False),
    sa.Column('alt', sa.String(length=200), nullable=False),
    sa.Column('width', sa.Integer(), nullable=False),
    sa.Column('height', sa.Integer(), nullable=False),
    sa.Column('attachment_id', sa.Integer(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('length(trim(alt)) > 0', name=op.f('ck_project_covers_alt_required')),
    sa.CheckConstraint('width > 0 AND height > 0', name=op.f('ck_project_covers_size')),
    sa.ForeignKeyConstraint(['attachment_id'], ['attachments.id'], name=op.f('fk_project_covers_attachment_id_attachments'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_project_covers_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_covers_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_project_covers')),
    sa.UniqueConstraint('stem', name=op.f('uq_project_covers_stem'))
    )
    with op.batch_alter_table('project_covers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_covers_attachment_id'), ['attachment_id'], unique=False)


def downgrade():
    with op.batch_alter_table('project_covers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_covers_attachment_id'))

    op.drop_table('project_covers')
