"""Resource pooling pages: a project's needs and pledges, and the pool of offers."""

from flask import Blueprint

bp = Blueprint("resources", __name__, template_folder="../templates")

from app.resources.web import needs, offers, pledges  # noqa: E402,F401
