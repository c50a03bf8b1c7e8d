"""Updates of a project: the list, one update's page, posting, editing, and the moderators'
decisions on updates held by the safeguarding screen."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from app import permissions
from app.community import updates
from app.community.models import ProjectUpdate
from app.community.updates import PostInvalid
from app.community.web.blueprint import bp
from app.community.web.comments import thread_context
from app.community.web.engagement_forms import ModerateUpdateForm, UpdateForm
from app.core import transaction
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.core.forms import attach_errors
from app.core.limits import engagement_limit
from app.core.pagination import page_arg
from app.gate.workflow import STAGE_NAMES
from app.projects.web.fetch import viewable_project_or_404

PER_PAGE = 10


@bp.get("/projects/<int:id>/updates")
def project_updates(id: int):
    project = viewable_project_or_404(id)
    insider = permissions.can_post_update(current_user, project) or permissions.can_moderate_update(
        current_user, project
    )
    page = db.paginate(
        updates.updates_query(project, include_unpublished=insider),
        page=page_arg(),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "community/updates.html",
        project=project,
        page=page,
        can_post_update=permissions.can_post_update(current_user, project),
    )


@bp.route("/projects/<int:id>/updates/new", methods=["GET", "POST"])
@login_required
@engagement_limit
def new_update(id: int):
    project = viewable_project_or_404(id)
    if not permissions.can_post_update(current_user, project):
        abort(403)
    form = UpdateForm()
    if not form.validate_on_submit():
        return render_template("community/update_form.html", form=form, project=project, post=None), (
            422 if request.method == "POST" else 200
        )
    try:
        post, advice = updates.post_update(project, current_user, form.title.data, form.body.data)
    except NotPermitted:
        abort(403)
    except PostInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return render_template("community/update_form.html", form=form, project=project, post=None), 422
    if advice:
        flash(_("Your update is held for moderation before it is published. %(advice)s", advice=advice), "warning")
    else:
        flash(_("Your update is published; the initiative's followers are told."), "success")
    return redirect(url_for("community.show_update", id=project.id, update_id=post.id))


@bp.get("/projects/<int:id>/updates/<int:update_id>")
def show_update(id: int, update_id: int):
    project, post = _update_or_404(id, update_id)

    discussion = thread_context(project, current_user, update=post) if post.status.value == "published" else {}
    return render_template(
        "community/update.html",
        project=project,
        post=post,
        **discussion,
        stage_names=STAGE_NAMES,
        can_edit=permissions.can_post_update(current_user, project),
        can_moderate=permissions.can_moderate_update(current_user, project),
        moderate_form=ModerateUpdateForm(formdata=None),
    )


@bp.route("/projects/<int:id>/updates/<int:update_id>/edit", methods=["GET", "POST"])
@login_required
def edit_update(id: int, update_id: int):
    project, post = _update_or_404(id, update_id)
    if not permissions.can_post_update(current_user, project):
        abort(403)
    form = UpdateForm(data=None if request.method == "POST" else {"title": post.title, "body": post.body})
    if not form.validate_on_submit():
        return render_template("community/update_form.html", form=form, project=project, post=post), (
            422 if request.method == "POST" else 200
        )
    try:
        advice = updates.edit_update(post, project, current_user, form.title.data, form.body.data)
    except NotPermitted:
        abort(403)
    except PostInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return render_template("community/update_form.html", form=form, project=project, post=post), 422
    if advice:
        flash(_("Your update is held for moderation before it is published. %(advice)s", advice=advice), "warning")
    else:
        flash(_("Your changes were saved."), "success")
    return redirect(url_for("community.show_update", id=project.id, update_id=post.id))


@bp.post("/projects/<int:id>/updates/<int:update_id>/moderate")
@login_required
def moderate_update(id: int, update_id: int):
    project, post = _update_or_404(id, update_id)
    if not permissions.can_moderate_update(current_user, project):
        abort(403)
    form = ModerateUpdateForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        updates.moderate_update(post, project, current_user, form.action.data)
    except NotPermitted:
        abort(403)
    if form.action.data == "publish":
        flash(_("The update is published."), "success")
    else:
        flash(_("The update is hidden."), "success")
    if request.form.get("back") == "held":
        return redirect(url_for("community.held_updates"))
    return redirect(url_for("community.show_update", id=project.id, update_id=post.id))


@bp.get("/updates/held")
@login_required
def held_updates():
    """Updates held by the safeguarding screen, on the projects the moderator may review."""
    if not permissions.can_see_held_updates(current_user):
        abort(403)
    held = db.session.execute(updates.held_updates_query(permissions.reviewable_projects(current_user))).all()
    return render_template("community/updates_held.html", held=held, form=ModerateUpdateForm(formdata=None))


def _update_or_404(project_id: int, update_id: int):
    project = viewable_project_or_404(project_id)
    post = db.session.scalar(
        select(ProjectUpdate).where(ProjectUpdate.id == update_id, ProjectUpdate.project_id == project.id)
    )
    if post is None or not permissions.can_view_update(current_user, post, project):
        abort(404)
    return project, post
