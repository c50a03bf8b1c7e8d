"""Fetch-or-abort for the web face: a project the current reader may see, or 404."""

from flask import abort
from flask_login import current_user

from app.projects import projects
from app.projects.models import Project


def viewable_project_or_404(project_id: int, *options) -> Project:
    """The project, if the current user may see it; 404 otherwise (never 403, so drafts stay unseen)."""
    project = projects.viewable_project(project_id, current_user, *options)
    if project is None:
        abort(404)
    return project
