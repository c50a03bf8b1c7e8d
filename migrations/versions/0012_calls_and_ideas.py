"""calls and ideas: calls for ideas, ideas, their supports and offers of help, and where an initiative came from

calls (three dates in order, checked by the database too) and call_themes; ideas (sanitized body,
held by the safeguarding screen, status open/adopted/merged/archived, merged_into) and idea_themes;
idea_supports (one per person) and idea_help_offers (one per person); project_origins, one row per
initiative adopted from an idea or answering a call. New tables only, so that the projects table
(its full-text triggers on SQLite, its stage guard on PostgreSQL) stays as it is.

Revision ID: 0012_calls_and_ideas
Revises: 0011_review_question_comments
Create Date: 2026-12-05 16:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0012_calls_and_ideas'
down_revision = '0011_review_question_comments'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('calls',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('question', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('description_html', sa.Text(), nullable=False),
    sa.Column('regions', sa.JSON(), nullable=False),
    sa.Column('countries', sa.JSON(), nullable=False),
    sa.Column('opens_at', sa.DateTime(), nullable=False),
    sa.Column('ideas_close_at', sa.DateTime(), nullable=False),
    sa.Column('proposals_close_at', sa.DateTime(), nullable=False),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('opens_at < ideas_close_at AND ideas_close_at <= proposals_close_at', name=op.f('ck_calls_date_order')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_calls_created_by_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_calls'))
    )
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.create_index('ix_calls_opens_at_id', ['opens_at', 'id'], unique=False)

    op.create_table('call_themes',
    sa.Column('call_id', sa.Integer(), nullable=False),
    sa.Column('theme_key', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_call_themes_call_id_calls'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_key'], ['themes.key'], name=op.f('fk_call_themes_theme_key_themes')),
    sa.PrimaryKeyConstraint('call_id', 'theme_key', name=op.f('pk_call_themes'))
    )
    op.create_table('ideas',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('author_id', sa.Integer(), nullable=True),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('body_html', sa.Text(), nullable=False),
    sa.Column('country_code', sa.String(length=2), nullable=False),
    sa.Column('language', sa.String(length=2), nullable=False),
    sa.Column('held', sa.Boolean(), nullable=False),
    sa.Column('status', sa.Enum('open', 'adopted', 'merged', 'archived', name='idea_status', native_enum=False, create_constraint=True), nullable=False),
    sa.Column('status_note', sa.Text(), nullable=False),
    sa.Column('merged_into_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("language IN ('en', 'fr', 'es')", name=op.f('ck_ideas_language')),
    sa.ForeignKeyConstraint(['author_id'], ['users.id'], name=op.f('fk_ideas_author_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_ideas_call_id_calls'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_ideas_country_code_countries')),
    sa.ForeignKeyConstraint(['merged_into_id'], ['ideas.id'], name=op.f('fk_ideas_merged_into_id_ideas'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ideas'))
    )
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ideas_author_id'), ['author_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideas_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideas_country_code'), ['country_code'], unique=False)
        batch_op.create_index('ix_ideas_created_at_id', ['created_at', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ideas_status'), ['status'], unique=False)

    op.create_table('idea_help_offers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_help_offers_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_idea_help_offers_user_id_users'), ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_idea_help_offers')),
    sa.UniqueConstraint('idea_id', 'user_id', name=op.f('uq_idea_help_offers_idea_id_user_id'))
    )
    with op.batch_alter_table('idea_help_offers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_help_offers_idea_id'), ['idea_id'], unique=False)

    op.create_table('idea_supports',
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_supports_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_idea_supports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', 'idea_id', name=op.f('pk_idea_supports'))
    )
    with op.batch_alter_table('idea_supports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_idea_supports_idea_id'), ['idea_id'], unique=False)

    op.create_table('idea_themes',
    sa.Column('idea_id', sa.Integer(), nullable=False),
    sa.Column('theme_key', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_idea_themes_idea_id_ideas'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['theme_key'], ['themes.key'], name=op.f('fk_idea_themes_theme_key_themes')),
    sa.PrimaryKeyConstraint('idea_id', 'theme_key', name=op.f('pk_idea_themes'))
    )
    op.create_table('project_origins',
    sa.Column('project_id', sa.Integer(), nullable=False),
    sa.Column('idea_id', sa.Integer(), nullable=True),
    sa.Column('call_id', sa.Integer(), nullable=True),
    sa.Column('adopted_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint('idea_id IS NOT NULL OR call_id IS NOT NULL', name=op.f('ck_project_origins_some_origin')),
    sa.ForeignKeyConstraint(['adopted_by_id'], ['users.id'], name=op.f('fk_project_origins_adopted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['call_id'], ['calls.id'], name=op.f('fk_project_origins_call_id_calls'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['idea_id'], ['ideas.id'], name=op.f('fk_project_origins_idea_id_ideas'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['project_id'], ['projects.id'], name=op.f('fk_project_origins_project_id_projects'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('project_id', name=op.f('pk_project_origins'))
    )
    with op.batch_alter_table('project_origins', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_project_origins_call_id'), ['call_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_project_origins_idea_id'), ['idea_id'], unique=False)



def downgrade():
    with op.batch_alter_table('project_origins', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_project_origins_idea_id'))
        batch_op.drop_index(batch_op.f('ix_project_origins_call_id'))

    op.drop_table('project_origins')
    op.drop_table('idea_themes')
    with op.batch_alter_table('idea_supports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_supports_idea_id'))

    op.drop_table('idea_supports')
    with op.batch_alter_table('idea_help_offers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_idea_help_offers_idea_id'))

    op.drop_table('idea_help_offers')
    with op.batch_alter_table('ideas', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ideas_status'))
        batch_op.drop_index('ix_ideas_created_at_id')
        batch_op.drop_index(batch_op.f('ix_ideas_country_code'))
        batch_op.drop_index(batch_op.f('ix_ideas_call_id'))
        batch_op.drop_index(batch_op.f('ix_ideas_author_id'))

    op.drop_table('ideas')
    op.drop_table('call_themes')
    with op.batch_alter_table('calls', schema=None) as batch_op:
        batch_op.drop_index('ix_calls_opens_at_id')

    op.drop_table('calls')
