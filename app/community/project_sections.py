"""What the community sections of a project page need, loaded in a fixed number of queries."""


def comments_context(project, user) -> dict:
    """Context for templates/community/_project_comments.html."""
    return {}


def engagement_context(project, user) -> dict:
    """Context for templates/community/_project_engagement.html."""
    return {}
