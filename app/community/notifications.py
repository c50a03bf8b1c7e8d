"""Engagement pages (being written)."""

from app.community import bp  # noqa: F401
