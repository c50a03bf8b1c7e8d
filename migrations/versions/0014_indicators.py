"""indicators: the indicators of an initiative and their measurements over time

indicators: name, unit, baseline and target (non-negative), whether measurements are counted by sex
and by age band, and whether they count the children reached. measurements: date, total, girls /
boys / other (by sex), the values by sex and age band as a JSON object, and the source.

Revision ID: 0014_indicators
Revises: 0013_consultations
Create Date: 2026-12-05 16:40:00

"""
import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = '0014_indicators'
down_revision = '0013_consultations'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('indicators',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('unit', sa.String(length=40), nullable=False),
    sa.Column('baseline', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('target', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('by_sex', sa.Boolean(), nullable=False),
    sa.Column('by_age', sa.Boolean(), nullable=False),
    sa.Column('counts_children', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('baseline >= 0', name=op.f('ck_indicators_baseline')),
    sa.CheckConstraint('target >= 0', name=op.f('ck_indicators_target')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_indicators_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_indicators_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_indicators'))
    )
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.create_index('ix_indicators_project_id_id', ['project_id', 'id'], unique=False)

    op.create_table('measurements',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('indicator_id', sa.Integer(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('measured_on', sa.Date(), nullable=False),
    sa.Column('total', sa.Numeric(precision=14, scale=2), nullable=False),
    sa.Column('girls', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('boys', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('other', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('by_age', sa.JSON(), nullable=False),
    sa.Column('source', sa.String(length=300), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('total >= 0', name=op.f('ck_measurements_total')),
    sa.CheckConstraint('girls IS NULL OR girls >= 0', name=op.f('ck_measurements_girls')),
    sa.CheckConstraint('boys IS NULL OR boys >= 0', name=op.f('ck_measurements_boys')),
    sa.CheckConstraint('other IS NULL OR other >= 0', name=op.f('ck_measurements_other')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_measurements_created_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['indicator_id'], ['indicators.id'], name=op.f('fk_measurements_indicator_id_indicators'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_measurements'))
    )
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.create_index('ix_measurements_indicator_id_measured_on', ['indicator_id', 'measured_on'], unique=False)


def downgrade():
    with op.batch_alter_table('measurements', schema=None) as batch_op:
        batch_op.drop_index('ix_measurements_indicator_id_measured_on')
    op.drop_table('measurements')
    with op.batch_alter_table('indicators', schema=None) as batch_op:
        batch_op.drop_index('ix_indicators_project_id_id')
    op.drop_table('indicators')
