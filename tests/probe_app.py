"""A second app on the test database, with a few routes that fail on purpose.

No page of the app answers 403, 429 or 500 on demand, yet people and API
clients must get those errors in the site's layout (or as JSON under /api/v1).
The probe app is the real app — same factory, same error handlers, same
headers — plus these routes, under /probe and /api/v1/probe:

    /forbidden   aborts with 403
    /limited     allows one request a minute (a real Flask-Limiter limit)
    /broken      raises an unexpected exception (500)
"""

from flask import Blueprint, Flask, abort

from app import create_app
from app.core.extensions import limiter
from config import TestingConfig


def create_probe_app(app: Flask) -> Flask:
    """Build the probe app on the database of the session `app`; dispose of its engine when done."""
    probe = create_app(
        TestingConfig,
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        MAIL_OUTBOX_DIR=app.config["MAIL_OUTBOX_DIR"],
        RATELIMIT_STORAGE_URI="memory://",
        PROPAGATE_EXCEPTIONS=False,  # let the 500 handler answer, as in production
    )
    probe.register_blueprint(probe_blueprint("probe_pages", "/probe"))
    probe.register_blueprint(probe_blueprint("probe_api", "/api/v1/probe"))
    return probe


def probe_blueprint(name: str, prefix: str) -> Blueprint:
    bp = Blueprint(name, __name__, url_prefix=prefix)

    @bp.get("/forbidden")
    def forbidden():
        abort(403)

    @bp.get("/limited")
    @limiter.limit("1 per minute")
    def limited():
        return "allowed"

    @bp.get("/broken")
    def broken():
        raise RuntimeError("a failure on purpose (probe app)")

    return bp
