"""Resource pooling pages: a project's needs and pledges, and the pool of offers."""

from flask import Blueprint

bp = Blueprint("resources", __name__)

from app.resources import offers, pledges, routes  # noqa: E402,F401
