"""JSON API v1: Bearer tokens, JSON errors, no cookies and no CSRF tokens."""

from flask import Blueprint

from app.core.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

from app.api import (  # noqa: E402,F401
    assessments,
    auth,
    comments,
    offers,
    openapi,
    project_list,
    projects,
    refusals,
    resources,
    routes,
    stats,
    transitions,
)
