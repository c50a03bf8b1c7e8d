"""Consultations with children: what children said about an initiative, counted and screened, and the
answer given back to them.

A consultation belongs to one subject (today an initiative; an idea can be a second subject, see
`subject`) and to the organisation that held it. Children never hold accounts: a consultation counts
them by sex and age band, and keeps no person.
"""

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.columns import UTCDateTime, enum_type, utcnow
from app.core.extensions import db
from app.organisations.models import Organisation
from app.projects.models import AGE_BANDS, SEXES, Project

# The participant counts, as on projects: girls_0_5 … boys_12_17.
BANDS = tuple(f"{sex}_{band}" for sex in SEXES for band in AGE_BANDS)
MAX_PER_BAND = 10_000  # more children of one sex and age band than that in one consultation is a typing slip


class Setting(StrEnum):
    """Where the consultation was held: a kind of place, never an address."""

    SCHOOL = "school"
    COMMUNITY_CENTRE = "community_centre"
    YOUTH_CLUB = "youth_club"
    HEALTH_CENTRE = "health_centre"
    PLACE_OF_WORSHIP = "place_of_worship"
    ONLINE = "online"
    OTHER = "other"


class Method(StrEnum):
    GROUP_DISCUSSION = "group_discussion"
    DRAWING = "drawing"
    SURVEY = "survey"
    INTERVIEWS = "interviews"
    GAMES_AND_ROLE_PLAY = "games_and_role_play"
    OTHER = "other"


class Consultation(db.Model):
    __tablename__ = "consultations"
    __table_args__ = (
        # The subject: an initiative today. Ideas add `idea_id` and make this "exactly one of the two".
        CheckConstraint("project_id IS NOT NULL", name="subject"),
        CheckConstraint(" AND ".join(f"{b} >= 0 AND {b} <= {MAX_PER_BAND}" for b in BANDS), name="participants"),
        CheckConstraint(" + ".join(BANDS) + " >= 1", name="someone_consulted"),
        # Guardian consent and child assent are required: no consultation is recorded without them.
        CheckConstraint("consent_confirmed", name="consent"),
        CheckConstraint(
            "(answer_back IS NULL AND answered_on IS NULL AND answered_at IS NULL) OR "
            "(answer_back IS NOT NULL AND answered_on IS NOT NULL AND answered_at IS NOT NULL)",
            name="answer_back",
        ),
        Index("ix_consultations_project_id_held_on", "project_id", "held_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int | None] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    # The organisation that held it (an initiative's own; for an idea, the recording partner's).
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    held_on: Mapped[date] = mapped_column(Date)
    setting: Mapped[Setting] = mapped_column(enum_type(Setting, "consultation_setting"))
    method: Mapped[Method] = mapped_column(enum_type(Method, "consultation_method"))
    girls_0_5: Mapped[int] = mapped_column(Integer, default=0)
    girls_6_11: Mapped[int] = mapped_column(Integer, default=0)
    girls_12_17: Mapped[int] = mapped_column(Integer, default=0)
    boys_0_5: Mapped[int] = mapped_column(Integer, default=0)
    boys_6_11: Mapped[int] = mapped_column(Integer, default=0)
    boys_12_17: Mapped[int] = mapped_column(Integer, default=0)
    consent_confirmed: Mapped[bool] = mapped_column(Boolean)
    summary: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(2), default="en")
    # The answer back to the children: what was done with their views, recorded later.
    answer_back: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None] = mapped_column(Date)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    project: Mapped[Project | None] = relationship()
    organisation: Mapped[Organisation] = relationship()
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])
    answered_by: Mapped[User | None] = relationship(foreign_keys=[answered_by_id])

    def __repr__(self) -> str:
        return f"<Consultation {self.id} of project {self.project_id}>"

    @property
    def participants(self) -> dict[str, int]:
        return {band: getattr(self, band) or 0 for band in BANDS}

    @property
    def participants_total(self) -> int:
        return sum(self.participants.values())

    @property
    def answered(self) -> bool:
        return self.answer_back is not None
