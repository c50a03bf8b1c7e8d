"""Community: comments and moderation; supports, follows, updates, milestones and notifications."""

from flask import Blueprint

bp = Blueprint("community", __name__)

from app.community import comments, engagement, moderation, notifications, updates  # noqa: E402,F401
