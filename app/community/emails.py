"""E-mails of the community features, each in the recipient's language. Sent after the commit."""

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.community import moderation, notifications
from app.community.models import Comment
from app.core.extensions import db
from app.core.mail import external_url, send_email


def tell_author_of_pending(comment: Comment) -> None:
    """E-mail the author, in their language, that reports hid their comment until a moderator decides
    (after the commit)."""
    author = db.session.get(User, comment.author_id) if comment.author_id else None
    if author is None or not author.active:
        return
    send_email(
        author.email,
        _l("Your comment is hidden until a moderator looks at it"),
        "comment_pending",
        locale=author.locale,
        recipient=author,
        project_title=comment.project.title,
        excerpt=notifications.excerpt(comment.body),
        link=external_url("projects.show", id=comment.project_id) + f"#comment-{comment.id}",
    )


# The subject of the e-mail telling an author a moderator's decision on their comment.
SUBJECTS = {
    moderation.HIDE: _l("A moderator hid your comment"),
    moderation.RESTORE: _l("Your comment is visible again"),
    moderation.DISMISS: _l("A moderator kept your comment published"),
    moderation.PUBLISH: _l("Your comment is published"),
}


def email_decision(comment: Comment, action: str) -> None:
    """E-mail the author the decision, in their language (queued after the commit)."""
    author = db.session.get(User, comment.author_id) if comment.author_id else None
    if author is None or not author.active:
        return
    send_email(
        author.email,
        SUBJECTS[action],
        "comment_decision",
        locale=author.locale,
        recipient=author,
        action=action,
        reason=comment.moderation_reason,
        project_title=comment.project.title,
        link=external_url("projects.show", id=comment.project_id) + f"#comment-{comment.id}",
    )
