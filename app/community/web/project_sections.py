"""The community's sections of a project page (engagement, discussion), loaded in a fixed number of queries."""

from types import SimpleNamespace

from app import permissions
from app.community import engagement, updates
from app.community.web.comments import thread_context
from app.projects.models import PUBLIC_STAGES
from app.projects.web.pages import add_page_section


@add_page_section
def comments_context(project, user) -> dict:
    """Context for templates/community/_project_comments.html: the project's discussion as `user`
    sees it (`thread`) and an empty comment form (`comment_form`), in two queries whatever the number
    of comments (app.community.comments.thread_context)."""

    return thread_context(project, user)


@add_page_section
def engagement_context(project, user) -> dict:
    """Context for templates/community/_project_engagement.html, all under one key (`engagement`):
    the support count and the reader's support and follow (one query), the latest published
    updates (one), the milestones (one)."""


    counts = engagement.engagement_of(project, user)
    milestones = updates.milestones_of(project)
    return {
        "engagement": SimpleNamespace(
            supports=counts.supports,
            supported=counts.supported,
            following=counts.following,
            can_support=permissions.can_support(user, project),
            in_public=project.stage in PUBLIC_STAGES,
            is_partner=permissions.is_partner_of(user, project.organisation),
            can_post_update=permissions.can_post_update(user, project),
            latest_updates=updates.latest_updates(project),
            milestones=milestones,
            progress=updates.progress(milestones),
        )
    }
