"""The cover image of an initiative: choosing or uploading it, removing it (partners who may edit the
initiative), and serving its files (whoever may view the initiative)."""

import re

from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.core import transaction
from app.core.errors import NotPermitted
from app.projects import covers, uploads
from app.projects.models import PUBLIC_STAGES, Attachment, Project
from app.projects.web.blueprint import bp
from app.projects.web.fetch import viewable_project_or_404
from app.projects.web.forms import ConfirmForm, CoverForm

STEM = re.compile(r"[0-9a-f]{12}")
YEAR = 365 * 24 * 3600


@bp.app_template_global("cover_widths")
def cover_widths(cover, kind: str = "page") -> list[int]:
    """The widths a page offers of a cover: "card" (the smaller ones) or "page" (all)."""
    return covers.card_widths(cover) if kind == "card" else covers.widths(cover)


def image_attachments(project: Project) -> list[Attachment]:
    """The project's files that may become its cover: its PNG and JPEG images."""
    return [a for a in project.attachments if a.content_type in uploads.PILLOW_FORMATS]


def editable_project_or_abort(id: int) -> Project:
    project = viewable_project_or_404(id)
    if not permissions.can_edit_project(current_user, project):
        abort(403)
    return project


def cover_page(project: Project, form: CoverForm, status: int = 200):
    return render_template("projects/cover.html", project=project, form=form), status


@bp.get("/projects/<int:id>/cover")
@login_required
def cover(id: int):
    """The cover now, and the form that chooses another: one of the images, or a new one."""
    project = editable_project_or_abort(id)
    form = CoverForm(formdata=None, images=image_attachments(project))
    if project.cover is not None:
        form.image.data = str(project.cover.attachment_id or "")
        form.alt.data = project.cover.alt
    return cover_page(project, form)


@bp.post("/projects/<int:id>/cover")
@login_required
def set_cover(id: int):
    project = editable_project_or_abort(id)
    form = CoverForm(images=image_attachments(project))
    if not form.validate_on_submit():
        return cover_page(project, form, 422)
    chosen = next((a for a in image_attachments(project) if str(a.id) == form.image.data), None)
    upload = form.file.data if not chosen and form.file.data and form.file.data.filename else None
    try:
        covers.set_cover(
            project, current_user, form.alt.data, attachment=chosen,
            stream=upload.stream if upload else None, filename=upload.filename if upload else None,
            consent=form.consent.data,
        )
    except NotPermitted:
        abort(403)
    except (covers.CoverRefused, uploads.UploadRefused) as refused:
        transaction.discard()
        if isinstance(refused, covers.CoverTextRefused):
            target = form.alt
        else:
            target = form.image if chosen else form.file
        target.errors = [*target.errors, refused.message]
        return cover_page(project, form, 422)
    flash(_("The cover image was changed."), "success")
    return redirect(url_for("projects.show", id=project.id))


@bp.post("/projects/<int:id>/cover/remove")
@login_required
def remove_cover(id: int):
    project = editable_project_or_abort(id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    covers.remove_cover(project, current_user)
    flash(_("The cover image was removed; the image stays among the files."), "success")
    return redirect(url_for("projects.cover", id=project.id))


@bp.get("/projects/<int:id>/cover/<stem>-<int:width>.jpg")
def cover_image(id: int, stem: str, width: int):
    """One width of the cover (a JPEG the app made). Its address changes with each new cover, so a
    public initiative's may be kept a year."""
    project = viewable_project_or_404(id)
    cover = project.cover
    if cover is None or not STEM.fullmatch(stem) or stem != cover.stem or width not in covers.widths(cover):
        abort(404)
    try:
        data = covers.cover_file(cover, width)
    except FileNotFoundError:
        abort(404)
    response = Response(data, mimetype="image/jpeg")
    response.add_etag()
    response.make_conditional(request)
    if project.stage in PUBLIC_STAGES:
        response.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    else:
        response.headers["Cache-Control"] = "private, no-store"
    return response
