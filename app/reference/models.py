"""Reference tables: regions, countries and themes (keys only; names are translated in app.reference)."""

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from app.core.extensions import db


class Region(db.Model):
    __tablename__ = "regions"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)


class Country(db.Model):
    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    region_key: Mapped[str] = mapped_column(ForeignKey("regions.key"), index=True)


class Theme(db.Model):
    __tablename__ = "themes"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
