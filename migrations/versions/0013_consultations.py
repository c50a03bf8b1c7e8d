"""consultations: what children said about an initiative, and the answer back to them

consultations: one row per consultation held with children on an initiative (project_id; an idea
will be a second subject beside it), by the organisation that held it: the date, the setting and
method (from lists: never an address), the children counted by sex and age band (girls_0_5 …
boys_12_17, each 0 to 10000, at least one child in all), consent confirmed (required), the summary
of what they said, and the answer back with its date, time and author (all three or none).

Revision ID: 0013_consultations
Revises: 0012_calls_and_ideas
Create Date: 2026-12-05 16:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0013_consultations'
down_revision = '0012_calls_and_ideas'
branch_labels = None
depends_on = None

BANDS = ('girls_0_5', 'girls_6_11', 'girls_12_17', 'boys_0_5', 'boys_6_11', 'boys_12_17')
SETTINGS = ('school', 'community_centre', 'youth_club', 'health_centre', 'place_of_worship', 'online', 'other')
METHODS = ('group_discussion', 'drawing', 'survey', 'interviews', 'games_and_role_play', 'other')


def upgrade():
    op.create_table('consultations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=True),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('setting', sa.Enum(*SETTINGS, name='consultation_setting', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('method', sa.Enum(*METHODS, name='consultation_method', native_enum=False, create_constraint=True), nullable=False),
    *[sa.Column(band, sa.Integer(), nullable=False) for band in BANDS],
    sa.Column('consent_confirmed', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('answer_back', sa.Text(), nullable=True),
    sa.Column('answered_on', sa.Date(), nullable=True),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('project_id IS NOT NULL', name=op.f('ck_consultations_subject')),
    sa.CheckConstraint(' AND '.join(f'{b} >= 0 AND {b} <= 10000' for b in BANDS), name=op.f('ck_consultations_participants')),
    sa.CheckConstraint(' + '.join(BANDS) + ' >= 1', name=op.f('ck_consultations_someone_consulted')),
    sa.CheckConstraint('consent_confirmed', name=op.f('ck_consultations_consent')),
    sa.CheckConstraint(
        '(answer_back IS NULL AND answered_on IS NULL AND answered_at IS NULL) OR '
        '(answer_back IS NOT NULL AND answered_on IS NOT NULL AND answered_at IS NOT NULL)',
        name=op.f('ck_consultations_answer_back')),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_consultations_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_consultations_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_consultations_recorded_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_consultations_answered_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consultations'))
    )
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consultations_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_consultations_project_id_held_on', ['project_id', 'held_on'], unique=False)


def downgrade():
    with op.batch_alter_table('consultations', schema=None) as batch_op:
        batch_op.drop_index('ix_consultations_project_id_held_on')
        batch_op.drop_index(batch_op.f('ix_consultations_organisation_id'))
    op.drop_table('consultations')
