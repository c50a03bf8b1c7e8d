"""Bearer authentication for /api/v1.

Every API request is judged on its token alone: the session cookie is ignored,
so a browser's session can never be used for a cross-site API call.
"""

from functools import wraps

from flask import current_app, g, request
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from app.accounts.models import ApiToken, User, hash_token
from app.api.blueprint import bp
from app.core.cache import TokenCheck, use_token_check
from app.core.extensions import db
from app.core.json_errors import error_response


def bearer_token() -> str | None:
    """The token of an `Authorization: Bearer <token>` header (the scheme's case aside), or None for
    any other scheme, a header without one, or an empty token."""
    scheme, _sep, raw = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    return raw.strip()


def token_user():
    """The user whose valid, unrevoked Bearer token is in the Authorization header, or None."""
    raw = bearer_token()
    if raw is None:
        return None
    user = db.session.scalar(  # one query (a reviewer's regions: a second one, see app.accounts.accounts.load_user)
        select(User)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.token_hash == hash_token(raw), ApiToken.revoked_at.is_(None), User.active.is_(True))
        .options(lazyload(User.reviewer_regions))
    )
    if user is not None and user.is_reviewer:
        user.region_keys  # noqa: B018
    return user


def bearer_digest() -> str | None:
    """The stored form (hash) of the request's Bearer token; None without one (another scheme too)."""
    raw = bearer_token()
    return None if raw is None else hash_token(raw)


def refuse_token():
    return error_response(401, "unauthorized", _("The API token is missing, invalid or revoked."))


@bp.before_request
def authenticate():
    g.api_user = None
    if "Authorization" in request.headers:
        view = current_app.view_functions.get(request.endpoint)
        if request.method == "GET" and getattr(view, "checks_the_token", False):
            g.api_token_to_check = True  # by app.core.cache.cached_page: once per data version
            return None
        g.api_user = token_user()
        if g.api_user is None:
            return refuse_token()
    return None


def token_required(view):
    """Refuse with 401 unless the request carries a valid token."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        if g.api_user is None:
            return error_response(401, "unauthorized", _("This call needs an API token."))
        return view(*args, **kwargs)

    return wrapper


use_token_check(TokenCheck(user=token_user, digest=bearer_digest, refuse=refuse_token))
