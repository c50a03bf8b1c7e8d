"""review question comments: a reviewer's comments on single questions of an assessment version

assessment_reviews.question_comments: a JSON object {question key: comment} beside the review's one
comment for the organisation, shown on the assessment form next to the question each concerns. Rows
written before it hold an empty object.

Revision ID: 0011_review_question_comments
Revises: 0010_project_covers
Create Date: 2026-12-05 12:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0011_review_question_comments'
down_revision = '0010_project_covers'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('assessment_reviews', schema=None) as batch_op:
        batch_op.add_column(sa.Column('question_comments', sa.JSON(), nullable=False, server_default='{}'))
    with op.batch_alter_table('assessment_reviews', schema=None) as batch_op:
        batch_op.alter_column('question_comments', server_default=None)


def downgrade():
    with op.batch_alter_table('assessment_reviews', schema=None) as batch_op:
        batch_op.drop_column('question_comments')
