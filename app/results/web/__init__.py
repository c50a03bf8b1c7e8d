"""Results pages: an initiative's indicators on its page, and the partners' forms to record them."""

from app.results.web import routes, sections  # noqa: F401  (each module registers its views or section)
from app.results.web.blueprint import bp  # noqa: F401
