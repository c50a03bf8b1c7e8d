"""Adoption: a partner of a verified organisation turns an idea into a draft initiative of that
organisation, pre-filled from the idea and linked both ways (app.ideas.models.ProjectOrigin: the
initiative knows its idea and call, the idea lists its initiatives). Several organisations may adopt
one idea; one organisation adopts it once. The idea becomes `adopted`; its author and supporters are
told (app.community.notifications, in their language when e-mailed).

Refusals: NotPermitted (not a partner of a verified organisation: permissions.can_adopt_idea),
IdeaClosed (merged or archived) and AlreadyAdopted (this organisation adopted it already).
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from app import permissions
from app.accounts.models import User
from app.community import notifications
from app.core.errors import DomainError, NotPermitted
from app.core.extensions import db
from app.core.text import visible
from app.ideas import ideas
from app.ideas.models import Idea, IdeaStatus, ProjectOrigin
from app.organisations.models import Organisation
from app.projects import projects
from app.projects.models import Project

SUMMARY_MAX = projects.SUMMARY_MAX


class AlreadyAdopted(DomainError):
    """This organisation adopted this idea already (the API answers 409)."""


@dataclass(frozen=True)
class Origin:
    """Where an initiative came from, for its page and its review page."""

    idea: Idea | None
    author_name: str | None
    call_id: int | None
    call_title: str | None


def adopt_idea(idea: Idea, actor: User, organisation: Organisation) -> Project:
    """Create the organisation's draft initiative from the idea; answers it. Refuses NotPermitted
    (an unverified organisation, or one the actor is not a partner of), IdeaClosed and AlreadyAdopted."""
    if idea.status in (IdeaStatus.MERGED, IdeaStatus.ARCHIVED):
        raise ideas.IdeaClosed(_("A merged or archived idea cannot be adopted."))
    if organisation is None or not organisation.verified:
        raise NotPermitted(_("Only a verified organisation can adopt an idea."))
    if not permissions.can_adopt_idea(actor, idea, organisation):
        raise NotPermitted(_("Only partners of this organisation can adopt an idea for it."))
    taken = select(ProjectOrigin.project_id).join(Project, Project.id == ProjectOrigin.project_id).where(
        ProjectOrigin.idea_id == idea.id, Project.organisation_id == organisation.id
    )
    if db.session.scalar(taken) is not None:
        raise AlreadyAdopted(_("Your organisation has already adopted this idea."))
    data = projects.ProjectData(
        title=idea.title,
        summary=_summary(idea.body),
        description=idea.body,
        country=idea.country_code,
        themes=idea.theme_keys,
        language=idea.language,
    )
    project = projects.create_project(organisation, actor, data)
    db.session.add(ProjectOrigin(project_id=project.id, idea_id=idea.id, call_id=idea.call_id, adopted_by_id=actor.id))
    idea.status = IdeaStatus.ADOPTED
    db.session.flush()
    people = [idea.author_id, *ideas.supporter_ids(idea)]
    notifications.idea_adopted(project, idea.id, idea.title, people, actor.id)
    return project


def origin_of(project: Project) -> Origin | None:
    """The idea and call an initiative came from, or None."""
    origin = db.session.get(ProjectOrigin, project.id)
    if origin is None:
        return None
    idea = origin.idea
    author = idea.author.name if idea is not None and idea.author is not None else None
    call = origin.call
    return Origin(idea=idea, author_name=author, call_id=origin.call_id, call_title=call.title if call else None)


def projects_of_idea(idea: Idea) -> list[Project]:
    """The initiatives adopted from the idea, oldest first (the caller keeps those the reader may view)."""
    query = (
        select(Project)
        .join(ProjectOrigin, ProjectOrigin.project_id == Project.id)
        .where(ProjectOrigin.idea_id == idea.id)
        .order_by(Project.id)
    )
    return list(db.session.scalars(query))


def projects_of_call(call_id: int) -> list[Project]:
    """The initiatives that answer the call, oldest first (the caller keeps those the reader may view)."""
    query = (
        select(Project)
        .join(ProjectOrigin, ProjectOrigin.project_id == Project.id)
        .where(ProjectOrigin.call_id == call_id)
        .order_by(Project.id)
    )
    return list(db.session.scalars(query))


def _summary(body: str) -> str:
    text = " ".join(visible(body).replace("#", " ").replace("*", " ").split())
    if len(text) <= SUMMARY_MAX:
        return text or "…"
    return text[: SUMMARY_MAX - 1].rstrip() + "…"
