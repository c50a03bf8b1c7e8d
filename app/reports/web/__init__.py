"""Dashboards and exports: the public figures, the reviewers' figures and the CSV files."""

from app.reports.web import (  # noqa: F401  (each module registers its views on the blueprint)
    routes,
)
from app.reports.web.blueprint import bp  # noqa: F401
