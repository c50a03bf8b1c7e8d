"""The web face of main."""

from app.main.web import (  # noqa: F401  (each module registers its views on the blueprint)
    menu,
    routes,
)
from app.main.web.blueprint import bp  # noqa: F401
