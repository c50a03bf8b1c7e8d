"""Ideas: what they add to other pages (the initiative's origin on its page)."""

from app.ideas.web import project_sections  # noqa: F401  (registers the project page's section)
from app.ideas.web.blueprint import bp  # noqa: F401
