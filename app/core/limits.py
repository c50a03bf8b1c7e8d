"""Rate limits on writing: every write, and posting, per signed-in person (the API's token or the
session) and per address.

Every write request (POST, PUT, PATCH, DELETE) of every route spends two budgets shared by all routes
(`limit_every_write`): RATELIMIT_WRITE per signed-in person, RATELIMIT_WRITE_ADDRESS per address.
Posting also spends a budget of its kind (RATELIMIT_POST), shared by the web forms and the API calls of
that kind: a person who posts through both spends the same budget. Past a budget the answer is 429 (the
page, or the API's `rate_limited` error) with Retry-After.
"""

from flask import Flask, current_app, g
from flask_limiter.util import get_remote_address
from flask_login import current_user

from app.core.extensions import limiter

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UNLIMITED_WRITES = frozenset({"auth.logout"})  # a person can always end their sessions


def signed_in() -> bool:
    return getattr(g.get("api_user") or current_user, "is_authenticated", False)


def poster_key() -> str:
    """Posts are counted per person (the API's token or the session), else per address."""
    if signed_in():
        return f"user:{(g.get('api_user') or current_user).id}"
    return get_remote_address()


def posting_limit(scope: str):
    """A decorator spending the RATELIMIT_POST budget named `scope` on POST requests."""
    return limiter.shared_limit(
        lambda: current_app.config["RATELIMIT_POST"], scope=scope, key_func=poster_key, methods=["POST"]
    )


comment_limit = posting_limit("comment-posts")  # comments and reports, web and API
resource_limit = posting_limit("resource-posts")  # needs, pledges and offers, web and API
results_limit = posting_limit("results-posts")  # indicators and measurements, web and API
engagement_limit = posting_limit("engagement-posts")  # updates and milestones
consultation_limit = posting_limit("consultation-posts")  # consultations with children, web and API


def _write_budget() -> str:
    return current_app.config["RATELIMIT_WRITE"]


def _write_budget_per_address() -> str:
    return current_app.config["RATELIMIT_WRITE_ADDRESS"]


# Made once (the limiter keeps each limit once, however many apps are made): checked inside the view,
# after the API's token is read.
_per_account = limiter.shared_limit(
    _write_budget, scope="writes", key_func=poster_key, methods=sorted(WRITES), exempt_when=lambda: not signed_in()
)
_per_address = limiter.shared_limit(
    _write_budget_per_address, scope="writes-address", key_func=get_remote_address, methods=sorted(WRITES)
)


def limit_every_write(app: Flask) -> None:
    """Give every route that writes (but UNLIMITED_WRITES) the two write budgets; after the blueprints."""
    endpoints = {rule.endpoint for rule in app.url_map.iter_rules() if rule.methods & WRITES}
    for endpoint in sorted(endpoints - UNLIMITED_WRITES):
        app.view_functions[endpoint] = _per_address(_per_account(app.view_functions[endpoint]))
