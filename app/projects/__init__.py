from flask import Blueprint

bp = Blueprint("projects", __name__)

from app.projects import assessment_routes, attachment_routes, listing, routes  # noqa: E402,F401
