"""Moderating comments: the decisions of reviewers and admins, and their queue.

| action    | applies to                                   | the comment becomes          |
|-----------|----------------------------------------------|------------------------------|
| `hide`    | published, pending (reported), held          | hidden, the reason in place  |
| `restore` | pending (reported), hidden                   | published                    |
| `dismiss` | published or pending with open reports       | published                    |
| `publish` | held by the safeguarding screen              | published (and announced)    |

Two moderators deciding at once: the comment's row is locked, the second is refused
(ModerationRefused). Every decision closes the comment's open reports, and its author is told
(app.community.notifications.flag_decided, in the app and by e-mail as they chose).
"""

from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import contains_eager

from app import permissions
from app.accounts.models import User
from app.community import notifications
from app.community.comments import REASON_MAX, CommentInvalid, announce, one_writer_at_a_time, resolve_flags
from app.community.models import Comment, CommentFlag, CommentStatus
from app.core.errors import DomainError, NotPermitted
from app.core.extensions import db
from app.core.text import is_blank, text_problem
from app.projects.models import Project

HIDE, RESTORE, DISMISS, PUBLISH = "hide", "restore", "dismiss", "publish"
ACTIONS = (HIDE, RESTORE, DISMISS, PUBLISH)
APPLIES_TO = {
    HIDE: {CommentStatus.PUBLISHED, CommentStatus.PENDING, CommentStatus.HELD},
    RESTORE: {CommentStatus.PENDING, CommentStatus.HIDDEN},
    DISMISS: {CommentStatus.PUBLISHED, CommentStatus.PENDING},
    PUBLISH: {CommentStatus.HELD},
}
WAITING, HIDDEN = "waiting", "hidden"  # the queue's two lists


class ModerationRefused(DomainError):
    """The action does not apply to the comment as it stands now (another moderator, or its author,
    changed it meanwhile)."""


def applies(action: str, comment: Comment) -> bool:
    """Whether `action` applies to the comment in its current status."""
    if comment.status not in APPLIES_TO.get(action, ()):
        return False
    return action != DISMISS or comment.flag_count > 0


def actions_for(comment: Comment) -> list[str]:
    """The actions that apply to the comment now, in the order the forms show them."""
    return [action for action in (PUBLISH, RESTORE, DISMISS, HIDE) if applies(action, comment)]


def moderate(comment: Comment, project: Project, moderator: User, action: str, reason: str = "") -> bool:
    """Decide on a comment (see the table above); answers whether its author was told in the app
    (False when app.community.notifications cannot tell them: the caller then e-mails them).

    Refuses CommentInvalid (an unknown action; hiding without a reason, or with one that is too
    long), NotPermitted (see permissions.can_moderate_comments), ModerationRefused (the action
    does not apply to the comment's current status, another moderator decided meanwhile) and
    ChangedMeanwhile (SQLite turned the write away: try again).
    """
    if action not in ACTIONS:
        raise CommentInvalid({"action": _("Choose what to do with the comment.")})
    if comment.project_id != project.id or not permissions.can_moderate_comments(moderator, project):
        raise NotPermitted(_("You cannot moderate the comments of this initiative."))
    if not applies(action, comment):
        raise ModerationRefused(_("This comment changed meanwhile: please look at it again."))
    reason = (reason or "").replace("\x00", "").strip()
    if action == HIDE:
        if is_blank(reason):
            raise CommentInvalid({"reason": _("Please give the reason: it is shown in place of the comment.")})
        if len(reason) > REASON_MAX:
            raise CommentInvalid({"reason": _("The reason can have at most %(max)d characters.", max=REASON_MAX)})
        if problem := text_problem(reason, REASON_MAX, multiline=True):
            raise CommentInvalid({"reason": problem})
    with one_writer_at_a_time():
        if _locked_status(comment) != comment.status:
            raise ModerationRefused(_("This comment changed meanwhile: please look at it again."))
        comment.status = CommentStatus.HIDDEN if action == HIDE else CommentStatus.PUBLISHED
        comment.moderation_reason = reason if action == HIDE else ""
        resolve_flags(comment)
        db.session.flush()
        return tell_author(comment, action)


def _locked_status(comment: Comment) -> CommentStatus:
    """The comment's status as committed now, its row locked until the transaction ends (PostgreSQL:
    SELECT ... FOR UPDATE; SQLite serialises writes itself): of two moderators deciding at once, the
    second sees the first's decision and is refused."""
    return db.session.scalar(select(Comment.status).where(Comment.id == comment.id).with_for_update())


def tell_author(comment: Comment, action: str) -> bool:
    """Notify the comment's author of a decision through app.community.notifications.flag_decided
    (which also announces a published held comment); answers False when that function is absent."""

    flag_decided = getattr(notifications, "flag_decided", None)
    if flag_decided is None:
        if action == PUBLISH:

            announce(comment)
        return False
    flag_decided(comment, action)
    return True


def queue_query(condition, show: str = WAITING):
    """The comments a moderator should look at, on the projects matching `condition`
    (permissions.reviewable_projects), oldest first, each with its project; a statement for
    db.paginate. WAITING: held, reported and hidden after reports; HIDDEN: hidden by a moderator
    (newest first, to restore one)."""
    query = select(Comment).join(Comment.project).options(contains_eager(Comment.project)).where(condition)
    if show == HIDDEN:
        return query.where(Comment.status == CommentStatus.HIDDEN).order_by(Comment.id.desc())
    waiting = or_(
        Comment.status.in_([CommentStatus.HELD, CommentStatus.PENDING]),
        (Comment.status == CommentStatus.PUBLISHED) & (Comment.flag_count > 0),
    )
    return query.where(waiting).order_by(Comment.created_at, Comment.id)


def open_flags(comments: list[Comment]) -> dict[int, list[tuple[CommentFlag, str | None]]]:
    """The open reports of these comments with their authors' names, oldest first: one query."""
    ids = [c.id for c in comments]
    if not ids:
        return {}
    rows = db.session.execute(
        select(CommentFlag, User.name)
        .outerjoin(User, User.id == CommentFlag.user_id)
        .where(CommentFlag.comment_id.in_(ids), CommentFlag.resolved_at.is_(None))
        .order_by(CommentFlag.created_at, CommentFlag.id)
    )
    found: dict[int, list] = {}
    for flag, name in rows.tuples():
        found.setdefault(flag.comment_id, []).append((flag, name))
    return found
