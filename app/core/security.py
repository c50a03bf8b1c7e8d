"""Security headers on every response, and requests refused before any view."""

from flask import Flask, abort, g, request, session

from app.core.extensions import login_manager

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
    if g.get("api_reader_id") or g.get("session_reader_id"):  # known through the cache (app/core/cache.py)
        return True
    if any(getattr(g.get(name), "is_authenticated", False) for name in ("_login_user", "api_user")):
        return True
    # A signed-in browser's session on an API answer: the API ignores it (no query to load its account),
    # but a shared cache must not keep the answer.
    return bool(session.get("_user_id"))
