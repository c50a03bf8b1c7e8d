"""Who wrote a project: its creator and everyone who edited its fields or its assessments, added one
of its files or changed its cover.

The conflict-of-interest rule (app.permissions.conflict_of_interest) reads these rows, so that a
reviewer who wrote part of a project never decides on it, even after leaving its organisation.
Flushes nothing itself: the caller's flush writes the row with its edit.
"""

from app.accounts.models import User
from app.core.extensions import db
from app.projects.models import Project, ProjectEditor


def record_edit(project: Project, actor: User) -> None:
    """Note that `actor` wrote part of `project` (one row per person and project; the first time is kept)."""
    if actor is None or actor.id is None:
        return
    pending = any(
        isinstance(o, ProjectEditor) and o.project is project and o.user_id == actor.id for o in db.session.new
    )
    if pending:
        return
    if project.id is not None:
        with db.session.no_autoflush:
            if db.session.get(ProjectEditor, (project.id, actor.id)) is not None:
                return
    db.session.add(ProjectEditor(project=project, user_id=actor.id))
