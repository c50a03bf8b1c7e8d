"""Helpers for the tests of supports, follows, notifications, updates and milestones."""

from sqlalchemy import delete, select

from app.accounts.models import User
from app.community.models import Comment, CommentStatus, Follow, Milestone, Notification, ProjectUpdate
from app.core.extensions import db
from app.core.sanitize import render_markdown
from app.projects.models import Project
from tests.support.web import post

# An update the safeguarding screen holds (a child's name and age).
HELD_TEXT = "Aminata, 12 years old, came to every session with her sister."



def follow(app, user, project_id: int) -> None:
    """`user` (a record from make_user) follows the project, written straight to the database."""
    with app.app_context():
        db.session.add(Follow(user_id=user.id, project_id=project_id))
        db.session.commit()


def forget_notifications(app) -> None:
    """Start from no notification at all (setting a project up notifies its partners)."""
    with app.app_context():
        db.session.execute(delete(Notification))
        db.session.commit()


def notified(app, kind: str | None = None) -> dict[int, list[Notification]]:
    """Every notification (of `kind`), by recipient id; rows are detached but loaded."""
    with app.app_context():
        query = select(Notification).order_by(Notification.id)
        if kind is not None:
            query = query.where(Notification.kind == kind)
        found: dict[int, list[Notification]] = {}
        for notification in db.session.scalars(query):
            db.session.expunge(notification)
            found.setdefault(notification.user_id, []).append(notification)
        return found


def recipients(app, kind: str | None = None) -> set[int]:
    return set(notified(app, kind))


def write_comment(app, project_id: int, author, body: str = "A thoughtful comment.", parent_id: int | None = None,
                  status: CommentStatus = CommentStatus.PUBLISHED, notify: bool = True) -> int:
    """A comment written straight through the model, then announced like the comments service does."""
    from app.community import notifications

    with app.app_context():
        parent = db.session.get(Comment, parent_id) if parent_id else None
        comment = Comment(
            project=db.session.get(Project, project_id),
            author=db.session.get(User, author.id),
            parent=parent,
            depth=parent.depth + 1 if parent else 1,
            body=body,
            body_html=str(render_markdown(body)),
            status=status,
        )
        db.session.add(comment)
        db.session.flush()
        if notify:
            notifications.comment_posted(comment)
        db.session.commit()
        return comment.id


def post_update(client, project_id: int, title: str = "The first workshops", body: str = "Forty girls took part."):
    return post(client, f"/projects/{project_id}/updates/new", {"title": title, "body": body})


def stored_updates(app, project_id: int) -> list[ProjectUpdate]:
    with app.app_context():
        found = db.session.scalars(
            select(ProjectUpdate).where(ProjectUpdate.project_id == project_id).order_by(ProjectUpdate.id)
        ).all()
        for item in found:
            db.session.expunge(item)
        return found


def add_milestone(client, project_id: int, title: str, planned: str = "2025-03-01", done: str = ""):
    return post(client, f"/projects/{project_id}/milestones",
                {"title": title, "planned_date": planned, "done_date": done})


def milestones(app, project_id: int) -> list[Milestone]:
    with app.app_context():
        found = db.session.scalars(
            select(Milestone).where(Milestone.project_id == project_id).order_by(Milestone.id)
        ).all()
        for item in found:
            db.session.expunge(item)
        return found
