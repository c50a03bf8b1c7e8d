"""The web face of initiatives: lists, pages, forms, assessments and attachments."""

from flask import Blueprint

bp = Blueprint("projects", __name__, template_folder="../templates")

from app.projects.web import assessments, attachments, listing, routes  # noqa: E402,F401
