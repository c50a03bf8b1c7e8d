"""The web face of gate."""

from app.gate.web import (  # noqa: F401  (each module registers its views on the blueprint)
    routes,
)
from app.gate.web.blueprint import bp  # noqa: F401
