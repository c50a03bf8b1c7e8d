"""Milestones of a project: the partners' page to add, edit, mark done and delete them."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import permissions
from app.community import updates
from app.community.models import Milestone
from app.community.updates import PostInvalid
from app.community.web.blueprint import bp
from app.community.web.engagement_forms import ButtonForm, MilestoneForm
from app.core import transaction
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.core.forms import attach_errors
from app.core.limits import engagement_limit
from app.projects.web.fetch import viewable_project_or_404


@bp.get("/projects/<int:id>/milestones")
@login_required
def milestones(id: int):
    project = _manageable_project_or_abort(id)
    return _page(project, MilestoneForm(formdata=None))


@bp.post("/projects/<int:id>/milestones")
@login_required
@engagement_limit
def add_milestone(id: int):
    project = _manageable_project_or_abort(id)
    form = MilestoneForm()
    if not form.validate_on_submit():
        return _page(project, form, 422)
    try:
        updates.add_milestone(project, current_user, form.title.data, form.planned_date.data, form.done_date.data)
    except NotPermitted:
        abort(403)
    except PostInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return _page(project, form, 422)
    flash(_("The milestone was added."), "success")
    return redirect(url_for("community.milestones", id=project.id))


@bp.route("/projects/<int:id>/milestones/<int:milestone_id>/edit", methods=["GET", "POST"])
@login_required
def edit_milestone(id: int, milestone_id: int):
    project = _manageable_project_or_abort(id)
    milestone = _milestone_or_404(project, milestone_id)
    initial = {"title": milestone.title, "planned_date": milestone.planned_date, "done_date": milestone.done_date}
    form = MilestoneForm(data=None if request.method == "POST" else initial)
    status = 200
    if request.method == "POST":
        status = 422
        if form.validate_on_submit():
            try:
                updates.edit_milestone(
                    milestone, project, current_user, form.title.data, form.planned_date.data, form.done_date.data
                )
            except NotPermitted:
                abort(403)
            except PostInvalid as invalid:
                transaction.discard()
                attach_errors(form, invalid.errors)
            else:
                flash(_("Your changes were saved."), "success")
                return redirect(url_for("community.milestones", id=project.id))
    return render_template("community/milestone_form.html", project=project, milestone=milestone, form=form), status


@bp.post("/projects/<int:id>/milestones/<int:milestone_id>/done")
@login_required
def complete_milestone(id: int, milestone_id: int):
    return _act(id, milestone_id, updates.complete_milestone, _("The milestone is marked done."))


@bp.post("/projects/<int:id>/milestones/<int:milestone_id>/delete")
@login_required
def delete_milestone(id: int, milestone_id: int):
    return _act(id, milestone_id, updates.delete_milestone, _("The milestone was deleted."))


def _act(project_id: int, milestone_id: int, action, message: str):
    project = _manageable_project_or_abort(project_id)
    milestone = _milestone_or_404(project, milestone_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        action(milestone, project, current_user)
    except NotPermitted:
        abort(403)
    flash(message, "success")
    return redirect(url_for("community.milestones", id=project.id))


def _page(project, form: MilestoneForm, status: int = 200):
    found = updates.milestones_of(project)
    return render_template(
        "community/milestones.html",
        project=project,
        milestones=found,
        milestone_progress=updates.progress(found),
        form=form,
    ), status


def _manageable_project_or_abort(project_id: int):
    project = viewable_project_or_404(project_id)
    if not permissions.can_manage_milestones(current_user, project):
        abort(403)
    return project


def _milestone_or_404(project, milestone_id: int) -> Milestone:
    milestone = db.session.scalar(
        select(Milestone).where(Milestone.id == milestone_id, Milestone.project_id == project.id)
    )
    if milestone is None:
        abort(404)
    return milestone
