"""Helpers for the tests of comments, reports and moderation."""

from sqlalchemy import select

from app.accounts.models import User
from app.community import comments
from app.community.models import Comment, CommentFlag, CommentStatus
from app.core.extensions import db
from app.gate.models import Setting
from app.projects.models import Project
from tests.support.web import post

SAFE_TEXT = "Which schools take part this year?"
HELD_NAME_AGE = "Aminata, 12 years old, came to every session with her sister."
HELD_PHONE = "Call the coordinator on +221 77 123 45 67 for the next session."


def post_comment(client, project_id: int, body: str = SAFE_TEXT, parent_id: int | None = None,
                 update_id: int | None = None, **kwargs):
    """POST the comment form of the project page (with the session's CSRF token)."""
    data = {"body": body}
    if parent_id is not None:
        data["parent_id"] = str(parent_id)
    if update_id is not None:
        data["update_id"] = str(update_id)
    return post(client, f"/projects/{project_id}/comments", data, **kwargs)


def add_comment(app, project_id: int, author, body: str = SAFE_TEXT, parent_id: int | None = None) -> int:
    """A comment posted through the domain function (screened, announced); its id."""
    with app.app_context():
        project = db.session.get(Project, project_id)
        parent = db.session.get(Comment, parent_id) if parent_id else None
        posted = comments.post_comment(project, db.session.get(User, author.id), body, parent=parent)
        db.session.commit()
        return posted.comment.id


def flag(app, comment_id: int, user, reason: str = "It is insulting.") -> bool:
    """A report through the domain function; whether it hid the comment."""
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        hid = comments.flag_comment(comment, comment.project, db.session.get(User, user.id), reason)
        db.session.commit()
        return hid


def stored(app, comment_id: int) -> Comment:
    """The comment as stored now (detached, attributes loaded)."""
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        db.session.refresh(comment)
        db.session.expunge(comment)
        return comment


def comments_of(app, project_id: int) -> list[Comment]:
    with app.app_context():
        found = db.session.scalars(select(Comment).where(Comment.project_id == project_id).order_by(Comment.id)).all()
        for comment in found:
            db.session.expunge(comment)
        return list(found)


def open_flags(app, comment_id: int) -> list[CommentFlag]:
    with app.app_context():
        return list(
            db.session.scalars(
                select(CommentFlag).where(CommentFlag.comment_id == comment_id, CommentFlag.resolved_at.is_(None))
            )
        )


def set_threshold(app, value: int) -> None:
    with app.app_context():
        setting = db.session.get(Setting, "flag_threshold")
        if setting is None:
            db.session.add(Setting(key="flag_threshold", value=str(value)))
        else:
            setting.value = str(value)
        db.session.commit()


def set_status(app, comment_id: int, status: CommentStatus, reason: str = "") -> None:
    with app.app_context():
        comment = db.session.get(Comment, comment_id)
        comment.status, comment.moderation_reason = status, reason
        if status == CommentStatus.DELETED:
            comment.body = comment.body_html = ""
        db.session.commit()
