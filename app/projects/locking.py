"""Serialising the writes that depend on a project's stage."""

from flask_babel import gettext as _
from sqlalchemy import select

from app.core.errors import ChangedMeanwhile
from app.core.extensions import db
from app.projects.models import Project


def lock_project(project: Project) -> None:
    """Take the project's row lock (PostgreSQL: SELECT ... FOR UPDATE) until the transaction ends.

    Refuses (ChangedMeanwhile) when the project changed since it was loaded: then what the
    caller read about it (its stage, its version) may no longer be true. On SQLite, writes are
    serialised by the database itself.
    """
    if project.id is None:
        return
    current = db.session.scalar(select(Project.version).where(Project.id == project.id).with_for_update())
    if current != project.version:
        raise ChangedMeanwhile(_("This project changed meanwhile. Reload the page and try again."))
