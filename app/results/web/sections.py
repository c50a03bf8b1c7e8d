"""The results section of the project page, and each indicator as the page shows it (a chart with a
table of the same numbers beside it), loaded in two queries whatever the number of indicators."""

from dataclasses import dataclass
from types import SimpleNamespace

from flask_babel import format_date
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import func, select

from app import permissions
from app.core.extensions import db
from app.projects.models import Project, Stage
from app.projects.web.pages import add_page_section
from app.results import indicators as indicator_service
from app.results.models import Indicator
from app.results.values import BAND_KEYS, plain
from app.results.web.charts import indicator_chart
from app.results.web.forms import BAND_LABELS, SEX_LABELS

# Where the page shows the section (before incubation an initiative has no indicators).
SHOWN_IN = frozenset({Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE, Stage.COMPLETION_REVIEW,
                      Stage.COMPLETED, Stage.WITHDRAWN})


@dataclass
class IndicatorView:
    indicator: Indicator
    chart: Markup
    baseline: str
    target: str
    headers: list[str]
    rows: list[list[str]]


def column_label(key: str) -> str:
    if key in BAND_KEYS:
        sex, band = key.split("_", 1)
        return f"{SEX_LABELS[sex]}, {BAND_LABELS[band]}"
    return {"total": _("Total"), "girls": _("Girls"), "boys": _("Boys"), "other": _("Other or not stated")}[key]


def indicator_view(indicator: Indicator) -> IndicatorView:
    keys = ["total", *(("girls", "boys", "other") if indicator.by_sex else ()),
            *(BAND_KEYS if indicator.by_age else ())]
    rows = []
    for measurement in indicator.measurements:
        values = indicator_service.measurement_values(measurement)
        rows.append([format_date(measurement.measured_on), *(values.get(k, "") for k in keys), measurement.source])
    return IndicatorView(
        indicator=indicator,
        chart=indicator_chart(indicator, f"indicator-{indicator.id}"),
        baseline=plain(indicator.baseline),
        target=plain(indicator.target),
        headers=[_("Date"), *(column_label(k) for k in keys), _("Source")],
        rows=rows,
    )


def indicator_views(project: Project) -> list[IndicatorView]:
    return [indicator_view(indicator) for indicator in indicator_service.indicators_of(project)]


def results_page(project: Project, user) -> SimpleNamespace:
    """What the results page shows: every indicator as a chart and a table (two queries)."""
    return SimpleNamespace(indicators=indicator_views(project),
                           can_manage=permissions.can_manage_indicators(user, project))


@add_page_section
def results_section(project: Project, user) -> dict:
    """Context for templates/results/_project_results.html under one key (`results_section`): how many
    indicators the initiative has (one query), and whether the reader may add one."""
    if project.stage not in SHOWN_IN:
        return {"results_section": None}
    count = db.session.scalar(select(func.count(Indicator.id)).where(Indicator.project_id == project.id))
    return {"results_section": SimpleNamespace(count=count,
                                               can_manage=permissions.can_manage_indicators(user, project))}
