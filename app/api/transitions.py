"""API: moving a project through its stages, and its audit trail.

Every move goes through workflow.transition(), which checks the version, the
move, the actor's right and the gate, in that order (see app.api.refusals for
the status of each refusal).
"""

from flask import g
from sqlalchemy import select

from app import permissions
from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.payload import Reader, json_object
from app.api.projects import iso, project_or_404
from app.core.extensions import db
from app.gate import workflow
from app.projects.models import ProjectEvent


def event_json(event: ProjectEvent, private: bool) -> dict:
    """One stage change. The note, and the actor's id, only for the private side of the project."""
    actor = None
    if event.actor is not None:
        actor = {"id": event.actor.id, "name": event.actor.name} if private else {"name": event.actor.name}
    return {
        "id": event.id,
        "created_at": iso(event.created_at),
        "from": event.from_stage.value if event.from_stage else None,
        "to": event.to_stage.value,
        "actor": actor,
        "note": event.note if private else None,
        "assessment_version": event.assessment_version,
    }


@bp.post("/projects/<int:project_id>/transitions")
@token_required
def make_transition(project_id: int):
    """`{to, note, version}`; `version` is optional, and a stale one is refused (409 `conflict`).

    201 with `{stage, version, event}`; a gate that is not met is 409 `gate_blocked`
    with one `{"rule": ...}` per unmet rule.
    """
    project = project_or_404(project_id)
    reader = Reader(json_object(), allowed=("to", "note", "version"))
    target = reader.text("to", required=True)
    note = reader.text("note", nullable=True) or ""
    version = reader.integer("version")
    reader.done()
    event = workflow.transition(project, target, g.api_user, note=note, expected_version=version)
    return {
        "stage": project.stage.value,
        "version": project.version,
        "event": event_json(event, permissions.can_see_private_side(g.api_user, project)),
    }, 201


@bp.get("/projects/<int:project_id>/events")
def list_events(project_id: int):
    """The audit trail, oldest first. Notes only for the organisation's members, reviewers and admins."""
    project = project_or_404(project_id)
    private = permissions.can_see_private_side(g.api_user, project)
    events = db.session.scalars(
        select(ProjectEvent).where(ProjectEvent.project_id == project.id).order_by(ProjectEvent.id)
    )
    return {"items": [event_json(event, private) for event in events]}
