"""Dashboards and exports: the public figures, the reviewers' figures and the CSV files."""

from flask import Blueprint

bp = Blueprint("reports", __name__)

from app.reports import routes  # noqa: E402,F401
