"""API: GET /api/v1/stats, the dashboards' figures.

Everyone gets the public figures (projects standing in a public stage). A reviewer's or an admin's
token (permissions.can_see_review_stats) adds `review`: the reviewers' figures over every project
but drafts. Keys are the stable keys of DESIGN.md; amounts are strings in plain notation at the
unit's precision, one line per kind and unit (currencies are never added together); durations are
days with one decimal, null when there is nothing to measure.
"""

from flask import g

from app import permissions
from app.api.blueprint import bp
from app.api.resources import quantity_text
from app.api.schemas.stats import Stats
from app.api.spec import operation
from app.reports import stats
from app.reports.stats import ProjectCounts, ReviewFigures


def counts_fields(counts: ProjectCounts) -> dict:
    return {
        "total": counts.total,
        "by_stage": {stage.value: count for stage, count in counts.by_stage.items()},
        "by_country": dict(counts.by_country),
        "by_region": dict(counts.by_region),
    }


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _share(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def review_fields(figures: ReviewFigures) -> dict:
    projects = figures.projects
    return {
        "projects": {
            **counts_fields(projects),
            "girls_focused": projects.girls_focused,
            "girls_focused_share": _share(projects.girls_focused_share),
        },
        "ge_codes": {
            "by_code": {code.value: count for code, count in figures.ge_codes.items()},
            "not_reviewed": figures.not_reviewed,
        },
        "review_time": {
            "by_stage": {
                line.stage.value: {
                    "waiting": line.waiting,
                    "median_days_waiting": _days(line.median_days),
                    "longest_days_waiting": _days(line.longest_days),
                    "finished": line.finished,
                    "median_days_finished": _days(line.finished_median_days),
                }
                for line in figures.review_times
            },
            "finished": figures.finished_reviews,
            "median_days_finished": _days(figures.finished_median_days),
        },
        "resources": [
            {
                "kind": line.kind.value,
                "unit": line.unit,
                "needs": line.needs,
                "target": quantity_text(line.target, line.kind, line.unit),
                "pledged": quantity_text(line.pledged, line.kind, line.unit),
                "fulfilled": quantity_text(line.fulfilled, line.kind, line.unit),
                "pledges": line.pledges,
            }
            for line in figures.resources
        ],
        "participation": {
            "comments": figures.participation.comments,
            "supports": figures.participation.supports,
            "follows": figures.participation.follows,
            "pledges": figures.participation.pledges,
            "active_people": figures.participation.active_people,
            "active_days": figures.participation.active_days,
        },
    }


@bp.get("/stats")
@operation("stats", ok={200: (Stats, "The figures.")})
def get_stats():
    """The dashboards' figures

    Everyone gets the public figures over the projects in public stages; a reviewer's or an admin's
    token adds `review` (every project but drafts): projects with girls_focused and girls_focused_share,
    ge_codes, review_time, resources, participation.
    """
    if not permissions.can_see_review_stats(g.api_user):
        return Stats(projects=counts_fields(stats.public_figures()))
    figures = stats.review_figures()
    return Stats(projects=counts_fields(figures.public), review=review_fields(figures))
