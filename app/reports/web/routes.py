"""The dashboards and the CSV downloads.

/stats and /stats.csv are public (projects in public stages only). /stats/review and the exports
under /exports/ are for reviewers and admins (permissions.can_see_review_stats, can_export):
visitors are sent to log in, everyone else gets 403.
"""

from flask import Response, abort, render_template, stream_with_context
from flask_login import current_user, login_required

from app import permissions
from app.core.cache import cached_page
from app.core.columns import utcnow
from app.core.errors import NotPermitted
from app.reference.country_map import country_map
from app.reports import exports, stats
from app.reports.web.blueprint import bp
from app.reports.web.figures import consulted_figures, number, project_figures, review_page_figures
from app.reports.web.reach_figures import reach_figures
from app.voice.figures import children_consulted


def csv_response(name: str, lines, private: bool) -> Response:
    """A streamed CSV download named after the export and today's date."""
    response = Response(stream_with_context(lines), mimetype="text/csv")
    filename = f"sociallab-{name}-{utcnow().date().isoformat()}.csv"
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


@bp.get("/stats")
@cached_page
def stats_page():
    """The public dashboard: projects in public stages by stage and region, and on a map by country; the
    children consulted on them by sex and age and by country."""
    counts = stats.public_figures()
    return render_template(
        "reports/stats.html",
        counts=counts,
        total_text=number(counts.total),
        figures=project_figures(counts, "public", by_country=False),
        country_map=country_map(counts.by_country),
        consulted=consulted_figures(children_consulted()),
        reviewer=permissions.can_see_review_stats(current_user),
    )


@bp.get("/stats/results")
@cached_page
def results_stats():
    """The public dashboard of results: children reached, planned against measured, by sex, age band,
    country and theme; the share of completed initiatives with results counted by sex."""
    return render_template("reports/results.html", figures=reach_figures())


@bp.get("/stats.csv")
def stats_csv():
    """The public figures as CSV (figure, key, count)."""
    return csv_response("stats", exports.stats_lines(stats.public_figures()), private=False)


@bp.get("/stats/review")
@login_required
def review_stats():
    """The reviewers' dashboard and the list of exports."""
    if not permissions.can_see_review_stats(current_user):
        abort(403)
    figures = stats.review_figures()
    return render_template(
        "reports/review.html",
        figures=review_page_figures(figures),
        total=figures.projects.total,
        total_text=number(figures.projects.total),
        exports=exports.EXPORTS.values(),
        may_export=permissions.can_export(current_user),
    )


def export_view(name: str):
    @login_required
    def view():
        if not permissions.can_export(current_user):
            abort(403)
        try:
            lines = exports.stream(name, current_user._get_current_object())
        except NotPermitted:
            abort(403)
        return csv_response(name, lines, private=True)

    view.__name__ = f"export_{name}"
    view.__doc__ = f"The {name} export (CSV, streamed) for reviewers and admins."
    return view


for export_name in exports.EXPORTS:
    bp.add_url_rule(
        f"/exports/{export_name}.csv", endpoint=f"export_{export_name}", view_func=export_view(export_name),
        methods=["GET"],
    )
