"""Dashboards and exports: the public figures, the reviewers' figures and the CSV files."""

from flask import Blueprint

bp = Blueprint("reports", __name__, template_folder="../templates")

from app.reports.web import routes  # noqa: E402,F401
