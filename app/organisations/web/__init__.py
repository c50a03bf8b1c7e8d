"""The web face of organisations."""

from app.organisations.web import (  # noqa: F401  (each module registers its views on the blueprint)
    routes,
)
from app.organisations.web.blueprint import bp  # noqa: F401
