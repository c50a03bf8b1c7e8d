"""The web face of admin."""

from app.admin.web import (  # noqa: F401  (each module registers its views on the blueprint)
    jobs,
    routes,
    settings,
)
from app.admin.web.blueprint import bp  # noqa: F401
