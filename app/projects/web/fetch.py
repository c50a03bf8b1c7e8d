"""Fetch-or-abort for the web face: a project the current reader may see, or 404."""

from flask import abort
from flask_login import current_user
from sqlalchemy import select

from app import permissions
from app.core.extensions import db
from app.projects.models import Project


def viewable_project_or_404(project_id: int, *options) -> Project:
    """The project, if the current user may see it; 404 otherwise (never 403, so drafts stay unseen)."""
    project = db.session.scalar(select(Project).where(Project.id == project_id).options(*options))
    if project is None or not permissions.can_view_project(current_user, project):
        abort(404)
    return project
