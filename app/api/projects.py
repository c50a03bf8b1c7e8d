"""API: reading, creating and editing projects (initiatives).

A project the caller may not view is a 404, never a 403, so that its existence
is not revealed. The request commits once, after the view (app.core.transaction);
every refusal (app.api.refusals) is a status of 400 or more, which rolls it back.
"""

from dataclasses import replace
from datetime import UTC, datetime

from flask import g
from flask_babel import gettext as _
from sqlalchemy import func, select

from app import permissions
from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.payload import Reader, json_object
from app.api.refusals import not_found
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview
from app.gate.workflow import STAGE_NAMES
from app.organisations.models import Organisation
from app.projects import projects
from app.projects.models import Project
from app.projects.projects import CHILDREN_KEYS, ProjectData
from app.reference.names import region_of

PROJECT_FIELDS = (
    "title", "summary", "description", "country", "themes", "language", "target_groups", "girls_focused",
    "children", "start_date", "end_date", "budget_amount", "budget_currency",
)


def iso(moment: datetime | None) -> str | None:
    """A point in time as ISO 8601 in UTC, e.g. 2025-03-01T09:30:00Z."""
    if moment is None:
        return None
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def project_or_404(project_id: int) -> Project:
    """The project, if the caller may view it; 404 `not_found` otherwise (also when it exists)."""
    project = projects.viewable_project(project_id, g.api_user)
    if project is None:
        raise not_found()
    return project


def latest_reviews():
    """Per project, the newest review of any of its assessment versions (a subquery)."""
    return (
        select(Assessment.project_id.label("project_id"), func.max(AssessmentReview.id).label("review_id"))
        .join(AssessmentReview, AssessmentReview.assessment_id == Assessment.id)
        .group_by(Assessment.project_id)
        .subquery("latest_review")
    )


def with_reviewed_code(statement, latest):
    """Join the reviewer's GE code of each project's latest review (None when never reviewed)."""
    return statement.outerjoin(latest, latest.c.project_id == Project.id).outerjoin(
        AssessmentReview, AssessmentReview.id == latest.c.review_id
    )


def reviewed_code(project: Project):
    latest = latest_reviews()
    return db.session.scalar(
        with_reviewed_code(select(AssessmentReview.ge_code).select_from(Project), latest).where(
            Project.id == project.id
        )
    )


def project_json(project: Project, ge_code, detail: bool = False) -> dict:
    """The public fields of a project; `ge_code` is the reviewer's code of its latest reviewed assessment."""
    item = {
        "id": project.id,
        "title": project.title,
        "summary": project.summary,
        "organisation": {"slug": project.organisation.slug, "name": project.organisation.name},
        "country": project.country_code,
        "region": region_of(project.country_code),
        "themes": project.theme_keys,
        "language": project.language,
        "target_groups": list(project.target_groups or []),
        "girls_focused": project.girls_focused,
        "children": {key: getattr(project, key) for key in CHILDREN_KEYS},
        "children_total": project.children_total,
        "start_date": project.start_date.isoformat() if project.start_date else None,
        "end_date": project.end_date.isoformat() if project.end_date else None,
        "budget_amount": None if project.budget_amount is None else f"{project.budget_amount:.2f}",
        "budget_currency": project.budget_currency,
        "stage": project.stage.value,
        "stage_name": str(STAGE_NAMES[project.stage]),
        "stage_changed_at": iso(project.stage_changed_at),
        "version": project.version,
        "ge_code": ge_code.value if ge_code else None,
        "created_at": iso(project.created_at),
        "updated_at": iso(project.updated_at),
    }
    if detail:
        item["description"] = project.description
        item["description_html"] = project.description_html
    return item


def project_response(project: Project) -> dict:
    return project_json(project, reviewed_code(project), detail=True)


def current_data(project: Project) -> ProjectData:
    return ProjectData(
        title=project.title,
        summary=project.summary,
        description=project.description,
        country=project.country_code,
        themes=project.theme_keys,
        language=project.language,
        target_groups=list(project.target_groups or []),
        girls_focused=project.girls_focused,
        children={key: getattr(project, key) for key in CHILDREN_KEYS},
        start_date=project.start_date,
        end_date=project.end_date,
        budget_amount=project.budget_amount,
        budget_currency=project.budget_currency,
    )


def read_project_data(reader: Reader, start: ProjectData) -> ProjectData:
    """`start` with the fields present in the body replaced (children are merged key by key)."""
    changes = {}
    for name in ("title", "summary", "description", "country", "language"):
        if reader.has(name):
            changes[name] = reader.text(name)
    for name in ("themes", "target_groups"):
        if reader.has(name):
            changes[name] = reader.texts(name)
    if reader.has("girls_focused"):
        changes["girls_focused"] = reader.boolean("girls_focused")
    if reader.has("children"):
        changes["children"] = {**start.children, **reader.counts("children")}
    for name in ("start_date", "end_date"):
        if reader.has(name):
            changes[name] = reader.iso_date(name)
    if reader.has("budget_amount"):
        changes["budget_amount"] = reader.amount("budget_amount")
    if reader.has("budget_currency"):
        changes["budget_currency"] = reader.text("budget_currency", default=None, nullable=True)
    return replace(start, **changes)


@bp.post("/projects")
@token_required
def create_project():
    """Create a draft for an organisation the caller is a partner of; 201 with the project."""
    reader = Reader(json_object(), allowed=(*PROJECT_FIELDS, "organisation"))
    slug = reader.text("organisation", required=True)
    data = read_project_data(reader, ProjectData(title="", summary=""))
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == slug)) if slug else None
    if organisation is None or not permissions.can_view_organisation(g.api_user, organisation):
        # an unverified organisation is not public: answer as if it did not exist
        reader.refuse("organisation", _("There is no organisation with this slug."))
    reader.done()
    project = projects.create_project(organisation, g.api_user, data)
    return project_response(project), 201, {"Location": f"/api/v1/projects/{project.id}"}


@bp.get("/projects/<int:project_id>")
def get_project(project_id: int):
    return project_response(project_or_404(project_id))


@bp.patch("/projects/<int:project_id>")
@token_required
def edit_project(project_id: int):
    """Edit the fields present in the body; `version` (the one last read) is required."""
    project = project_or_404(project_id)
    if not permissions.can_edit_project(g.api_user, project):
        raise NotPermitted(_("You cannot edit this initiative at this stage."))
    reader = Reader(json_object(), allowed=(*PROJECT_FIELDS, "version"))
    version = reader.integer("version", required=True)
    data = read_project_data(reader, current_data(project))
    reader.done()
    projects.update_project(project, g.api_user, data, expected_version=version)
    return project_response(project)
