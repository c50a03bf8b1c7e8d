"""Calls for ideas, ideas, supports, offers of help, and where an initiative came from."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.columns import UTCDateTime, enum_type, utcnow
from app.core.extensions import db
from app.projects.models import Project
from app.reference.models import Theme


class CallStatus(StrEnum):
    """Derived from the call's dates, never stored."""

    UPCOMING = "upcoming"
    OPEN_FOR_IDEAS = "open_for_ideas"
    OPEN_FOR_PROPOSALS = "open_for_proposals"
    CLOSED = "closed"


class IdeaStatus(StrEnum):
    OPEN = "open"
    ADOPTED = "adopted"  # one or more initiatives came from it
    MERGED = "merged"  # into another idea, by a reviewer, with a note
    ARCHIVED = "archived"  # by its author or a reviewer, with a note


call_themes = Table(
    "call_themes",
    db.metadata,
    Column("call_id", ForeignKey("calls.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_key", ForeignKey("themes.key"), primary_key=True),
)

idea_themes = Table(
    "idea_themes",
    db.metadata,
    Column("idea_id", ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_key", ForeignKey("themes.key"), primary_key=True),
)


class Call(db.Model):
    """A call for ideas: a "How might we…" question, open to ideas, then to proposals, then closed."""

    __tablename__ = "calls"
    __table_args__ = (
        CheckConstraint("opens_at < ideas_close_at AND ideas_close_at <= proposals_close_at", name="date_order"),
        Index("ix_calls_opens_at_id", "opens_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(200))
    question: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)  # both empty: every country
    countries: Mapped[list[str]] = mapped_column(JSON, default=list)
    opens_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ideas_close_at: Mapped[datetime] = mapped_column(UTCDateTime())
    proposals_close_at: Mapped[datetime] = mapped_column(UTCDateTime())
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    themes: Mapped[list[Theme]] = relationship(secondary=call_themes, lazy="selectin")
    created_by: Mapped[User | None] = relationship()

    def status_at(self, now: datetime) -> CallStatus:
        if now < self.opens_at:
            return CallStatus.UPCOMING
        if now < self.ideas_close_at:
            return CallStatus.OPEN_FOR_IDEAS
        if now < self.proposals_close_at:
            return CallStatus.OPEN_FOR_PROPOSALS
        return CallStatus.CLOSED

    @property
    def status(self) -> CallStatus:
        return self.status_at(utcnow())

    @property
    def theme_keys(self) -> list[str]:
        return [t.key for t in self.themes]


class Idea(db.Model):
    """An idea, posted freely or under a call open for ideas. Light Markdown, sanitized and screened."""

    __tablename__ = "ideas"
    __table_args__ = (
        CheckConstraint("language IN ('en', 'fr', 'es', 'ar')", name="language"),
        Index("ix_ideas_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id", ondelete="SET NULL"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    language: Mapped[str] = mapped_column(String(2), default="en")
    # Held by the safeguarding screen: seen by its author and the moderators until the text is clear.
    held: Mapped[bool] = mapped_column(default=False)
    status: Mapped[IdeaStatus] = mapped_column(
        enum_type(IdeaStatus, "idea_status"), default=IdeaStatus.OPEN, index=True
    )
    status_note: Mapped[str] = mapped_column(Text, default="")
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
    call: Mapped[Call | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=idea_themes, lazy="selectin")
    merged_into: Mapped["Idea | None"] = relationship(remote_side=[id])

    @property
    def theme_keys(self) -> list[str]:
        return [t.key for t in self.themes]


class IdeaSupport(db.Model):
    """One per person and idea."""

    __tablename__ = "idea_supports"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class HelpOffer(db.Model):
    """"I want to help": a short note by someone ready to give a hand (one per person and idea)."""

    __tablename__ = "idea_help_offers"
    __table_args__ = (UniqueConstraint("idea_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    idea_id: Mapped[int] = mapped_column(ForeignKey("ideas.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    user: Mapped[User | None] = relationship(lazy="joined")


class ProjectOrigin(db.Model):
    """Where an initiative came from: the idea it adopted and the call it answers (both ways: an idea
    lists its initiatives through these rows). One row per initiative; several per idea."""

    __tablename__ = "project_origins"
    __table_args__ = (CheckConstraint("idea_id IS NOT NULL OR call_id IS NOT NULL", name="some_origin"),)

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    idea_id: Mapped[int | None] = mapped_column(ForeignKey("ideas.id", ondelete="SET NULL"), index=True)
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id", ondelete="SET NULL"), index=True)
    adopted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    project: Mapped[Project] = relationship()
    idea: Mapped[Idea | None] = relationship()
    call: Mapped[Call | None] = relationship()
