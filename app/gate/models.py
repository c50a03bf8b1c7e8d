"""Gender-equality assessments: one versioned series per phase, and their reviews."""

from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint, exists
from sqlalchemy.orm import Mapped, aliased, mapped_column, relationship

from app.accounts.models import User
from app.core.columns import UTCDateTime, enum_type, utcnow
from app.core.extensions import db
from app.projects.models import Project


class Phase(StrEnum):
    DESIGN = "design"
    IMPLEMENTATION = "implementation"
    RESULTS = "results"


class GECode(StrEnum):
    GE0 = "GE-0"
    GE1 = "GE-1"
    GE2 = "GE-2"
    GE3 = "GE-3"

    @property
    def level(self) -> int:
        return int(self.value[-1])


class Verdict(StrEnum):
    SATISFACTORY = "satisfactory"
    NEEDS_WORK = "needs_work"


class Assessment(db.Model):
    """One version of a project's assessment for one phase.

    A version whose project is in the phase's review stage, and which was
    submitted, is read-only; a reviewed version is frozen for good (guards.py).
    """

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("project_id", "phase", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    phase: Mapped[Phase] = mapped_column(enum_type(Phase, "phase"))
    version: Mapped[int] = mapped_column(Integer, default=1)
    answers: Mapped[dict] = mapped_column(JSON, default=dict)
    ge_code: Mapped[GECode | None] = mapped_column(enum_type(GECode, "self_ge_code"))
    justification: Mapped[str] = mapped_column(Text, default="")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    project: Mapped[Project] = relationship()
    # Every validation of this version, oldest first: the last one is in force; the earlier ones were
    # replaced by their reviewer before a decision used them (app.gate.assessments.review_assessment).
    reviews: Mapped[list["AssessmentReview"]] = relationship(
        back_populates="assessment", order_by="AssessmentReview.round", lazy="selectin"
    )

    def __repr__(self) -> str:
        return f"<Assessment {self.project_id} {self.phase} v{self.version}>"

    @property
    def review(self) -> "AssessmentReview | None":
        """The validation in force (the latest), or None."""
        return self.reviews[-1] if self.reviews else None

    @property
    def replaced_reviews(self) -> list["AssessmentReview"]:
        """The validations replaced by a later one, oldest first."""
        return self.reviews[:-1]

    @property
    def is_frozen(self) -> bool:
        return self.review is not None


class AssessmentReview(db.Model):
    """A reviewer's validation of one assessment version. Written once, never changed.

    Its reviewer may replace it until a decision uses it: the replacement is a new row with the next
    `round`, and the one with the highest round is in force (`current_review`)."""

    __tablename__ = "assessment_reviews"
    __table_args__ = (UniqueConstraint("assessment_id", "round"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    round: Mapped[int] = mapped_column(Integer, default=1)
    reviewer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    verdict: Mapped[Verdict] = mapped_column(enum_type(Verdict, "verdict"))
    ge_code: Mapped[GECode] = mapped_column(enum_type(GECode, "reviewer_ge_code"))
    comment: Mapped[str] = mapped_column(Text, default="")
    # Comments on single questions, {question key: comment}, shown beside the question each concerns.
    question_comments: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    assessment: Mapped[Assessment] = relationship(back_populates="reviews")
    reviewer: Mapped[User | None] = relationship(lazy="joined")


def current_review():
    """An SQL condition on AssessmentReview: the validation in force of its version (no later round)."""
    later = aliased(AssessmentReview)
    return ~exists().where(later.assessment_id == AssessmentReview.assessment_id, later.round > AssessmentReview.round)


class Setting(db.Model):
    """Admin settings (minimum GE codes, minimum answer length...); defaults live in app.gate.settings."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
