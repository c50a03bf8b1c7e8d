"""Rate limits on posting, per signed-in person (the API's token or the session), else per address.

Each budget (RATELIMIT_POST) is shared by the web forms and the API calls of one kind: a person who
posts through both spends the same budget.
"""

from flask import current_app, g
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.core.extensions import limiter


def poster_key() -> str:
    """Posts are counted per person (the API's token or the session), else per address."""
    user = g.get("api_user") or current_user
    if getattr(user, "is_authenticated", False):
        return f"user:{user.id}"
    return get_remote_address()


def posting_limit(scope: str):
    """A decorator spending the RATELIMIT_POST budget named `scope` on POST requests."""
    return limiter.shared_limit(
        lambda: current_app.config["RATELIMIT_POST"], scope=scope, key_func=poster_key, methods=["POST"]
    )


comment_limit = posting_limit("comment-posts")  # comments and reports, web and API
resource_limit = posting_limit("resource-posts")  # needs, pledges and offers, web and API
engagement_limit = posting_limit("engagement-posts")  # updates and milestones
