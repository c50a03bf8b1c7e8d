"""Community: comments and moderation; supports, follows, updates, milestones and notifications."""

from app.community.web import (  # noqa: F401  (each module registers its views on the blueprint)
    comments,
    engagement,
    milestones,
    moderation,
    notifications,
    project_sections,
    updates,
)
from app.community.web.blueprint import bp  # noqa: F401
