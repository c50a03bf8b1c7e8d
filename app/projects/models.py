"""Projects (initiatives), their stage history, attachments and reviewer notes."""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.columns import UTCDateTime, enum_type, utcnow
from app.core.extensions import db
from app.organisations.models import Organisation
from app.reference.models import Theme


class Stage(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    CHANGES_REQUESTED = "changes_requested"
    INCUBATING = "incubating"
    LAUNCH_REVIEW = "launch_review"
    ACTIVE = "active"
    COMPLETION_REVIEW = "completion_review"
    COMPLETED = "completed"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"


# The stage sets every feature asks about, beside the enum they are made of.
TERMINAL_STAGES = frozenset({Stage.COMPLETED, Stage.REJECTED, Stage.WITHDRAWN})
# Seen by everyone; draft only by its organisation and admins, rejected and withdrawn also by reviewers.
PUBLIC_STAGES = frozenset(Stage) - {Stage.DRAFT, Stage.REJECTED, Stage.WITHDRAWN}
# Where a reviewer has an assessment to validate and a decision to make.
REVIEW_STAGES = frozenset({Stage.SUBMITTED, Stage.LAUNCH_REVIEW, Stage.COMPLETION_REVIEW})
# Where the organisation's partners may edit the initiative's own fields.
EDITABLE_STAGES = frozenset({Stage.DRAFT, Stage.CHANGES_REQUESTED, Stage.INCUBATING, Stage.ACTIVE})
# Where an initiative lists needs and takes pledges; decisions on pledges go on into completion review.
NEED_STAGES = frozenset({Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE})
DECISION_STAGES = NEED_STAGES | {Stage.COMPLETION_REVIEW}


project_themes = Table(
    "project_themes",
    db.metadata,
    Column("project_id", ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True),
    Column("theme_key", ForeignKey("themes.key"), primary_key=True),
)

AGE_BANDS = ("0_5", "6_11", "12_17")
SEXES = ("girls", "boys")


class Project(db.Model):
    __tablename__ = "projects"
    __table_args__ = (
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date >= start_date", name="dates"),
        CheckConstraint("budget_amount IS NULL OR budget_amount >= 0", name="budget"),
        CheckConstraint("language IN ('en', 'fr', 'es', 'ar')", name="language"),
        CheckConstraint(
            " AND ".join(f"{s}_{a} >= 0" for s in SEXES for a in AGE_BANDS), name="children_reached"
        ),
        # The list's default order (newest first), and the home page's newest active initiatives.
        Index("ix_projects_created_at_id", "created_at", "id"),
        Index("ix_projects_stage_stage_changed_at_id", "stage", "stage_changed_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    description_html: Mapped[str] = mapped_column(Text, default="")
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    language: Mapped[str] = mapped_column(String(2), default="en")
    target_groups: Mapped[list[str]] = mapped_column(JSON, default=list)
    girls_focused: Mapped[bool] = mapped_column(Boolean, default=False)
    girls_0_5: Mapped[int] = mapped_column(Integer, default=0)
    girls_6_11: Mapped[int] = mapped_column(Integer, default=0)
    girls_12_17: Mapped[int] = mapped_column(Integer, default=0)
    boys_0_5: Mapped[int] = mapped_column(Integer, default=0)
    boys_6_11: Mapped[int] = mapped_column(Integer, default=0)
    boys_12_17: Mapped[int] = mapped_column(Integer, default=0)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    budget_amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    budget_currency: Mapped[str | None] = mapped_column(String(3))
    # Only app.gate.workflow.transition() may change the stage (see app.gate.guards).
    stage: Mapped[Stage] = mapped_column(enum_type(Stage, "stage"), default=Stage.DRAFT, index=True)
    stage_changed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    organisation: Mapped[Organisation] = relationship(lazy="joined", innerjoin=True)
    created_by: Mapped[User | None] = relationship()
    themes: Mapped[list[Theme]] = relationship(secondary=project_themes, lazy="selectin")
    events: Mapped[list["ProjectEvent"]] = relationship(
        back_populates="project", order_by="ProjectEvent.id", cascade="all, delete-orphan"
    )
    attachments: Mapped[list["Attachment"]] = relationship(
        back_populates="project", order_by="Attachment.id", cascade="all, delete-orphan"
    )
    # Loaded with the project (one join, no query of its own): lists and cards show it.
    cover: Mapped["ProjectCover | None"] = relationship(lazy="joined", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<Project {self.id} {self.stage}>"

    @property
    def theme_keys(self) -> list[str]:
        return [t.key for t in self.themes]

    @property
    def children_total(self) -> int:
        return sum(getattr(self, f"{s}_{a}") or 0 for s in SEXES for a in AGE_BANDS)


class ProjectEvent(db.Model):
    """One stage change. Append-only: rows are never updated or deleted (app.gate.guards)."""

    __tablename__ = "project_events"
    __table_args__ = (Index("ix_project_events_created_at_id", "created_at", "id"),)  # recent activity

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    from_stage: Mapped[Stage | None] = mapped_column(enum_type(Stage, "event_from_stage"))
    to_stage: Mapped[Stage] = mapped_column(enum_type(Stage, "event_to_stage"))
    note: Mapped[str] = mapped_column(Text, default="")
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id", ondelete="SET NULL"))
    assessment_version: Mapped[int | None] = mapped_column(Integer)

    project: Mapped[Project] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship(lazy="joined")


class ProjectEditor(db.Model):
    """Someone who wrote part of a project (created it, edited its fields or its assessments), and when
    they first did. One row per person and project, kept for good: a conflict of interest outlives
    the membership that allowed the edit (app.permissions.conflict_of_interest)."""

    __tablename__ = "project_editors"

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)
    first_edited_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    project: Mapped[Project] = relationship()


class Attachment(db.Model):
    """A PDF, PNG or JPEG file, stored under a random name outside static/."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(40))
    size: Mapped[int] = mapped_column(Integer)
    consent_confirmed: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    project: Mapped[Project] = relationship(back_populates="attachments")


class ProjectCover(db.Model):
    """The initiative's cover image: one of its images, re-encoded as JPEG in a few widths (app.projects.covers),
    with the text that says what it shows. Its files are named after `stem` and the width."""

    __tablename__ = "project_covers"
    __table_args__ = (
        CheckConstraint("length(trim(alt)) > 0", name="alt_required"),
        CheckConstraint("width > 0 AND height > 0", name="size"),
    )

    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), primary_key=True)
    stem: Mapped[str] = mapped_column(String(40), unique=True)
    alt: Mapped[str] = mapped_column(String(200))
    width: Mapped[int] = mapped_column(Integer)  # of the widest file
    height: Mapped[int] = mapped_column(Integer)
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachments.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class ReviewerNote(db.Model):
    """A private note by a reviewer; never shown to the organisation."""

    __tablename__ = "reviewer_notes"

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")
