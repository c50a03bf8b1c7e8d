"""Security headers on every response, and the login manager's user loader."""

from flask import Flask, abort, g, request
from sqlalchemy import select
from sqlalchemy.orm import lazyload

from app.accounts.models import User
from app.core.extensions import db, login_manager

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)


def init_app(app: Flask) -> None:
    login_manager.login_view = "auth.login"
    login_manager.session_protection = "basic"

    @app.before_request
    def refuse_nul_characters():
        """No database stores NUL in text: refuse it in the path, query or form (400) before any view."""
        if "\x00" in request.path or any(
            "\x00" in value for source in (request.args, request.form) for _key, value in source.items(multi=True)
        ):
            abort(400)

    @app.after_request
    def set_security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        headers["X-Content-Type-Options"] = "nosniff"
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        headers["X-Frame-Options"] = "DENY"
        headers["Cross-Origin-Opener-Policy"] = "same-origin"
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()"
        if app.config.get("HSTS"):
            headers["Strict-Transport-Security"] = "max-age=63072000; includeSubDomains"
        if "Cache-Control" not in headers and answers_a_signed_in_person():
            # A shared cache (a proxy, a CDN) must never hand one person's page to another.
            headers["Cache-Control"] = "private, no-store"
        return response


def answers_a_signed_in_person() -> bool:
    """Whether this request was judged as a signed-in person (by its session or its API token)."""
    if g.get("api_reader_id") or g.get("session_reader_id"):  # known through the cache (app/cache.py)
        return True
    return any(getattr(g.get(name), "is_authenticated", False) for name in ("_login_user", "api_user"))


@login_manager.user_loader
def load_user(session_token: str) -> User | None:
    """Sessions carry the user's rotating session token, never the numeric id."""
    # One query, and a second for reviewers only: their regions (loaded now, as streamed pages read
    # them after the request's session is gone).
    user = db.session.scalar(
        select(User).where(User.session_token == session_token).options(lazyload(User.reviewer_regions))
    )
    if user is None or not user.active:
        return None
    if user.is_reviewer:
        user.region_keys  # noqa: B018
    return user
