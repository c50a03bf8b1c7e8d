"""Resource pooling: a project's needs, the pledges made against them, and the pool of offers.

The lab records commitments; it processes no payments. Quantities are exact decimals (three
decimal places cover every currency, the Tunisian dinar included); app.resources.money rounds them
to each currency's own precision.
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Index,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.accounts.models import User
from app.core.columns import UTCDateTime, enum_type, utcnow
from app.core.extensions import db
from app.organisations.models import Organisation
from app.projects.models import Project
from app.reference.models import Country

QUANTITY = Numeric(18, 3)


class NeedKind(StrEnum):
    FUNDING = "funding"
    VOLUNTEER_TIME = "volunteer_time"
    EXPERTISE = "expertise"
    MATERIALS = "materials"
    VENUE = "venue"
    OTHER = "other"


class NeedStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class PledgeStatus(StrEnum):
    PLEDGED = "pledged"
    ACCEPTED = "accepted"
    FULFILLED = "fulfilled"
    DECLINED = "declined"  # by the project's partners
    WITHDRAWN = "withdrawn"  # by the pledger
    CLOSED = "closed"  # the need was closed or the project left the stages that take pledges


class OfferStatus(StrEnum):
    OPEN = "open"
    PLEDGED = "pledged"  # the offerer confirmed a request: the offer became a pledge
    WITHDRAWN = "withdrawn"


class OfferRequestStatus(StrEnum):
    ASKED = "asked"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    CLOSED = "closed"  # the need or the offer went away before the offerer answered


class Need(db.Model):
    __tablename__ = "needs"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity"),
        Index("ix_needs_project_id_status", "project_id", "status"),
        Index("ix_needs_status_created_at_id", "status", "created_at", "id"),  # the newest open needs
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    kind: Mapped[NeedKind] = mapped_column(enum_type(NeedKind, "need_kind"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    # An ISO 4217 code for funding, "hours" for volunteer time, free text for the other kinds.
    unit: Mapped[str] = mapped_column(String(40))
    required: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[NeedStatus] = mapped_column(enum_type(NeedStatus, "need_status"), default=NeedStatus.OPEN)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    project: Mapped[Project] = relationship()


class Pledge(db.Model):
    __tablename__ = "pledges"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity"),
        # A double-click or a resent form carries the same key: one pledge, not two.
        UniqueConstraint("pledger_id", "submission_key"),
        Index("ix_pledges_need_id_status", "need_id", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"))
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"), index=True)
    pledger_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offers.id", ondelete="SET NULL"))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[PledgeStatus] = mapped_column(enum_type(PledgeStatus, "pledge_status"), default=PledgeStatus.PLEDGED)
    submission_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    need: Mapped[Need] = relationship()
    project: Mapped[Project] = relationship()
    pledger: Mapped[User | None] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    events: Mapped[list["PledgeEvent"]] = relationship(order_by="PledgeEvent.id", back_populates="pledge")


class PledgeEvent(db.Model):
    """One status change of a pledge (its creation included). Append-only."""

    __tablename__ = "pledge_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    pledge_id: Mapped[int] = mapped_column(ForeignKey("pledges.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    from_status: Mapped[PledgeStatus | None] = mapped_column(enum_type(PledgeStatus, "pledge_event_from"))
    to_status: Mapped[PledgeStatus] = mapped_column(enum_type(PledgeStatus, "pledge_event_to"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    pledge: Mapped[Pledge] = relationship(back_populates="events")


offer_countries = Table(
    "offer_countries",
    db.metadata,
    Column("offer_id", ForeignKey("offers.id", ondelete="CASCADE"), primary_key=True),
    Column("country_code", ForeignKey("countries.code"), primary_key=True, index=True),
)


class Offer(db.Model):
    """A resource offered to the pool, not tied to a project, until it expires or becomes a pledge."""

    __tablename__ = "offers"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity"),
        # A double-click or a resent form carries the same key: one offer, not two.
        UniqueConstraint("offerer_id", "submission_key"),
        Index("ix_offers_status_kind_expires_on", "status", "kind", "expires_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    offerer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id", ondelete="SET NULL"))
    kind: Mapped[NeedKind] = mapped_column(enum_type(NeedKind, "offer_kind"))
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    unit: Mapped[str] = mapped_column(String(40))
    expires_on: Mapped[date] = mapped_column(Date)
    status: Mapped[OfferStatus] = mapped_column(enum_type(OfferStatus, "offer_status"), default=OfferStatus.OPEN)
    submission_key: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    offerer: Mapped[User | None] = relationship(lazy="joined")
    organisation: Mapped[Organisation | None] = relationship(lazy="joined")
    countries: Mapped[list[Country]] = relationship(secondary=offer_countries, lazy="selectin")

    @property
    def country_codes(self) -> list[str]:
        return sorted(c.code for c in self.countries)


class OfferRequest(db.Model):
    """A project's partners ask an offerer to give an offer to one of its needs; the offerer's
    confirmation turns the offer into a pledge."""

    __tablename__ = "offer_requests"
    __table_args__ = (UniqueConstraint("offer_id", "need_id"), CheckConstraint("quantity > 0", name="quantity"))

    id: Mapped[int] = mapped_column(primary_key=True)
    offer_id: Mapped[int] = mapped_column(ForeignKey("offers.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("needs.id", ondelete="CASCADE"), index=True)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # How much of the offer the partners ask for, in the need's unit.
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    message: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[OfferRequestStatus] = mapped_column(
        enum_type(OfferRequestStatus, "offer_request_status"), default=OfferRequestStatus.ASKED
    )
    pledge_id: Mapped[int | None] = mapped_column(ForeignKey("pledges.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    offer: Mapped[Offer] = relationship()
    need: Mapped[Need] = relationship()
