"""The ideas' section of a project page: the idea (and call) the initiative came from, in one query."""

from app.ideas import adoption
from app.projects.web.pages import add_page_section


@add_page_section
def origin_context(project, user) -> dict:
    """Context for templates/ideas/_project_origin.html: `origin` (app.ideas.adoption.Origin) or None."""
    return {"origin": adoption.origin_of(project)}
