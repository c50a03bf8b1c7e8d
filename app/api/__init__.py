"""JSON API v1: Bearer tokens, JSON errors, no cookies and no CSRF tokens."""

from app.api import (  # noqa: F401  (each module registers its views on the blueprint)
    assessments,
    auth,
    comments,
    consultations,
    docs,
    offers,
    project_list,
    projects,
    refusals,
    resources,
    results,
    routes,
    spec,
    stats,
    transitions,
)
from app.api.blueprint import bp  # noqa: F401
