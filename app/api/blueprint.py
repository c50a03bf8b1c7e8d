"""The blueprint of this JSON API; its modules register their views on it."""

from flask import Blueprint

from app.core.extensions import csrf

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
