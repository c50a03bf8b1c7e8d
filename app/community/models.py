"""Community: comments and their flags, supports, follows, updates, milestones, notifications."""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.columns import UTCDateTime, enum_type, utcnow
from app.core.extensions import db
from app.projects.models import Project

MAX_COMMENT_DEPTH = 3


class CommentStatus(StrEnum):
    PUBLISHED = "published"
    HELD = "held"  # held by the safeguarding screen until a moderator decides
    PENDING = "pending"  # hidden after too many flags until a moderator decides
    HIDDEN = "hidden"  # hidden by a moderator; the reason is shown in its place
    DELETED = "deleted"  # deleted by its author; a placeholder keeps the replies in place


class PostStatus(StrEnum):
    PUBLISHED = "published"
    HELD = "held"
    HIDDEN = "hidden"


class Comment(db.Model):
    __tablename__ = "comments"
    __table_args__ = (
        CheckConstraint(f"depth BETWEEN 1 AND {MAX_COMMENT_DEPTH}", name="depth"),
        Index("ix_comments_project_id_created_at", "project_id", "created_at"),
        Index("ix_comments_created_at_id", "created_at", "id"),  # recent activity
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    update_id: Mapped[int | None] = mapped_column(
        ForeignKey("project_updates.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    depth: Mapped[int] = mapped_column(Integer, default=1)
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[CommentStatus] = mapped_column(
        enum_type(CommentStatus, "comment_status"), default=CommentStatus.PUBLISHED, index=True
    )
    moderation_reason: Mapped[str] = mapped_column(Text, default="")
    flag_count: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    project: Mapped[Project] = relationship()
    author: Mapped[User | None] = relationship(lazy="joined")
    parent: Mapped["Comment | None"] = relationship(remote_side=[id])


class CommentFlag(db.Model):
    __tablename__ = "comment_flags"
    __table_args__ = (UniqueConstraint("comment_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


class Support(db.Model):
    __tablename__ = "supports"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Follow(db.Model):
    __tablename__ = "follows"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ProjectUpdate(db.Model):
    """News posted by a project's partners (Markdown, sanitized, screened like comments)."""

    __tablename__ = "project_updates"
    __table_args__ = (Index("ix_project_updates_created_at_id", "created_at", "id"),)  # recent activity

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    status: Mapped[PostStatus] = mapped_column(enum_type(PostStatus, "update_status"), default=PostStatus.PUBLISHED)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    author: Mapped[User | None] = relationship(lazy="joined")


class Milestone(db.Model):
    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    planned_date: Mapped[date] = mapped_column(Date)
    done_date: Mapped[date | None] = mapped_column(Date)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Notification(db.Model):
    """Something a person should know about; shown in the app, e-mailed now or in the daily digest."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_id_read_at", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    comment_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    emailed_at: Mapped[datetime | None] = mapped_column(UTCDateTime(), index=True)

    project: Mapped[Project | None] = relationship()
