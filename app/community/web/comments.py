"""Comment pages: posting a comment or a reply, editing, deleting and reporting one.

Every change is a POST with a CSRF token that comes back to the discussion (the project page, or
the update's page for a comment on an update) at the comment's anchor. A refused form is shown on
its own page with the person's text kept (templates/community/comment_form.html).
"""

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.community import comments
from app.community.comment_threads import LAST_PAGE, build_thread, page_of
from app.community.comments import AlreadyFlagged, CommentInvalid, CommentsClosed
from app.community.emails import tell_author_of_pending
from app.community.models import Comment, CommentStatus
from app.community.web.blueprint import bp
from app.community.web.comment_forms import CommentForm, DeleteCommentForm, EditCommentForm, FlagForm
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.core.forms import attach_errors
from app.core.ids import is_valid_id
from app.core.limits import comment_limit
from app.core.pagination import MAX_PAGE
from app.projects.web.fetch import viewable_project_or_404


def thread_context(project, user, update=None, page: int | None = None) -> dict:
    """What templates/community/_thread.html needs for the discussion of a project or of one of its
    updates: `{"thread": Thread, "comment_form": CommentForm, "reply_to": id or None}`, in a fixed
    number of queries. `page` (by default the request's `comments_page`) picks one page of a long
    discussion; the request's `reply_to` names the one comment whose reply form is shown (each other
    comment has a "Reply" link to that address, so a page carries one reply form, not one a comment)."""
    if page is None:
        asked = request.args.get("comments_page", type=int)
        page = LAST_PAGE if not asked or asked < 1 else min(asked, MAX_PAGE)
    reply_to = request.args.get("reply_to", type=int)
    # A form to show, not to check (posting checks its own): no token of its own, which would put one in
    # a signed-out reader's session for nothing (the template writes the page's token).
    form = CommentForm(formdata=None, meta={"csrf": False})
    return {"thread": build_thread(project, user, update, page=page), "comment_form": form,
            "reply_to": reply_to if reply_to and is_valid_id(reply_to) else None}


def thread_url(comment: Comment) -> str:
    """The page of the comment's discussion, at the comment."""
    anchor = f"comment-{comment.id}"
    page = page_of(comment)
    extra = {"comments_page": page} if page else {}
    if comment.update_id is not None and "community.show_update" in current_app.view_functions:
        return url_for("community.show_update", id=comment.project_id, update_id=comment.update_id, _anchor=anchor,
                       **extra)
    return url_for("projects.show", id=comment.project_id, _anchor=anchor, **extra)


@bp.post("/projects/<int:id>/comments")
@login_required
@comment_limit
def post_comment(id: int):
    project = viewable_project_or_404(id)
    form = CommentForm()
    if not permissions.can_comment(current_user, project):
        return _refused_post(project, form)
    if not form.validate_on_submit():
        return _form_page(project, form, "post", status=422)
    parent_id, update_id = form.ids()
    try:
        update = comments.find_update(project, update_id)
        parent = comments.find_parent(project, parent_id)
        posted = comments.post_comment(project, current_user, form.body.data, parent=parent, update=update)
    except (NotPermitted, CommentsClosed) as refusal:
        transaction.discard()
        return _form_page(project, form, "post", status=403, refusal=refusal.message)
    except ChangedMeanwhile as refusal:
        transaction.discard()
        return _form_page(project, form, "post", status=409, refusal=refusal.message)
    except CommentInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return _form_page(project, form, "post", status=422)
    if posted.advice:
        flash(_("Your comment is held for moderation: only you and the moderators can see it. %(advice)s "
                "You can edit it to remove these details.", advice=posted.advice), "warning")
    else:
        flash(_("Your comment is published."), "success")
    return redirect(thread_url(posted.comment))


@bp.route("/comments/<int:comment_id>/edit", methods=["GET", "POST"])
@login_required
@comment_limit
def edit_comment(comment_id: int):
    comment, project = _comment_or_404(comment_id)
    if not permissions.can_edit_comment(current_user, comment, project):
        abort(403)
    form = EditCommentForm(data=None if request.method == "POST" else {"body": comment.body})
    if request.method == "GET":
        return _form_page(project, form, "edit", comment=comment)
    if not form.validate_on_submit():
        return _form_page(project, form, "edit", comment=comment, status=422)
    try:
        advice = comments.edit_comment(comment, project, current_user, form.body.data)
    except NotPermitted:
        abort(403)
    except ChangedMeanwhile as refusal:
        transaction.discard()
        return _form_page(project, form, "edit", comment=comment, status=409, refusal=refusal.message)
    except CommentInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return _form_page(project, form, "edit", comment=comment, status=422)
    if advice:
        flash(_("Your comment is held for moderation: only you and the moderators can see it. %(advice)s",
                advice=advice), "warning")
    else:
        flash(_("Your changes were saved."), "success")
    return redirect(thread_url(comment))


