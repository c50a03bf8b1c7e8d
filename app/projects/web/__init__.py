"""The web face of initiatives: lists, pages, forms, assessments and attachments."""

from app.projects.web import (  # noqa: F401  (each module registers its views on the blueprint)
    assessments,
    attachments,
    covers,
    listing,
    routes,
)
from app.projects.web.blueprint import bp  # noqa: F401
