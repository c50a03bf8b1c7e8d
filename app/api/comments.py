"""API: the comments of a project, and reports on a comment.

GET  /projects/{id}/comments           the discussion as a flat list in reading order (each comment
                                       followed by its replies), each with its `parent_id` and `depth`;
                                       `?update_id=N` for the discussion of one of its updates.
                                       Comments nobody may read are placeholders: `body`, `body_html`
                                       and `author` null, `status` and `placeholder` saying why.
POST /projects/{id}/comments           `{body, parent_id, update_id}` (the last two optional).
POST /comments/{id}/flags              `{reason}`: report a comment to the moderators.

| refusal                                                   | status | code              |
|-----------------------------------------------------------|--------|-------------------|
| no token (POST)                                           | 401    | `unauthorized`    |
| a project (or comment) the caller may not view            | 404    | `not_found`       |
| an unconfirmed e-mail address; one's own comment (flags)  | 403    | `forbidden`       |
| a project outside the public stages (draft, rejected,     | 409    | `comments_closed` |
| withdrawn) that the caller may view                       |        |                   |
| a second report on the same comment                       | 409    | `already_flagged` |
| a bad field: empty or too long, a reply too deep...       | 422    | `invalid`         |
| too many posts (RATELIMIT_POST, shared with the web)      | 429    | `rate_limited`    |

A comment the safeguarding screen holds is still created (201): its `status` is `held` and
`message` says why and how to rewrite it.
"""

from flask import g, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.payload import Reader, json_object
from app.api.projects import iso, project_or_404
from app.api.refusals import field_details, not_found
from app.community import comments
from app.community.comment_threads import build_thread
from app.community.comments import AlreadyFlagged, CommentInvalid, CommentsClosed
from app.community.emails import tell_author_of_pending
from app.community.models import Comment, CommentStatus, PostStatus, ProjectUpdate
from app.core import transaction
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.core.json_errors import error_response
from app.core.limits import comment_limit

PLACEHOLDERS = {
    CommentStatus.DELETED: _l("This comment was deleted."),
    CommentStatus.HIDDEN: _l("A moderator hid this comment."),
    CommentStatus.PENDING: _l("This comment was reported by several readers and is hidden until a moderator decides."),
    CommentStatus.HELD: _l("This comment is waiting for a moderator."),
}


@bp.errorhandler(CommentInvalid)
def handle_comment_invalid(error: CommentInvalid):
    return error_response(422, "invalid", str(error.message), field_details(error.errors))


@bp.errorhandler(CommentsClosed)
def handle_comments_closed(error: CommentsClosed):
    return error_response(409, "comments_closed", str(error.message))


@bp.errorhandler(AlreadyFlagged)
def handle_already_flagged(error: AlreadyFlagged):
    return error_response(409, "already_flagged", str(error.message))


def comment_json(comment: Comment, readable: bool) -> dict:
    """A comment as the caller may see it: a placeholder (no text, no author) when not `readable`."""
    item = {
        "id": comment.id,
        "project_id": comment.project_id,
        "update_id": comment.update_id,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "status": comment.status.value,
        "body": comment.body if readable else None,
        "body_html": comment.body_html if readable else None,
        "author": {"name": comment.author.name} if readable and comment.author else None,
        "created_at": iso(comment.created_at),
        "edited_at": iso(comment.edited_at) if comment.status != CommentStatus.DELETED else None,
        "placeholder": None if comment.status == CommentStatus.PUBLISHED else str(PLACEHOLDERS[comment.status]),
    }
    if comment.status == CommentStatus.HIDDEN:
        item["moderation_reason"] = comment.moderation_reason
    return item


@bp.get("/projects/<int:project_id>/comments")
def list_comments(project_id: int):
    """The discussion of the project (or of its update `update_id`) as a flat list in reading order:
    each comment followed by its replies, oldest first at each level."""
    project = project_or_404(project_id)
    update = None
    if request.args.get("update_id"):
        update_id = request.args.get("update_id", type=int)
        update = db.session.get(ProjectUpdate, update_id) if is_valid_id(update_id) else None
        if update is None or update.project_id != project.id or update.status != PostStatus.PUBLISHED:
            raise not_found()
    thread = build_thread(project, g.api_user, update)
    items = [comment_json(node.comment, node.readable) for node in thread.flat]
    return {"items": items, "total": len(items)}


@bp.post("/projects/<int:project_id>/comments")
@token_required
@comment_limit
def create_comment(project_id: int):
    """Post a comment or a reply; 201 with the comment (`status` held, and a `message`, when the
    safeguarding screen holds it)."""
    project = project_or_404(project_id)
    comments.check_can_comment(g.api_user, project)
    reader = Reader(json_object(), allowed=("body", "parent_id", "update_id"))
    body = reader.text("body", required=True)
    parent_id = reader.integer("parent_id")
    update_id = reader.integer("update_id")
    reader.done()
    update = comments.find_update(project, update_id)
    parent = comments.find_parent(project, parent_id)
    posted = comments.post_comment(project, g.api_user, body, parent=parent, update=update)
    answer = comment_json(posted.comment, readable=True)
    answer["message"] = (
        _("Your comment is held for moderation: only you and the moderators can see it. %(advice)s",
          advice=posted.advice)
        if posted.advice
        else _("Your comment is published.")
    )
    location = f"/api/v1/projects/{project.id}/comments"
    return answer, 201, {"Location": location}


@bp.post("/comments/<int:comment_id>/flags")
@token_required
@comment_limit
def flag_comment(comment_id: int):
    """Report a comment with a `reason`; 201. A report that hides the comment tells its author."""
    comment = comments.readable_comment(comment_id, g.api_user)
    if comment is None:
        raise not_found()
    project = comment.project
    reader = Reader(json_object(), allowed=("reason",))
    reason = reader.text("reason", required=True)
    reader.done()
    if comments.has_flagged(g.api_user, comment):
        raise AlreadyFlagged(_("You have already reported this comment. Thank you: a moderator will look at it."))
    now_pending = comments.flag_comment(comment, project, g.api_user, reason)
    if now_pending:
        transaction.after_commit(tell_author_of_pending, comment)
    return {
        "comment_id": comment.id,
        "reason": reason.strip(),
        "comment_status": comment.status.value,
        "message": _("Thank you for your report: a moderator will look at this comment."),
    }, 201
