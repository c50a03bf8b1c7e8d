"""Indicators of an initiative and their measurements over time.

An indicator has a baseline and a target, and says whether its measurements are counted by sex
(girls, boys, other or not stated) and by age band (the bands projects count children in:
`girls_0_5 … boys_12_17`). A measurement carries its total and, when the indicator asks for them,
the values by sex and by sex and age band (`by_age`, a JSON object keyed like the project's
children columns).
"""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.columns import UTCDateTime, utcnow
from app.core.extensions import db
from app.projects.models import Project

VALUE = Numeric(14, 2)


class Indicator(db.Model):
    __tablename__ = "indicators"
    __table_args__ = (
        CheckConstraint("baseline >= 0", name="baseline"),
        CheckConstraint("target >= 0", name="target"),
        Index("ix_indicators_project_id_id", "project_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    project_id: Mapped[int] = mapped_column(ForeignKey("projects.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(40))
    baseline: Mapped[Decimal] = mapped_column(VALUE)
    target: Mapped[Decimal] = mapped_column(VALUE)
    by_sex: Mapped[bool] = mapped_column(Boolean, default=False)
    by_age: Mapped[bool] = mapped_column(Boolean, default=False)
    # Its measurements count the children the initiative reached (the dashboards add them up).
    counts_children: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    project: Mapped[Project] = relationship()
    measurements: Mapped[list["Measurement"]] = relationship(
        back_populates="indicator", order_by="(Measurement.measured_on, Measurement.id)",
        cascade="all, delete-orphan",
    )

    def __repr__(self) -> str:
        return f"<Indicator {self.id} of project {self.project_id}>"


class Measurement(db.Model):
    __tablename__ = "measurements"
    __table_args__ = (
        CheckConstraint("total >= 0", name="total"),
        CheckConstraint("girls IS NULL OR girls >= 0", name="girls"),
        CheckConstraint("boys IS NULL OR boys >= 0", name="boys"),
        CheckConstraint("other IS NULL OR other >= 0", name="other"),
        Index("ix_measurements_indicator_id_measured_on", "indicator_id", "measured_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id", ondelete="CASCADE"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    measured_on: Mapped[date] = mapped_column(Date)
    total: Mapped[Decimal] = mapped_column(VALUE)
    girls: Mapped[Decimal | None] = mapped_column(VALUE)
    boys: Mapped[Decimal | None] = mapped_column(VALUE)
    other: Mapped[Decimal | None] = mapped_column(VALUE)
    by_age: Mapped[dict] = mapped_column(JSON, default=dict)  # {"girls_0_5": "12", …} when by age
    source: Mapped[str] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    indicator: Mapped[Indicator] = relationship(back_populates="measurements")
