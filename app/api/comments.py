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
from app.api.body import read_body, read_query
from app.api.projects import project_or_404
from app.api.refusals import field_details, not_found
from app.api.schemas.community import (
    Comment,
    CommentCreated,
    CommentList,
    CommentQuery,
    CommentRequest,
    FlagRequest,
    FlagResult,
)
from app.api.spec import TOKEN, operation
from app.community import comments
from app.community.comment_threads import build_thread
from app.community.comments import AlreadyFlagged, CommentInvalid, CommentsClosed
from app.community.emails import tell_author_of_pending
from app.community.models import Comment as CommentRow
from app.community.models import CommentStatus, PostStatus, ProjectUpdate
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


def comment_fields(comment: CommentRow, readable: bool) -> dict:
    """A comment as the caller may see it: a placeholder (no text, no author) when not `readable`."""
    fields = {
        "id": comment.id,
        "project_id": comment.project_id,
        "update_id": comment.update_id,
        "parent_id": comment.parent_id,
        "depth": comment.depth,
        "status": comment.status.value,
        "body": comment.body if readable else None,
        "body_html": comment.body_html if readable else None,
        "author": {"name": comment.author.name} if readable and comment.author else None,
        "created_at": comment.created_at,
        "edited_at": comment.edited_at if comment.status != CommentStatus.DELETED else None,
        "placeholder": None if comment.status == CommentStatus.PUBLISHED else str(PLACEHOLDERS[comment.status]),
    }
    if comment.status == CommentStatus.HIDDEN:
        fields["moderation_reason"] = comment.moderation_reason
    return fields


POSTING = {403: ["forbidden"], 404: ["not_found"], 429: ["rate_limited"]}


@bp.get("/projects/<int:project_id>/comments")
@operation("comments", ok={200: (CommentList, "The discussion, each comment followed by its replies.")},
           query=CommentQuery, errors={400: ["bad_request"], 404: ["not_found"]})
def list_comments(project_id: int):
    """The project's discussion

    The discussion of the project (or of its update `update_id`) as a flat list in reading order: each
    comment followed by its replies, oldest first at each level.
    """
    project = project_or_404(project_id)
    query, update = read_query(CommentQuery), None
    if request.args.get("update_id"):
        update = db.session.get(ProjectUpdate, query.update_id) if is_valid_id(query.update_id) else None
        if update is None or update.project_id != project.id or update.status != PostStatus.PUBLISHED:
            raise not_found()
    thread = build_thread(project, g.api_user, update)
    items = [Comment(**comment_fields(node.comment, node.readable)) for node in thread.flat]
    return CommentList(items=items, total=len(items))


@bp.post("/projects/<int:project_id>/comments")
@operation("comments", ok={201: (CommentCreated, "The comment, published or held for moderation.")},
           body=CommentRequest, errors={**POSTING, 409: ["comments_closed", "conflict"]}, access=TOKEN, location=True)
@token_required
@comment_limit
def create_comment(project_id: int):
    """Post a comment or a reply

    Comments are open on public projects (not draft, rejected, withdrawn: 409 `comments_closed`) to
    community members with a confirmed e-mail address (403 otherwise). 201 with the comment: `status`
    held, and a `message` saying why, when the safeguarding screen holds it.
    """
    project = project_or_404(project_id)
    comments.check_can_comment(g.api_user, project)
    sent = read_body(CommentRequest)
    update = comments.find_update(project, sent.update_id)
    parent = comments.find_parent(project, sent.parent_id)
    posted = comments.post_comment(project, g.api_user, sent.body, parent=parent, update=update)
    message = (
        _("Your comment is held for moderation: only you and the moderators can see it. %(advice)s",
          advice=posted.advice)
        if posted.advice
        else _("Your comment is published.")
    )
    answer = CommentCreated(**comment_fields(posted.comment, readable=True), message=message)
    return answer, 201, {"Location": f"/api/v1/projects/{project.id}/comments"}


@bp.post("/comments/<int:comment_id>/flags")
@operation("comments", ok={201: (FlagResult, "The report.")}, body=FlagRequest,
           errors={**POSTING, 409: ["already_flagged", "conflict"]}, access=TOKEN)
@token_required
@comment_limit
def flag_comment(comment_id: int):
    """Report a comment to the moderators

    One report per person and comment (409 `already_flagged`); not one's own (403). A report that hides
    the comment tells its author.
    """
    comment = comments.readable_comment(comment_id, g.api_user)
    if comment is None:
        raise not_found()
    project = comment.project
    sent = read_body(FlagRequest)
    if comments.has_flagged(g.api_user, comment):
        raise AlreadyFlagged(_("You have already reported this comment. Thank you: a moderator will look at it."))
    now_pending = comments.flag_comment(comment, project, g.api_user, sent.reason)
    if now_pending:
        transaction.after_commit(tell_author_of_pending, comment)
    return FlagResult(
        comment_id=comment.id,
        reason=sent.reason.strip(),
        comment_status=comment.status.value,
        message=_("Thank you for your report: a moderator will look at this comment."),
    ), 201
