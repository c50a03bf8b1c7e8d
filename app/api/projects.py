"""API: reading, creating and editing projects (initiatives).

A project the caller may not view is a 404, never a 403, so that its existence
is not revealed. The request commits once, after the view (app.core.transaction);
every refusal (app.api.refusals) is a status of 400 or more, which rolls it back.
"""

from dataclasses import replace

from flask import g
from flask_babel import gettext as _
from sqlalchemy import func, select

from app import permissions
from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.body import read_body
from app.api.refusals import invalid, not_found
from app.api.schemas.base import OrganisationRef
from app.api.schemas.projects import Project as ProjectAnswer
from app.api.schemas.projects import ProjectCreate, ProjectEdit, ProjectInput
from app.api.spec import TOKEN, operation
from app.community import safeguarding
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.core.text import text_problem
from app.gate.models import Assessment, AssessmentReview
from app.gate.workflow import STAGE_NAMES
from app.organisations.models import Organisation
from app.projects import projects
from app.projects.models import Project
from app.projects.projects import CHILDREN_KEYS, ProjectData
from app.reference.names import region_of

PROJECT_FIELDS = set(ProjectInput.model_fields) - {"safeguarding_checked"}
SCREENED_FIELDS = ("title", "summary", "description")


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


def project_fields(project: Project, ge_code) -> dict:
    """The public fields of a project; `ge_code` is the reviewer's code of its latest reviewed assessment."""
    return {
        "id": project.id,
        "title": project.title,
        "summary": project.summary,
        "organisation": OrganisationRef(slug=project.organisation.slug, name=project.organisation.name),
        "country": project.country_code,
        "region": region_of(project.country_code),
        "themes": project.theme_keys,
        "language": project.language,
        "target_groups": list(project.target_groups or []),
        "girls_focused": project.girls_focused,
        "children": {key: getattr(project, key) for key in CHILDREN_KEYS},
        "children_total": project.children_total,
        "start_date": project.start_date,
        "end_date": project.end_date,
        "budget_amount": None if project.budget_amount is None else f"{project.budget_amount:.2f}",
        "budget_currency": project.budget_currency,
        "stage": project.stage.value,
        "stage_name": str(STAGE_NAMES[project.stage]),
        "stage_changed_at": project.stage_changed_at,
        "version": project.version,
        "ge_code": ge_code.value if ge_code else None,
        "created_at": project.created_at,
        "updated_at": project.updated_at,
    }


def project_answer(project: Project) -> ProjectAnswer:
    return ProjectAnswer(**project_fields(project, reviewed_code(project)), description=project.description,
                         description_html=project.description_html)


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


def screen_text(sent: ProjectInput) -> None:
    """Refuse (422, the screen's advice on each field) the project text sent that may identify or let
    someone contact a child, unless the author says they checked it: the web form warns before saving,
    the API cannot ask."""
    if sent.safeguarding_checked:
        return
    found = {}
    for field in SCREENED_FIELDS:
        value = getattr(sent, field)
        if field not in sent.model_fields_set or text_problem(value, len(value), multiline=field != "title"):
            continue  # the domain's own refusal (a line break in the title...) comes first
        if findings := safeguarding.screen(value):
            found[field] = str(safeguarding.advice(findings))
    if found:
        raise invalid(found)


def with_changes(sent: ProjectInput, start: ProjectData) -> ProjectData:
    """`start` with the fields present in the body replaced (children are merged key by key)."""
    changes = {name: getattr(sent, name) for name in sent.model_fields_set if name in PROJECT_FIELDS}
    if "children" in changes:
        changes["children"] = {**start.children, **sent.children}
    return replace(start, **changes)


WRITES = {403: ["forbidden"], 404: ["not_found"], 409: ["conflict"]}


@bp.post("/projects")
@operation("projects", ok={201: (ProjectAnswer, "The new project.")}, body=ProjectCreate,
           errors={403: ["forbidden"]}, access=TOKEN, location=True)
@token_required
def create_project():
    """Create a project in stage `draft`

    For partners of the (verified) organisation; an unknown slug is 422 `invalid`.
    """
    sent = read_body(ProjectCreate)
    screen_text(sent)
    data = with_changes(sent, ProjectData(title="", summary=""))
    organisation = db.session.scalar(select(Organisation).where(Organisation.slug == sent.organisation))
    if organisation is None or not permissions.can_view_organisation(g.api_user, organisation):
        # an unverified organisation is not public: answer as if it did not exist
        raise invalid({"organisation": _("There is no organisation with this slug.")})
    project = projects.create_project(organisation, g.api_user, data)
    return project_answer(project), 201, {"Location": f"/api/v1/projects/{project.id}"}


@bp.get("/projects/<int:project_id>")
@operation("projects", ok={200: (ProjectAnswer, "The project.")}, errors={404: ["not_found"]})
def get_project(project_id: int):
    """Read a project"""
    return project_answer(project_or_404(project_id))


@bp.patch("/projects/<int:project_id>")
@operation("projects", ok={200: (ProjectAnswer, "The project as saved.")}, body=ProjectEdit, errors=WRITES,
           access=TOKEN)
@token_required
def edit_project(project_id: int):
    """Edit a project

    `version` (the one last read) is required; a stale one is 409 `conflict` and nothing is written.
    """
    project = project_or_404(project_id)
    if not permissions.can_edit_project(g.api_user, project):
        raise NotPermitted(_("You cannot edit this initiative at this stage."))
    sent = read_body(ProjectEdit)
    screen_text(sent)
    projects.update_project(project, g.api_user, with_changes(sent, current_data(project)),
                            expected_version=sent.version)
    return project_answer(project)