@bp.get("/comments/<int:comment_id>/delete")
@login_required
def confirm_delete(comment_id: int):
    """The author's confirmation page for deleting a comment (the discussion links here)."""
    comment, project = _comment_or_404(comment_id)
    if not permissions.can_delete_comment(current_user, comment, project):
        abort(403)
    return _form_page(project, DeleteCommentForm(), "delete", comment=comment)


@bp.post("/comments/<int:comment_id>/delete")
@login_required
def delete_comment(comment_id: int):
    comment, project = _comment_or_404(comment_id)
    if not permissions.can_delete_comment(current_user, comment, project):
        abort(403)
    if not DeleteCommentForm().validate_on_submit():
        abort(400)
    try:
        comments.delete_comment(comment, project, current_user)
    except NotPermitted:
        abort(403)
    except ChangedMeanwhile as refusal:
        transaction.discard()
        flash(refusal.message, "warning")
        return redirect(thread_url(comment))
    flash(_("Your comment is deleted. Its replies stay in place."), "success")
    return redirect(thread_url(comment))


@bp.get("/comments/<int:comment_id>/flag")
@login_required
def report_form(comment_id: int):
    """The page to report a comment, asking why (the discussion links here)."""
    comment, project = _comment_or_404(comment_id)
    if comments.has_flagged(current_user, comment):
        flash(_("You have already reported this comment. Thank you: a moderator will look at it."), "warning")
        return redirect(thread_url(comment))
    if not permissions.can_flag_comment(current_user, comment, project):
        abort(403)
    return _form_page(project, FlagForm(), "flag", comment=comment)


@bp.post("/comments/<int:comment_id>/flag")
@login_required
@comment_limit
def flag_comment(comment_id: int):
    comment, project = _comment_or_404(comment_id)
    if comments.has_flagged(current_user, comment):
        flash(_("You have already reported this comment. Thank you: a moderator will look at it."), "warning")
        return redirect(thread_url(comment))
    if not permissions.can_flag_comment(current_user, comment, project):
        abort(403)
    form = FlagForm()
    if not form.validate_on_submit():
        return _form_page(project, form, "flag", comment=comment, status=422)
    try:
        now_pending = comments.flag_comment(comment, project, current_user, form.reason.data)
    except NotPermitted:
        abort(403)
    except (AlreadyFlagged, ChangedMeanwhile) as refusal:
        transaction.discard()
        flash(refusal.message, "warning")
        return redirect(thread_url(comment))
    except CommentInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return _form_page(project, form, "flag", comment=comment, status=422)
    if now_pending:
        transaction.after_commit(tell_author_of_pending, comment)
    flash(_("Thank you for your report: a moderator will look at this comment."), "success")
    return redirect(thread_url(comment))


def _comment_or_404(comment_id: int):
    """The comment and its project, if the current user may view the project; 404 otherwise."""
    comment = comments.readable_comment(comment_id, current_user)
    if comment is None:
        abort(404)
    return comment, comment.project


def _refused_post(project, form: CommentForm):
    """A comment the person may not post: why, with their text kept (403)."""
    try:
        comments.check_can_comment(current_user, project)
        message = _("You cannot comment on this initiative.")
    except (NotPermitted, CommentsClosed) as refusal:
        message = refusal.message
    return _form_page(project, form, "post", status=403, refusal=message)


def _form_page(project, form, mode: str, *, comment: Comment | None = None, status: int = 200, refusal=None):
    """The comment form on its own page: `mode` is post, edit, flag or delete."""
    parent = None
    if mode == "post" and isinstance(form, CommentForm) and not form.parent_id.errors:
        parent_id = form.parent_id.data
        if parent_id and str(parent_id).isdigit() and is_valid_id(int(parent_id)):
            found = db.session.get(Comment, int(parent_id))
            if found is not None and found.project_id == project.id and found.status == CommentStatus.PUBLISHED:
                parent = found
    return render_template(
        "community/comment_form.html",
        project=project,
        form=form,
        mode=mode,
        comment=comment,
        parent=parent,
        refusal=refusal,
        back_url=thread_url(comment) if mode == "delete" else None,
    ), status
