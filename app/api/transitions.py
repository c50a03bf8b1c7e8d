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
from app.api.body import read_body
from app.api.projects import project_or_404
from app.api.schemas.base import NameOnly
from app.api.schemas.gate import Actor, Event, EventList, TransitionRequest, TransitionResult
from app.api.spec import TOKEN, operation
from app.core.extensions import db
from app.gate import workflow
from app.projects.models import ProjectEvent


def event_answer(event: ProjectEvent, private: bool) -> Event:
    """One stage change. The note, and the actor's id, only for the private side of the project."""
    actor = None
    if event.actor is not None:
        actor = Actor(id=event.actor.id, name=event.actor.name) if private else NameOnly(name=event.actor.name)
    return Event(
        id=event.id,
        created_at=event.created_at,
        from_=event.from_stage.value if event.from_stage else None,
        to=event.to_stage.value,
        actor=actor,
        note=event.note if private else None,
        assessment_version=event.assessment_version,
    )


@bp.post("/projects/<int:project_id>/transitions")
@operation("workflow", ok={201: (TransitionResult, "The new stage and the event recorded.")}, body=TransitionRequest,
           errors={403: ["forbidden"], 404: ["not_found"], 409: ["gate_blocked", "conflict"],
                   422: ["invalid", "invalid_transition"]}, access=TOKEN)
@token_required
def make_transition(project_id: int):
    """Move a project to another stage

    `{to, note, version}`; `version` is optional, and a stale one is refused (409 `conflict`). A gate
    that is not met is 409 `gate_blocked` with one `{rule}` per unmet rule (and the question's key in
    `field` where the rule is about one); a move outside the stage table is 422 `invalid_transition`.
    """
    project = project_or_404(project_id)
    sent = read_body(TransitionRequest)
    event = workflow.transition(project, sent.to, g.api_user, note=sent.note or "", expected_version=sent.version)
    private = permissions.can_see_private_side(g.api_user, project)
    return TransitionResult(stage=project.stage.value, version=project.version,
                            event=event_answer(event, private)), 201


@bp.get("/projects/<int:project_id>/events")
@operation("workflow", ok={200: (EventList, "Every stage change, oldest first.")}, errors={404: ["not_found"]})
def list_events(project_id: int):
    """The project's audit trail

    Notes, and the actors' ids, only for the private side of the project (its organisation's members,
    reviewers and admins).
    """
    project = project_or_404(project_id)
    private = permissions.can_see_private_side(g.api_user, project)
    events = db.session.scalars(
        select(ProjectEvent).where(ProjectEvent.project_id == project.id).order_by(ProjectEvent.id)
    )
    return EventList(items=[event_answer(event, private) for event in events])
