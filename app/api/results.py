"""API: an initiative's indicators and their measurements.

GET  /projects/{id}/indicators        `{items}`: the indicators with their measurements, oldest first.
POST /projects/{id}/indicators        `{name, unit, baseline, target, by_sex, by_age, counts_children}`
                                      by the partners, from incubating on.
POST /indicators/{id}/measurements    `{measured_on, values: {total, girls, boys, other, girls_0_5 …},
                                      source}` by the partners.

| refusal                                                          | status | code             |
|------------------------------------------------------------------|--------|------------------|
| no token (writes)                                                | 401    | `unauthorized`   |
| not a partner of the initiative's organisation                   | 403    | `forbidden`      |
| an initiative the caller may not view                            | 404    | `not_found`      |
| a stage that takes no results (before incubation, under          | 409    | `results_closed` |
| completion review, ended)                                        |        |                  |
| a bad field, a disaggregation that does not add up (which one)   | 422    | `invalid`        |
| too many posts (RATELIMIT_POST, shared with the web)             | 429    | `rate_limited`   |
"""

from flask import g

from app.api.auth import token_required
from app.api.blueprint import bp
from app.api.body import read_body
from app.api.projects import project_or_404
from app.api.refusals import not_found
from app.api.schemas.results import Indicator, IndicatorCreate, IndicatorList, Measurement, MeasurementCreate
from app.api.spec import TOKEN, operation
from app.core.json_errors import error_response
from app.core.limits import results_limit
from app.results import indicators as indicator_service
from app.results.models import Indicator as IndicatorRow
from app.results.models import Measurement as MeasurementRow
from app.results.refusals import ResultsClosed
from app.results.values import plain

POSTING = {403: ["forbidden"], 404: ["not_found"], 409: ["results_closed", "conflict"], 429: ["rate_limited"]}
PLAIN_LOCALE = "en"  # numbers in the API are in plain notation


@bp.errorhandler(ResultsClosed)
def handle_results_closed(error: ResultsClosed):
    return error_response(409, "results_closed", str(error.message))


def measurement_answer(measurement: MeasurementRow) -> Measurement:
    return Measurement(id=measurement.id, indicator_id=measurement.indicator_id, measured_on=measurement.measured_on,
                       values=indicator_service.measurement_values(measurement), source=measurement.source,
                       created_at=measurement.created_at)


def indicator_answer(indicator: IndicatorRow) -> Indicator:
    return Indicator(
        id=indicator.id, project_id=indicator.project_id, name=indicator.name, unit=indicator.unit,
        baseline=plain(indicator.baseline), target=plain(indicator.target), by_sex=indicator.by_sex,
        by_age=indicator.by_age, counts_children=indicator.counts_children,
        measurements=[measurement_answer(m) for m in indicator.measurements],
        created_at=indicator.created_at, updated_at=indicator.updated_at,
    )


@bp.get("/projects/<int:project_id>/indicators")
@operation("results", ok={200: (IndicatorList, "The indicators with their measurements.")},
           errors={404: ["not_found"]})
def list_indicators(project_id: int):
    """The initiative's indicators

    Each indicator with its baseline, target and measurements (oldest first), in the order they were added.
    """
    project = project_or_404(project_id)
    return IndicatorList(items=[indicator_answer(i) for i in indicator_service.indicators_of(project)])


@bp.post("/projects/<int:project_id>/indicators")
@operation("results", ok={201: (Indicator, "The indicator.")}, body=IndicatorCreate, errors=POSTING,
           access=TOKEN)
@token_required
@results_limit
def create_indicator(project_id: int):
    """Add an indicator

    By the partners of the initiative's organisation while it is incubating, in launch review or active
    (409 `results_closed` at other stages). `by_age` needs `by_sex`.
    """
    project = project_or_404(project_id)
    indicator_service.check_manage(g.api_user, project)
    sent = read_body(IndicatorCreate)
    indicator = indicator_service.add_indicator(
        project, g.api_user, name=sent.name, unit=sent.unit, baseline=sent.baseline, target=sent.target,
        by_sex=sent.by_sex, by_age=sent.by_age, counts_children=sent.counts_children, locale=PLAIN_LOCALE,
    )
    return indicator_answer(indicator), 201


@bp.post("/indicators/<int:indicator_id>/measurements")
@operation("results", ok={201: (Measurement, "The measurement.")}, body=MeasurementCreate, errors=POSTING,
           access=TOKEN)
@token_required
@results_limit
def create_measurement(indicator_id: int):
    """Record a measurement

    By the partners. The values give the total, and girls, boys and other when the indicator is counted by
    sex (they must add up to the total), and `girls_0_5 … boys_12_17` when by age band (each sex's bands
    must add up to it); a refusal names the part that does not add up.
    """
    indicator = indicator_service.viewable_indicator(indicator_id, g.api_user)
    if indicator is None:
        raise not_found()
    indicator_service.check_manage(g.api_user, indicator.project)
    sent = read_body(MeasurementCreate)
    values = sent.values.model_dump(exclude_none=True)
    measurement = indicator_service.add_measurement(indicator, g.api_user, measured_on=sent.measured_on,
                                                    values=values, source=sent.source, locale=PLAIN_LOCALE)
    return measurement_answer(measurement), 201
