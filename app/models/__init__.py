"""All models, imported here so that Alembic and the app see the whole schema."""

from app.models import guards  # noqa: E402,F401  (stage and history protections)
from app.models.assessment import Assessment, AssessmentReview, GECode, Phase, Setting, Verdict
from app.models.community import (
    Comment,
    CommentFlag,
    CommentStatus,
    Follow,
    Milestone,
    Notification,
    PostStatus,
    ProjectUpdate,
    Support,
)
from app.models.organisation import (
    Membership,
    MembershipRole,
    MembershipStatus,
    Organisation,
    organisation_themes,
)
from app.models.project import Attachment, Project, ProjectEvent, ReviewerNote, Stage, project_themes
from app.models.reference import Country, Region, Theme
from app.models.user import ApiToken, NotifyMode, ReviewerRegion, User, UserRole

__all__ = [
    "Comment",
    "CommentFlag",
    "CommentStatus",
    "Follow",
    "Milestone",
    "Notification",
    "PostStatus",
    "ProjectUpdate",
    "Support",
    "Assessment",
    "AssessmentReview",
    "Attachment",
    "GECode",
    "Phase",
    "Project",
    "ProjectEvent",
    "ReviewerNote",
    "Setting",
    "Stage",
    "Verdict",
    "project_themes",
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
