"""Supports and follows: one of each per person per project (the primary key says so).

Supporting or following twice is harmless: the second time writes nothing, even when two
requests race (INSERT ... ON CONFLICT DO NOTHING on SQLite and PostgreSQL alike).
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, exists, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite

from app import permissions
from app.accounts.models import User
from app.community.models import Follow, Support
from app.core.columns import utcnow
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.projects.models import Project


@dataclass(frozen=True)
class Engagement:
    """What the project page shows: the support count and what the person did."""

    supports: int
    supported: bool
    following: bool


def support(project: Project, user: User) -> bool:
    """Record the user's support; answers whether it is new. Refuses (NotPermitted) anyone
    permissions.can_support refuses."""
    _check(project, user)
    return _insert_once(Support, user, project)


def unsupport(project: Project, user: User) -> bool:
    """Take the user's support back; answers whether there was one. Refuses like support()."""
    _check(project, user)
    return _delete(Support, user, project)


def follow(project: Project, user: User) -> bool:
    """Follow the project (its updates and milestones, stage changes and comments are notified);
    answers whether it is new. Refuses (NotPermitted) anyone permissions.can_support refuses."""
    _check(project, user)
    return _insert_once(Follow, user, project)


def unfollow(project: Project, user: User) -> bool:
    """Stop following; answers whether the user was following. Refuses like follow()."""
    _check(project, user)
    return _delete(Follow, user, project)


def engagement_of(project: Project, user) -> Engagement:
    """The support count and whether `user` (possibly anonymous) supports and follows: one query."""
    user_id = user.id if getattr(user, "is_authenticated", False) else None
    count = select(func.count()).where(Support.project_id == project.id).scalar_subquery()
    if user_id is None:
        supported = following = literal(False)
    else:
        supported = exists().where(Support.project_id == project.id, Support.user_id == user_id)
        following = exists().where(Follow.project_id == project.id, Follow.user_id == user_id)
    row = db.session.execute(select(count, supported, following)).one()
    return Engagement(supports=row[0], supported=bool(row[1]), following=bool(row[2]))


def _check(project: Project, user: User) -> None:
    if not permissions.can_support(user, project):
        raise NotPermitted(_("You cannot support or follow this initiative."))


def _insert_once(model, user: User, project: Project) -> bool:
    dialect = db.session.get_bind().dialect.name
    build = postgresql.insert if dialect == "postgresql" else sqlite.insert
    table = model.__table__
    statement = build(table).values(user_id=user.id, project_id=project.id, created_at=utcnow())
    written = db.session.execute(statement.on_conflict_do_nothing().returning(table.c.user_id)).first()
    return written is not None


def _delete(model, user: User, project: Project) -> bool:
    result = db.session.execute(delete(model).where(model.user_id == user.id, model.project_id == project.id))
    return result.rowcount == 1
