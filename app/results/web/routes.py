"""The partners' forms to add and change an initiative's indicators and to record measurements.

Every change is a POST with a CSRF token; a refusal says why on the form, with the person's typing kept.
"""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import permissions
from app.core import transaction
from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.forms import attach_errors
from app.core.limits import results_limit
from app.projects.web.fetch import viewable_project_or_404
from app.results import indicators as indicator_service
from app.results.refusals import ResultsClosed, ResultsInvalid
from app.results.values import BAND_KEYS, plain
from app.results.web.blueprint import bp
from app.results.web.forms import IndicatorForm, MeasurementForm
from app.results.web.sections import indicator_view, results_page


def project_url(project_id: int, anchor: str | None = None) -> str:
    return url_for("results.show", id=project_id, _anchor=anchor)


def manageable_project_or_404(project_id: int):
    """The project, if the current user may view it; 403 unless they may record its results."""
    project = viewable_project_or_404(project_id)
    if not permissions.is_results_partner(current_user, project):
        abort(403)
    return project


def indicator_or_404(project_id: int, indicator_id: int):
    indicator = indicator_service.viewable_indicator(indicator_id, current_user)
    if indicator is None or indicator.project_id != project_id:
        abort(404)
    if not permissions.is_results_partner(current_user, indicator.project):
        abort(403)
    return indicator.project, indicator


def _refused(refusal, status: int, render):
    transaction.discard()
    return render(status=status, refusal=refusal.message)


def _closed_notice(project):
    """Why the form cannot be sent at this stage, shown on its page (None when it can)."""
    try:
        indicator_service.check_manage(current_user, project)
    except (ResultsClosed, NotPermitted) as refusal:
        return refusal.message
    return None


@bp.get("/projects/<int:id>/results")
def show(id: int):
    """The results page: each indicator as a chart with a table of the same numbers beside it."""
    project = viewable_project_or_404(id)
    return render_template("results/results.html", project=project,
                           results=results_page(project, current_user))


@bp.route("/projects/<int:id>/indicators/new", methods=["GET", "POST"])
@login_required
@results_limit
def add_indicator(id: int):
    project = manageable_project_or_404(id)
    form = IndicatorForm()

    def render(status=200, refusal=None):
        return render_template("results/indicator_form.html", project=project, form=form, indicator=None,
                               refusal=refusal or (None if request.method == "POST" else _closed_notice(project))
                               ), status

    if not form.validate_on_submit():
        return render(status=422 if request.method == "POST" else 200)
    try:
        indicator = indicator_service.add_indicator(project, current_user, **_indicator_fields(form))
    except (NotPermitted, ResultsClosed) as refusal:
        return _refused(refusal, 403 if isinstance(refusal, NotPermitted) else 409, render)
    except ChangedMeanwhile as refusal:
        return _refused(refusal, 409, render)
    except ResultsInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return render(status=422)
    flash(_("The indicator “%(name)s” is added.", name=indicator.name), "success")
    return redirect(project_url(project.id, f"indicator-{indicator.id}"))


@bp.route("/projects/<int:id>/indicators/<int:indicator_id>/edit", methods=["GET", "POST"])
@login_required
def edit_indicator(id: int, indicator_id: int):
    project, indicator = indicator_or_404(id, indicator_id)
    form = IndicatorForm()
    if request.method == "GET":
        form.process(data={"name": indicator.name, "unit": indicator.unit, "baseline": plain(indicator.baseline),
                           "target": plain(indicator.target), "by_sex": indicator.by_sex,
                           "by_age": indicator.by_age, "counts_children": indicator.counts_children})

    def render(status=200, refusal=None):
        return render_template("results/indicator_form.html", project=project, form=form, indicator=indicator,
                               refusal=refusal or (None if request.method == "POST" else _closed_notice(project))
                               ), status

    if not form.validate_on_submit():
        return render(status=422 if request.method == "POST" else 200)
    try:
        indicator_service.edit_indicator(indicator, current_user, **_indicator_fields(form))
    except (NotPermitted, ResultsClosed) as refusal:
        return _refused(refusal, 403 if isinstance(refusal, NotPermitted) else 409, render)
    except ChangedMeanwhile as refusal:
        return _refused(refusal, 409, render)
    except ResultsInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return render(status=422)
    flash(_("The indicator “%(name)s” is saved.", name=indicator.name), "success")
    return redirect(project_url(project.id, f"indicator-{indicator.id}"))


@bp.route("/projects/<int:id>/indicators/<int:indicator_id>/measurements/new", methods=["GET", "POST"])
@login_required
@results_limit
def add_measurement(id: int, indicator_id: int):
    project, indicator = indicator_or_404(id, indicator_id)
    form = MeasurementForm()

    def render(status=200, refusal=None):
        return render_template("results/measurement_form.html", project=project, form=form, indicator=indicator,
                               view=indicator_view(indicator), band_keys=BAND_KEYS,
                               refusal=refusal or (None if request.method == "POST" else _closed_notice(project))
                               ), status

    if not form.validate_on_submit():
        if form.measured_on.errors:
            form.measured_on.errors = [_("Enter a date as YYYY-MM-DD.")]
        return render(status=422 if request.method == "POST" else 200)
    values = {key: getattr(form, key).data for key in ("total", "girls", "boys", "other", *BAND_KEYS)}
    try:
        measurement = indicator_service.add_measurement(indicator, current_user, measured_on=form.measured_on.data,
                                                        values=values, source=form.source.data)
    except (NotPermitted, ResultsClosed) as refusal:
        return _refused(refusal, 403 if isinstance(refusal, NotPermitted) else 409, render)
    except ChangedMeanwhile as refusal:
        return _refused(refusal, 409, render)
    except ResultsInvalid as invalid:
        transaction.discard()
        attach_errors(form, invalid.errors)
        return render(status=422)
    flash(_("The measurement of %(date)s is recorded.", date=measurement.measured_on.isoformat()), "success")
    return redirect(project_url(project.id, f"indicator-{indicator.id}"))


def _indicator_fields(form: IndicatorForm) -> dict:
    return {"name": form.name.data, "unit": form.unit.data, "baseline": form.baseline.data,
            "target": form.target.data, "by_sex": form.by_sex.data, "by_age": form.by_age.data,
            "counts_children": form.counts_children.data}
