"""gate guard: conflicts of interest with a memory, and the database itself refuses a stage change that
has no stage event (PostgreSQL)

Two tables that the conflict-of-interest rule (app.permissions.conflict_of_interest) reads:
former_memberships (a removed member's membership: role, joined, left) and project_editors (who
created or edited a project or its assessments, and since when), filled here from what the database
already knows (each project's creator and each assessment version's author).

assessment_reviews: a reviewer may replace their validation until a decision uses it; the
replacement is a new row with the next `round` (unique per assessment version, instead of one row
per version), and the replaced one stays. Downgrading keeps only the validation in force.

PostgreSQL: every row inserted into project_events notes "project:from:to" in a setting local to the
transaction (`sociallab.stage_events`, undone with the transaction or savepoint that wrote it); a
BEFORE UPDATE trigger on projects refuses (check_violation) a change of `stage` unless such a note,
and its event row, exist, and uses the note up. So `UPDATE projects SET stage = ...` from a script
fails unless the same transaction recorded the move's event first, as app.gate.workflow.transition()
does. Inserts are not checked: a restore (pg_restore) loads the rows before it creates the triggers.
SQLite: nothing (the ORM guards of app.gate.guards and `flask check-gates` stand alone there).
A deliberate repair by hand switches it off for its transaction
(`ALTER TABLE projects DISABLE TRIGGER projects_guard_stage_change`, then ENABLE) and runs
`flask check-gates` afterwards.

Revision ID: 0009_gate_guard
Revises: 0008_hostile_input
Create Date: 2026-12-05 08:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0009_gate_guard'
down_revision = '0008_hostile_input'
branch_labels = None
depends_on = None

STAGE_GUARD_UPGRADE = [
    """
    CREATE OR REPLACE FUNCTION project_events_note_stage_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        PERFORM set_config(
            'sociallab.stage_events',
            coalesce(current_setting('sociallab.stage_events', true), '')
                || ',' || NEW.project_id || ':' || coalesce(NEW.from_stage, '') || ':' || NEW.to_stage || ',',
            true
        );
        RETURN NULL;
    END
    $$
    """,
    """
    CREATE TRIGGER project_events_note_stage_change AFTER INSERT ON project_events
    FOR EACH ROW EXECUTE FUNCTION project_events_note_stage_change()
    """,
    """
    CREATE OR REPLACE FUNCTION projects_guard_stage_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        token text;
        noted text;
        found integer;
    BEGIN
        IF NEW.stage IS NOT DISTINCT FROM OLD.stage THEN
            RETURN NEW;
        END IF;
        token := ',' || NEW.id || ':' || coalesce(OLD.stage, '') || ':' || coalesce(NEW.stage, '') || ',';
        noted := coalesce(current_setting('sociallab.stage_events', true), '');
        found := position(token in noted);
        IF found = 0 OR NOT EXISTS (
            SELECT 1 FROM project_events e
            WHERE e.project_id = NEW.id AND e.from_stage = OLD.stage AND e.to_stage = NEW.stage
        ) THEN
            RAISE EXCEPTION 'project % cannot move from % to % without its stage event in the same transaction',
                NEW.id, OLD.stage, NEW.stage
                USING ERRCODE = 'check_violation',
                      HINT = 'Use the application''s transition (app.gate.workflow.transition).';
        END IF;
        PERFORM set_config(
            'sociallab.stage_events', overlay(noted placing ',' from found for length(token)), true
        );
        RETURN NEW;
    END
    $$
    """,
    """
    CREATE TRIGGER projects_guard_stage_change BEFORE UPDATE OF stage ON projects
    FOR EACH ROW EXECUTE FUNCTION projects_guard_stage_change()
    """,
]

STAGE_GUARD_DOWNGRADE = [
    "DROP TRIGGER IF EXISTS projects_guard_stage_change ON projects",
    "DROP FUNCTION IF EXISTS projects_guard_stage_change()",
    "DROP TRIGGER IF EXISTS project_events_note_stage_change ON project_events",
    "DROP FUNCTION IF EXISTS project_events_note_stage_change()",
]


def upgrade():
    op.create_table('former_memberships',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.Enum('owner', 'member', name='former_membership_role', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('joined_at', sa.DateTime(), nullable=False),
    sa.Column('left_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_former_memberships_organisation_id_organisations'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_former_memberships_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_former_memberships'))
    )
    with op.batch_alter_table('former_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_former_memberships_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_former_memberships_user_id'), ['user_id'], unique=False)

    op.create_table('project_editors',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('first_edited_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_editors_project_id_projects'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_project_editors_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', 'user_id', name=op.f('pk_project_editors'))
    )
    with op.batch_alter_table('project_editors', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_editors_user_id'), ['user_id'], unique=False)
    op.execute(
        "INSERT INTO project_editors (project_id, user_id, first_edited_at)"
        " SELECT project_id, user_id, min(edited_at) FROM ("
        "  SELECT id AS project_id, created_by_id AS user_id, created_at AS edited_at FROM projects"
        "  WHERE created_by_id IS NOT NULL"
        "  UNION ALL"
        "  SELECT project_id, created_by_id, created_at FROM assessments WHERE created_by_id IS NOT NULL"
        " ) AS edits GROUP BY project_id, user_id"
    )

    with op.batch_alter_table('assessment_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('round', sa.Integer(), nullable=False, server_default='1'))
        batch_op.drop_constraint('uq_assessment_reviews_assessment_id', type_='unique')
        batch_op.create_unique_constraint(batch_op.f('uq_assessment_reviews_assessment_id_round'), ['assessment_id', 'round'])
    with op.batch_alter_table('assessment_reviews', schema=None) as batch_op:
        batch_op.alter_column('round', server_default=None)

    if op.get_bind().dialect.name == "postgresql":
        for statement in STAGE_GUARD_UPGRADE:
            op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        for statement in STAGE_GUARD_DOWNGRADE:
            op.execute(statement)
    op.execute(
        "DELETE FROM assessment_reviews WHERE EXISTS (SELECT 1 FROM assessment_reviews AS later"
        " WHERE later.assessment_id = assessment_reviews.assessment_id AND later.round > assessment_reviews.round)"
    )
    with op.batch_alter_table('assessment_reviews', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_assessment_reviews_assessment_id_round'), type_='unique')
        batch_op.create_unique_constraint('uq_assessment_reviews_assessment_id', ['assessment_id'])
        batch_op.drop_column('round')
    with op.batch_alter_table('project_editors', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_editors_user_id'))
    op.drop_table('project_editors')
    with op.batch_alter_table('former_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_former_memberships_user_id'))
        batch_op.drop_index(batch_op.f('ix_former_memberships_organisation_id'))
    op.drop_table('former_memberships')
