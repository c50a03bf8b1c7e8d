"""The moderation of comments: the queue of reviewers and admins, and their decisions.

The queue lists, on the projects the moderator may review, the comments held by the safeguarding
screen, hidden after reports, or reported; a second list holds the comments hidden by a moderator,
to restore one. Each decision (app.community.moderation) closes the comment's reports and tells its
author, in the app and by e-mail in their language (app.community.notifications.flag_decided; when
that is not available, an e-mail from here).
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app import permissions
from app.community import comments, emails, moderation
from app.community.comments import CommentInvalid
from app.community.models import Comment, CommentStatus
from app.community.moderation import HIDDEN, WAITING, ModerationRefused
from app.community.web.blueprint import bp
from app.community.web.comment_forms import ModerateCommentForm
from app.community.web.comments import thread_url
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.core.forms import attach_errors
from app.core.pagination import page_arg
from app.projects.web.fetch import viewable_project_or_404

PER_PAGE = 20
DONE = {
    moderation.HIDE: _l("The comment is hidden; the reason is shown in its place. Its author is told."),
    moderation.RESTORE: _l("The comment is visible again. Its author is told."),
    moderation.DISMISS: _l("The reports are dismissed: the comment stays published. Its author is told."),
    moderation.PUBLISH: _l("The comment is published. Its author is told."),
}


@bp.get("/moderation")
@login_required
def moderation_queue():
    if not permissions.can_use_moderation_queue(current_user):
        abort(403)
    show = request.args.get("show", WAITING)
    if show not in (WAITING, HIDDEN):
        show = WAITING
    page = db.paginate(
        moderation.queue_query(permissions.reviewable_projects(current_user), show),
        page=page_arg(),
        per_page=PER_PAGE,
        error_out=False,
    )
    return render_template(
        "community/moderation.html",
        page=page,
        show=show,
        flags=moderation.open_flags(page.items),
        actions={c.id: moderation.actions_for(c) for c in page.items},
        advice={c.id: _advice(c) for c in page.items},
    )


@bp.get("/moderation/comments/<int:comment_id>")
@login_required
def moderation_form(comment_id: int):
    """One comment with its moderation form: the discussion links here, and the decision returns there
    (to the queue with `back=queue`)."""
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        abort(404)
    project = viewable_project_or_404(comment.project_id)
    if not permissions.can_moderate_comments(current_user, project):
        abort(403)
    back = "queue" if request.args.get("back") == "queue" else "project"
    form = ModerateCommentForm(formdata=None, data={"back": back})
    return _comment_page(comment, project, form, status=200)


@bp.post("/moderation/comments/<int:comment_id>")
@login_required
def moderate_comment(comment_id: int):
    comment = db.session.get(Comment, comment_id)
    if comment is None:
        abort(404)
    project = viewable_project_or_404(comment.project_id)
    if not permissions.can_moderate_comments(current_user, project):
        abort(403)
    form = ModerateCommentForm()
    if not form.validate_on_submit():
        return _comment_page(comment, project, form)
    action = form.action.data
    try:
        told = moderation.moderate(comment, project, current_user, action, form.reason.data)
    except NotPermitted:
        abort(403)
    except (ModerationRefused, ChangedMeanwhile) as refusal:
        transaction.discard()
        flash(refusal.message, "warning")
        return _back(comment, form)
    except CommentInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return _comment_page(comment, project, form)
    if not told:
        transaction.after_commit(emails.email_decision, comment, action)
    flash(str(DONE[action]), "success")
    return _back(comment, form)


def _back(comment: Comment, form: ModerateCommentForm):
    if form.back.data == "project":
        return redirect(thread_url(comment))
    return redirect(url_for("community.moderation_queue"))


def _comment_page(comment: Comment, project, form: ModerateCommentForm, status: int = 422):
    """One comment with the moderation form, and its errors when sent (the reason typed is kept): 422."""
    return render_template(
        "community/moderation_comment.html",
        comment=comment,
        project=project,
        flags=moderation.open_flags([comment]).get(comment.id, []),
        actions=moderation.actions_for(comment),
        advice=_advice(comment),
        form=form,
        back=form.back.data if form.back.data in ("queue", "project") else "queue",
        back_url=thread_url(comment) if form.back.data == "project" else url_for("community.moderation_queue"),
    ), status


def _advice(comment: Comment) -> str:
    """Why the safeguarding screen holds a comment ("" for the others)."""
    return comments.screen(comment.body) if comment.status == CommentStatus.HELD else ""
