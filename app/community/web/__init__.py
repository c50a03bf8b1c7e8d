"""Community: comments and moderation; supports, follows, updates, milestones and notifications."""

from flask import Blueprint

bp = Blueprint("community", __name__, template_folder="../templates")

from app.community.web import comments, engagement, milestones, moderation, notifications, project_sections, updates  # noqa: E402,F401
