"""Comments on projects and on their updates: posting, editing, deleting and reporting them.

A comment is light Markdown, turned into HTML and sanitized on write (app.core.sanitize.render_markdown);
`body_html` is what pages show. Before a comment is published, the child-safeguarding screen reads
it: text that may identify a child holds the comment (status `held`) until a moderator decides, and
the author is told why and how to rewrite it. Replies go at most MAX_COMMENT_DEPTH levels deep.

Reports ("flags"): one per person per comment. When the unresolved reports of a published comment
reach the `flag_threshold` setting, it is hidden (status `pending`) until a moderator decides
(app.community.moderation). The count is raised by one UPDATE, so two reports at once never lose one.

Refusals: NotPermitted (see app.permissions), CommentsClosed (the project is not in a public stage),
CommentInvalid (a field is wrong: `errors` maps field names to messages), AlreadyFlagged, and
ChangedMeanwhile when SQLite turns a write away because another one committed first (try again).
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import and_, case, literal, select
from sqlalchemy import update as sql_update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.attributes import set_committed_value

from app import permissions
from app.accounts.models import User
from app.community import notifications, safeguarding
from app.community.models import MAX_COMMENT_DEPTH, Comment, CommentFlag, CommentStatus, PostStatus, ProjectUpdate
from app.core.columns import utcnow
from app.core.conflicts import changed_meanwhile_on_conflict
from app.core.errors import DomainError, FieldsInvalid, NotPermitted
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.core.sanitize import render_markdown
from app.core.text import is_blank, text_problem
from app.gate.settings import get_setting
from app.projects.models import PUBLIC_STAGES, Project

BODY_MAX = 5_000
REASON_MAX = 500


class CommentInvalid(FieldsInvalid):
    """Some fields are wrong; `errors` maps field names (body, parent_id, update_id, reason...) to messages."""


class CommentsClosed(DomainError):
    """The project is not in a public stage: nobody comments on it (the API answers 409)."""


class AlreadyFlagged(DomainError):
    """This person has already reported this comment (the API answers 409)."""


@dataclass(frozen=True)
class Posted:
    comment: Comment
    advice: str  # why the comment is held and how to rewrite it; "" when it is published


def post_comment(
    project: Project, author: User, body: str, parent: Comment | None = None, update: ProjectUpdate | None = None
) -> Posted:
    """Post a comment on the project (or on one of its published updates), or a reply to `parent`.

    The comment is published, or held when the safeguarding screen finds something (`advice` then
    says why). Refuses NotPermitted (see permissions.can_comment; an unconfirmed address is told so),
    CommentsClosed (a verified author on a project outside the public stages) and CommentInvalid (an
    empty or too long text, an update that is not published, a parent elsewhere, not published, or
    already MAX_COMMENT_DEPTH levels deep).
    """
    check_can_comment(author, project)
    body = clean_body(body)
    _check_place(project, parent, update)
    advice = screen(body)
    with one_writer_at_a_time():
        return _insert(project, author, body, parent, update, advice)


def _insert(project, author, body, parent, update, advice) -> Posted:
    comment = Comment(
        project=project,
        update_id=update.id if update is not None else None,
        parent=parent,
        author=author,
        depth=parent.depth + 1 if parent is not None else 1,
        body=body,
        body_html=str(render_markdown(body)),
        status=CommentStatus.HELD if advice else CommentStatus.PUBLISHED,
    )
    db.session.add(comment)
    db.session.flush()
    if comment.status == CommentStatus.PUBLISHED:
        announce(comment)
    return Posted(comment, advice)


def edit_comment(comment: Comment, project: Project, editor: User, body: str) -> str:
    """Change a comment's text (marked edited); answers the safeguarding advice ("" when none).

    A published comment whose new text may identify a child is held; a held one whose new text is
    clear is published (and announced: nobody saw it before). Refuses NotPermitted (see
    permissions.can_edit_comment) and CommentInvalid (an empty or too long text).
    """
    if comment.project_id != project.id or not permissions.can_edit_comment(editor, comment, project):
        raise NotPermitted(_("You can edit only your own comments, while they are published."))
    body = clean_body(body)
    advice = screen(body)
    if body == comment.body:
        return advice
    comment.body, comment.body_html, comment.edited_at = body, str(render_markdown(body)), utcnow()
    was_held = comment.status == CommentStatus.HELD
    comment.status = CommentStatus.HELD if advice else CommentStatus.PUBLISHED
    with one_writer_at_a_time():
        db.session.flush()
        if was_held and comment.status == CommentStatus.PUBLISHED:
            announce(comment)
    return advice


def delete_comment(comment: Comment, project: Project, user: User) -> None:
    """Delete a comment: its text is cleared and a placeholder keeps its replies in place; its
    open reports are closed. Refuses NotPermitted (see permissions.can_delete_comment)."""
    if comment.project_id != project.id or not permissions.can_delete_comment(user, comment, project):
        raise NotPermitted(_("You can delete only your own comments."))
    comment.status = CommentStatus.DELETED
    comment.body = comment.body_html = ""
    with one_writer_at_a_time():
        resolve_flags(comment)
        db.session.flush()


def flag_comment(comment: Comment, project: Project, user: User, reason: str) -> bool:
    """Report a comment to the moderators; answers whether this report hid it (status `pending`: the
    unresolved reports reached the `flag_threshold` setting).

    Refuses NotPermitted (see permissions.can_flag_comment), CommentInvalid (an empty or too long
    reason) and AlreadyFlagged (a second report by the same person, even when two arrive at once).
    """
    if comment.project_id != project.id or not permissions.can_flag_comment(user, comment, project):
        if permissions.can_view_project(user, project) and comment.author_id == getattr(user, "id", None):
            raise NotPermitted(_("You cannot report your own comment."))
        raise NotPermitted(_("You cannot report this comment."))
    reason = _clean_reason(reason)
    if has_flagged(user, comment):
        raise AlreadyFlagged(_("You have already reported this comment. Thank you: a moderator will look at it."))
    with one_writer_at_a_time():
        try:
            with db.session.begin_nested():
                db.session.add(CommentFlag(comment_id=comment.id, user_id=user.id, reason=reason))
        except IntegrityError:
            raise AlreadyFlagged(
                _("You have already reported this comment. Thank you: a moderator will look at it.")
            ) from None
        count, status = db.session.execute(
            sql_update(Comment)
            .where(Comment.id == comment.id)
            .values(
                flag_count=Comment.flag_count + 1,
                status=case(
                    (
                        and_(Comment.status == CommentStatus.PUBLISHED, Comment.flag_count + 1 >= flag_threshold()),
                        literal(CommentStatus.PENDING, Comment.status.type),
                    ),
                    else_=Comment.status,
                ),
            )
            .returning(Comment.flag_count, Comment.status)
            .execution_options(synchronize_session=False)
        ).one()
    was = comment.status
    set_committed_value(comment, "flag_count", count)
    set_committed_value(comment, "status", CommentStatus(status))
    return was == CommentStatus.PUBLISHED and comment.status == CommentStatus.PENDING


def has_flagged(user: User, comment: Comment) -> bool:
    return db.session.scalar(
        select(CommentFlag.id).where(CommentFlag.comment_id == comment.id, CommentFlag.user_id == user.id)
    ) is not None


def resolve_flags(comment: Comment) -> int:
    """Close the comment's open reports (a moderator decided, or the author deleted it); answers how many."""
    result = db.session.execute(
        sql_update(CommentFlag)
        .where(CommentFlag.comment_id == comment.id, CommentFlag.resolved_at.is_(None))
        .values(resolved_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    comment.flag_count = 0
    return result.rowcount


def flag_threshold() -> int:
    """How many unresolved reports hide a comment (the admin setting; at least 1)."""
    try:
        return max(1, int(get_setting("flag_threshold")))
    except ValueError:
        return 3


def one_writer_at_a_time():
    """Writes on a discussion: another writer getting there first becomes ChangedMeanwhile."""
    return changed_meanwhile_on_conflict(_("This comment changed meanwhile: please try again."))


# Checks shared by the web forms and the API ---------------------------------------------------------


def check_can_comment(user, project: Project) -> None:
    """Refuses NotPermitted or CommentsClosed as post_comment does (nothing when the user may comment)."""
    if permissions.can_comment(user, project):
        return
    signed_in = getattr(user, "is_authenticated", False) and getattr(user, "active", False)
    if signed_in and user.email_verified_at is None:
        raise NotPermitted(
            _("Please confirm your e-mail address before you comment: open the link we sent you by e-mail.")
        )
    if signed_in and project.stage not in PUBLIC_STAGES and permissions.can_view_project(user, project):
        raise CommentsClosed(_("Comments are open only while the initiative is public."))
    raise NotPermitted(_("You cannot comment on this initiative."))


def readable_comment(comment_id: int, user) -> Comment | None:
    """The comment if `user` may view its project and read it (a held one: permissions.can_read_comment);
    None when there is no such comment or, to `user`, it does not exist."""
    comment = db.session.get(Comment, comment_id) if is_valid_id(comment_id) else None
    if comment is None or not permissions.can_view_project(user, comment.project):
        return None
    if comment.status == CommentStatus.HELD and not permissions.can_read_comment(user, comment, comment.project):
        return None
    return comment


def find_parent(project: Project, parent_id: int | None) -> Comment | None:
    """The comment `parent_id` names, in this project; refuses CommentInvalid when there is none."""
    if parent_id is None:
        return None
    parent = db.session.get(Comment, parent_id) if is_valid_id(parent_id) else None
    if parent is None or parent.project_id != project.id:
        raise CommentInvalid({"parent_id": _("The comment you answer does not exist on this initiative.")})
    return parent


def find_update(project: Project, update_id: int | None) -> ProjectUpdate | None:
    """The published update `update_id` names, in this project; refuses CommentInvalid otherwise."""
    if update_id is None:
        return None
    found = db.session.get(ProjectUpdate, update_id) if is_valid_id(update_id) else None
    if found is None or found.project_id != project.id or found.status != PostStatus.PUBLISHED:
        raise CommentInvalid({"update_id": _("This update does not exist on this initiative, or is not published.")})
    return found


def clean_body(body: str) -> str:
    """The comment's text, trimmed; refuses CommentInvalid when it is empty or too long."""
    body = (body or "").replace("\x00", "").replace("\r\n", "\n").strip()
    if is_blank(body):
        raise CommentInvalid({"body": _("Please write your comment.")})
    if len(body) > BODY_MAX:
        raise CommentInvalid(
            {"body": _("A comment can have at most %(max)d characters; yours has %(count)d.", max=BODY_MAX,
                       count=len(body))}
        )
    if problem := text_problem(body, BODY_MAX, multiline=True):
        raise CommentInvalid({"body": problem})
    return body


def screen(body: str) -> str:
    """The safeguarding advice for this text, or "" when nothing in it may identify a child."""
    findings = safeguarding.screen(body)
    return str(safeguarding.advice(findings)) if findings else ""


def announce(comment: Comment) -> None:
    """Tell the project's people of a newly published comment (app.community.notifications)."""

    comment_posted = getattr(notifications, "comment_posted", None)
    if comment_posted is not None:
        comment_posted(comment)


def _check_place(project: Project, parent: Comment | None, on_update: ProjectUpdate | None) -> None:
    if on_update is not None and (on_update.project_id != project.id or on_update.status != PostStatus.PUBLISHED):
        raise CommentInvalid({"update_id": _("This update does not exist on this initiative, or is not published.")})
    if parent is None:
        return
    update_id = on_update.id if on_update is not None else None
    if parent.project_id != project.id or parent.update_id != update_id:
        raise CommentInvalid({"parent_id": _("The comment you answer is not part of this discussion.")})
    if parent.status != CommentStatus.PUBLISHED:
        raise CommentInvalid({"parent_id": _("You can answer only a published comment.")})
    if parent.depth >= MAX_COMMENT_DEPTH:
        raise CommentInvalid(
            {"parent_id": _("Replies go at most %(max)d levels deep: please answer the comment above it instead.",
                            max=MAX_COMMENT_DEPTH)}
        )


def _clean_reason(reason: str) -> str:
    reason = (reason or "").replace("\x00", "").strip()
    if is_blank(reason):
        raise CommentInvalid({"reason": _("Please say why a moderator should look at this comment.")})
    if len(reason) > REASON_MAX:
        raise CommentInvalid({"reason": _("The reason can have at most %(max)d characters.", max=REASON_MAX)})
    if problem := text_problem(reason, REASON_MAX, multiline=True):
        raise CommentInvalid({"reason": problem})
    return reason
