"""Resource pooling pages: a project's needs and pledges, and the pool of offers."""

from app.resources.web import (  # noqa: F401  (each module registers its views on the blueprint)
    needs,
    offers,
    pledges,
)
from app.resources.web.blueprint import bp  # noqa: F401
