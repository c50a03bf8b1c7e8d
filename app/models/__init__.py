"""All models, imported here so that Alembic and the app see the whole schema."""

from app.models.organisation import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    organisation_themes,
)
from app.models.reference import Country, Region, Theme
from app.models.user import ApiToken, NotifyMode, ReviewerRegion, User, UserRole

__all__ = [
    "ApiToken",
    "Country",
    "Membership",
    "MembershipRole",
    "MembershipStatus",
    "NotifyMode",
    "Organisation",
    "Region",
    "ReviewerRegion",
    "Theme",
    "User",
    "UserRole",
    "organisation_themes",
]
