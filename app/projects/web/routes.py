"""Initiatives: the organisation's list, creating, editing, the project page and its stage moves."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import permissions
from app.community import safeguarding
from app.core import transaction
from app.core.cache import cached_page
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.core.forms import attach_errors
from app.gate import workflow
from app.gate.workflow import GateBlocked, InvalidTransition
from app.organisations.models import Membership, MembershipStatus
from app.projects import projects
from app.projects.models import Project
from app.projects.projects import CHILDREN_KEYS, ProjectData, ProjectInvalid
from app.projects.web.blueprint import bp
from app.projects.web.fetch import viewable_project_or_404
from app.projects.web.forms import ProjectForm, TransitionForm
from app.projects.web.pages import PAGE_OPTIONS, partner_organisations, project_page


@bp.get("/projects/mine")
@login_required
def mine():
    """Every initiative of the organisations the user is an active member of, in every stage."""
    own = select(Membership.organisation_id).where(
        Membership.user_id == current_user.id, Membership.status == MembershipStatus.ACTIVE
    )
    found = db.session.scalars(
        select(Project)
        .where(Project.organisation_id.in_(own))
        .order_by(Project.updated_at.desc(), Project.id)
    ).all()
    return render_template(
        "projects/mine.html",
        projects=found,
        can_create=bool(partner_organisations(current_user)),
        stage_names=workflow.STAGE_NAMES,
    )


@bp.route("/projects/new", methods=["GET", "POST"])
@login_required
def new():
    organisations = partner_organisations(current_user)
    if not organisations:
        abort(403)
    form = ProjectForm(
        organisations=organisations, organisation=organisations[0].id, language=str(get_locale())
    )
    del form.version
    status, warning = 200, None
    if request.method == "POST":
        status = 422
        valid = form.validate_on_submit()
        warning = safeguarding_warning(form) if valid else None
        if valid and not warning:
            organisation = next(org for org in organisations if org.id == form.organisation.data)
            try:
                project = projects.create_project(organisation, current_user, project_data(form))
            except NotPermitted:
                abort(403)
            except ProjectInvalid as invalid:
                transaction.discard()
                attach_errors(form, invalid.errors)
            else:
                flash(_("The initiative was created as a draft."), "success")
                return redirect(url_for("projects.show", id=project.id))
    return render_template(
        "projects/form.html", form=form, project=None, organisations=organisations, warning=warning
    ), status


@bp.get("/projects/<int:id>")
@cached_page
def show(id: int):
    return project_page(viewable_project_or_404(id, *PAGE_OPTIONS))


@bp.route("/projects/<int:id>/edit", methods=["GET", "POST"])
@login_required
def edit(id: int):
    project = viewable_project_or_404(id)
    if not permissions.can_edit_project(current_user, project):
        abort(403)
    form = ProjectForm(data=None if request.method == "POST" else initial_data(project))
    del form.organisation
    status, conflict, warning = 200, None, None
    if request.method == "POST":
        status = 422
        valid = form.validate_on_submit()
        warning = safeguarding_warning(form) if valid else None
        if valid and not warning:
            expected = parse_version(form.version.data)
            try:
                projects.update_project(project, current_user, project_data(form), expected)
            except NotPermitted:
                abort(403)
            except ChangedMeanwhile as changed:
                transaction.discard()
                status, conflict = 409, changed.message
            except ProjectInvalid as invalid:
                transaction.discard()
                attach_errors(form, invalid.errors)
            else:
                flash(_("Your changes were saved."), "success")
                return redirect(url_for("projects.show", id=project.id))
    return render_template(
        "projects/form.html", form=form, project=project, conflict=conflict, warning=warning
    ), status


def safeguarding_warning(form: ProjectForm) -> str | None:
    """The safeguarding screen's advice when the project's text may identify a child and the author has
    not yet confirmed it, else None. Project text is not held: its author is warned before saving."""
    text = "\n".join([form.title.data or "", form.summary.data or "", form.description.data or ""])
    findings = safeguarding.screen(text)
    if not findings or form.safeguarding_checked.data:
        return None
    return safeguarding.advice(findings)


@bp.post("/projects/<int:id>/transition")
@login_required
def transition(id: int):
    project = viewable_project_or_404(id)
    form = TransitionForm()
    if not form.validate_on_submit():
        abort(400)
    note = form.note.data or ""
    try:
        workflow.transition(project, form.to.data, current_user, note, expected_version=form.version.data)
    except NotPermitted:
        abort(403)
    except GateBlocked as blocked:
        transaction.discard()
        return project_page(project, 409, refusal=blocked.message, unmet=blocked.rules, posted=form)
    except ChangedMeanwhile as changed:
        transaction.discard()
        return project_page(project, 409, refusal=changed.message)
    except InvalidTransition as invalid:
        transaction.discard()
        return project_page(project, 400, refusal=invalid.message)
    flash(
        _("The initiative is now at the stage '%(stage)s'.", stage=workflow.STAGE_NAMES[project.stage]),
        "success",
    )
    return redirect(url_for("projects.show", id=project.id))


def parse_version(raw) -> int:
    try:
        return int(raw)
    except (TypeError, ValueError):
        abort(400)


def project_data(form: ProjectForm) -> ProjectData:
    return ProjectData(
        title=form.title.data or "",
        summary=form.summary.data or "",
        description=form.description.data or "",
        country=form.country.data or "",
        themes=list(form.themes.data or []),
        language=form.language.data or "",
        target_groups=list(form.target_groups.data or []),
        girls_focused=bool(form.girls_focused.data),
        children={key: form[key].data or 0 for key in CHILDREN_KEYS},
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        budget_amount=form.budget_amount.data,
        budget_currency=form.budget_currency.data or None,
    )


def initial_data(project: Project) -> dict:
    """The edit form's starting values: what is stored, the Markdown source included."""
    return {
        "title": project.title,
        "summary": project.summary,
        "description": project.description,
        "country": project.country_code,
        "themes": project.theme_keys,
        "language": project.language,
        "target_groups": list(project.target_groups or []),
        "girls_focused": project.girls_focused,
        **{key: getattr(project, key) for key in CHILDREN_KEYS},
        "start_date": project.start_date,
        "end_date": project.end_date,
        "budget_amount": project.budget_amount,
        "budget_currency": project.budget_currency or "",
        "version": project.version,
    }
