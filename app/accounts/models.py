"""Accounts: people, their role, reviewer regions and API tokens."""

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

from flask import current_app
from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from app.core.columns import UTCDateTime, enum_type, utcnow
from app.core.extensions import db


class UserRole(StrEnum):
    COMMUNITY = "community"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class NotifyMode(StrEnum):
    IMMEDIATE = "immediate"
    DIGEST = "digest"


def new_session_token() -> str:
    return secrets.token_hex(32)


def normalise_email(email: str) -> str:
    return email.strip().lower()


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (CheckConstraint("locale IN ('en', 'fr', 'es', 'ar')", name="locale"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[UserRole] = mapped_column(enum_type(UserRole, "user_role"), default=UserRole.COMMUNITY)
    locale: Mapped[str] = mapped_column(String(5), default="en")
    notify_mode: Mapped[NotifyMode] = mapped_column(
        enum_type(NotifyMode, "notify_mode"), default=NotifyMode.IMMEDIATE
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    email_verified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # Flask-Login's "alternative id": rotated to end every session of the user.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    reviewer_regions: Mapped[list["ReviewerRegion"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )
    memberships: Mapped[list["Membership"]] = relationship(  # noqa: F821
        back_populates="user", cascade="all, delete-orphan"
    )
    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user", cascade="all, delete-orphan")

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"

    # Flask-Login
    def get_id(self) -> str:
        return self.session_token

    @property
    def is_active(self) -> bool:
        return self.active

    def rotate_session_token(self) -> None:
        """End every existing session and remember-me cookie of this user."""
        self.session_token = new_session_token()

    # Passwords
    def set_password(self, password: str) -> None:
        method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt")
        self.password_hash = generate_password_hash(password, method=method)
        self.rotate_session_token()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_verified(self) -> bool:
        return self.email_verified_at is not None

    @property
    def is_admin(self) -> bool:
        return self.role == UserRole.ADMIN

    @property
    def is_reviewer(self) -> bool:
        return self.role == UserRole.REVIEWER

    @property
    def region_keys(self) -> set[str]:
        return {r.region_key for r in self.reviewer_regions}


class ReviewerRegion(db.Model):
    __tablename__ = "reviewer_regions"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    region_key: Mapped[str] = mapped_column(ForeignKey("regions.key"), primary_key=True)

    user: Mapped[User] = relationship(back_populates="reviewer_regions")


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(db.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(80))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship(back_populates="tokens")
