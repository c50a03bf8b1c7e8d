"""The web face of My lab."""

from app.lab.web import routes  # noqa: F401  (registers its views on the blueprint)
from app.lab.web.blueprint import bp  # noqa: F401
