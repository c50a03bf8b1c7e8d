"""The e-mail telling a comment's author that reports hid it until a moderator decides.

Both faces queue it after the commit of the report that hid the comment (app.core.transaction).
"""

from flask_babel import lazy_gettext as _l

from app.accounts.models import User
from app.community.models import Comment
from app.core.extensions import db
from app.core.mail import external_url, send_email


def tell_author_of_pending(comment: Comment) -> None:
    """E-mail the author, in their language, that reports hid their comment until a moderator decides.
    Nobody is told when the author's account is gone or deactivated."""
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
        excerpt=excerpt(comment.body),
        link=external_url("projects.show", id=comment.project_id) + f"#comment-{comment.id}",
    )


def excerpt(text: str, length: int = 160) -> str:
    """The text on one line, cut to `length` characters with an ellipsis."""
    text = " ".join((text or "").split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"
