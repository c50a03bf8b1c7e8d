"""Attachments of a project: uploading (partners) and downloading (whoever may view the project)."""

from flask import abort, flash, redirect, send_file, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.core import jobs, transaction
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.projects import uploads
from app.projects.models import PUBLIC_STAGES, Attachment
from app.projects.web.blueprint import bp
from app.projects.web.fetch import viewable_project_or_404
from app.projects.web.forms import UploadForm
from app.projects.web.pages import project_page


@bp.post("/projects/<int:id>/attachments")
@login_required
def upload(id: int):
    project = viewable_project_or_404(id)
    if not permissions.can_edit_project(current_user, project):
        abort(403)
    form = UploadForm()
    if not form.validate_on_submit():
        return project_page(project, 422, upload_form=form)
    upload = form.file.data
    try:
        attachment = uploads.store_attachment(project, current_user, upload.stream, upload.filename,
                                              form.consent.data, reencode_later=True)
    except NotPermitted:
        abort(403)
    except uploads.UploadRefused as refused:
        transaction.discard()
        form.file.errors = [refused.message]
        return project_page(project, 422, upload_form=form)
    if uploads.waits_for_reencoding(attachment):
        jobs.enqueue(uploads.reencode_attachment, attachment.id)  # after the commit, by a worker
    flash(_("The file was added."), "success")
    return redirect(url_for("projects.show", id=project.id))


@bp.get("/projects/<int:id>/attachments/<int:attachment_id>")
def download(id: int, attachment_id: int):
    """Always a download, under the cleaned original name (`nosniff` is set on every response)."""
    project = viewable_project_or_404(id)
    attachment = db.session.get(Attachment, attachment_id)
    if attachment is None or attachment.project_id != project.id:
        abort(404)
    try:
        stream = uploads.open_attachment(attachment)
    except FileNotFoundError:
        abort(404)
    response = send_file(
        stream, as_attachment=True, download_name=attachment.original_name, mimetype=attachment.content_type,
        last_modified=attachment.created_at,
    )
    response.content_length = attachment.size
    if project.stage not in PUBLIC_STAGES:
        response.headers["Cache-Control"] = "private, no-store"
    return response
