"""An initiative's indicators and their measurements: adding and changing them, and reading them back.

Partners of the initiative's organisation record them from incubating on (permissions.
can_manage_indicators); every check says what is wrong in words a person can act on, field by field.
"""

from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app import permissions
from app.accounts.models import User
from app.core.conflicts import flush_or_changed_meanwhile
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.core.ids import is_valid_id
from app.permissions.results import RESULTS_STAGES
from app.projects.locking import lock_project
from app.projects.models import SEXES, Project, Stage
from app.results.models import Indicator, Measurement
from app.results.refusals import ResultsClosed, ResultsInvalid
from app.results.values import (
    BAND_KEYS,
    NAME_MAX,
    SOURCE_MAX,
    UNIT_MAX,
    check_date,
    check_line,
    check_number,
    plain,
)

CHANGED = "This changed meanwhile. Reload the page and try again."


def check_manage(actor: User | None, project: Project) -> None:
    """Refuses NotPermitted (not a partner of the initiative's organisation) or ResultsClosed (a
    partner, at a stage that takes no results), each with a message that says why."""
    if not permissions.is_results_partner(actor, project):
        raise NotPermitted(_("Only the partners of the initiative's organisation record its results."))
    if project.stage in RESULTS_STAGES:
        return
    if project.stage in (Stage.DRAFT, Stage.SUBMITTED, Stage.CHANGES_REQUESTED):
        raise ResultsClosed(_("Indicators are recorded from incubation on: this initiative is not incubating yet."))
    if project.stage == Stage.COMPLETION_REVIEW:
        raise ResultsClosed(_("The initiative is under completion review: its results are read-only until "
                              "the reviewer decides."))
    raise ResultsClosed(_("This initiative has ended: its indicators can no longer change."))


def indicator_fields(*, name, unit, baseline, target, by_sex, by_age, locale=None) -> dict:
    errors: dict[str, str] = {}
    fields = {
        "name": check_line(errors, "name", name, NAME_MAX, _("Name the indicator.")),
        "unit": check_line(errors, "unit", unit, UNIT_MAX, _("Enter the unit, for example children or %.")),
        "baseline": check_number(errors, "baseline", baseline, locale),
        "target": check_number(errors, "target", target, locale),
        "by_sex": bool(by_sex),
        "by_age": bool(by_age),
    }
    if fields["by_age"] and not fields["by_sex"]:
        errors["by_age"] = _("Age bands count girls and boys separately: choose 'by sex' too.")
    if errors:
        raise ResultsInvalid(errors)
    return fields


def add_indicator(project: Project, actor: User, *, name, unit, baseline, target, by_sex=False, by_age=False,
                  counts_children=False, locale=None) -> Indicator:
    """Add an indicator. Refuses NotPermitted, ResultsClosed and ResultsInvalid (name, unit, baseline,
    target, by_age)."""
    check_manage(actor, project)
    lock_project(project)
    fields = indicator_fields(name=name, unit=unit, baseline=baseline, target=target, by_sex=by_sex,
                              by_age=by_age, locale=locale)
    indicator = Indicator(project_id=project.id, created_by_id=actor.id, counts_children=bool(counts_children),
                          **fields)
    db.session.add(indicator)
    flush_or_changed_meanwhile(_(CHANGED))
    return indicator


def edit_indicator(indicator: Indicator, actor: User, *, name, unit, baseline, target, by_sex=False,
                   by_age=False, counts_children=False, locale=None) -> Indicator:
    """Change an indicator. Once it has measurements, how they are counted (by sex, by age band) no
    longer changes. Refuses NotPermitted, ResultsClosed and ResultsInvalid."""
    project = indicator.project
    check_manage(actor, project)
    lock_project(project)
    try:
        fields, errors = indicator_fields(name=name, unit=unit, baseline=baseline, target=target, by_sex=by_sex,
                                          by_age=by_age, locale=locale), {}
    except ResultsInvalid as refused:
        fields, errors = None, dict(refused.errors)
    if indicator.measurements:
        if bool(by_sex) != indicator.by_sex:
            errors["by_sex"] = _("This indicator has measurements: whether it is counted by sex can no "
                                 "longer change.")
        if bool(by_age) != indicator.by_age:
            errors["by_age"] = _("This indicator has measurements: whether it is counted by age band can no "
                                 "longer change.")
    if errors:
        raise ResultsInvalid(errors)
    for key, value in fields.items():
        setattr(indicator, key, value)
    indicator.counts_children = bool(counts_children)
    flush_or_changed_meanwhile(_(CHANGED))
    return indicator


def _sum(values) -> Decimal:
    return sum((v for v in values if v is not None), Decimal(0))


def measurement_fields(indicator: Indicator, *, measured_on, values: dict, source, locale=None) -> dict:
    """The checked fields of a measurement of `indicator`. `values` holds `total`, and `girls`, `boys`,
    `other` when the indicator is counted by sex, and `girls_0_5 … boys_12_17` when by age band.
    Refuses ResultsInvalid with every problem, the disaggregation that does not add up named."""
    errors: dict[str, str] = {}
    values = values or {}
    fields = {
        "measured_on": check_date(errors, "measured_on", measured_on, indicator.project.start_date),
        "source": check_line(errors, "source", source, SOURCE_MAX,
                             _("Say where the figures come from, for example an attendance register.")),
        "total": check_number(errors, "total", values.get("total"), locale),
        "girls": None, "boys": None, "other": None, "by_age": {},
    }
    given = [key for key in ("girls", "boys", "other", *BAND_KEYS) if values.get(key) not in (None, "")]
    if not indicator.by_sex:
        for key in given:
            errors[key] = _("This indicator is not counted by sex or age band: leave this empty.")
    else:
        for sex in SEXES:
            fields[sex] = check_number(errors, sex, values.get(sex), locale)
        fields["other"] = check_number(errors, "other", values.get("other"), locale, required=False)
        if not indicator.by_age:
            for key in BAND_KEYS:
                if key in given:
                    errors[key] = _("This indicator is not counted by age band: leave this empty.")
    if indicator.by_age:
        bands = {key: check_number(errors, key, values.get(key), locale) for key in BAND_KEYS}
        fields["by_age"] = {key: plain(value) for key, value in bands.items() if value is not None}
        for sex in SEXES:
            keys = [k for k in BAND_KEYS if k.startswith(sex + "_")]
            if fields[sex] is not None and all(bands[k] is not None for k in keys):
                added = _sum(bands[k] for k in keys)
                if added != fields[sex]:
                    errors[sex] = (
                        _("The age bands of girls add up to %(sum)s, not %(value)s.", sum=plain(added),
                          value=plain(fields[sex])) if sex == "girls" else
                        _("The age bands of boys add up to %(sum)s, not %(value)s.", sum=plain(added),
                          value=plain(fields[sex]))
                    )
    if indicator.by_sex and fields["total"] is not None and not any(k in errors for k in ("girls", "boys", "other")):
        added = _sum((fields["girls"], fields["boys"], fields["other"]))
        if added != fields["total"]:
            errors["total"] = _(
                "Girls, boys and other add up to %(sum)s, not to the total %(total)s: correct the figures.",
                sum=plain(added), total=plain(fields["total"]),
            )
    if errors:
        raise ResultsInvalid(errors)
    return fields


def add_measurement(indicator: Indicator, actor: User, *, measured_on, values: dict, source, locale=None
                    ) -> Measurement:
    """Record a measurement of `indicator`. Refuses NotPermitted, ResultsClosed and ResultsInvalid."""
    project = indicator.project
    check_manage(actor, project)
    lock_project(project)
    fields = measurement_fields(indicator, measured_on=measured_on, values=values, source=source, locale=locale)
    measurement = Measurement(indicator=indicator, created_by_id=actor.id, **fields)
    db.session.add(measurement)
    flush_or_changed_meanwhile(_(CHANGED))
    return measurement


def edit_measurement(measurement: Measurement, actor: User, *, measured_on, values: dict, source, locale=None
                     ) -> Measurement:
    """Correct a measurement. Refuses NotPermitted, ResultsClosed and ResultsInvalid."""
    indicator = measurement.indicator
    check_manage(actor, indicator.project)
    lock_project(indicator.project)
    fields = measurement_fields(indicator, measured_on=measured_on, values=values, source=source, locale=locale)
    for key, value in fields.items():
        setattr(measurement, key, value)
    flush_or_changed_meanwhile(_(CHANGED))
    return measurement


def indicators_of(project: Project) -> list[Indicator]:
    """The initiative's indicators in the order they were added, with their measurements (two queries)."""
    return list(db.session.scalars(
        select(Indicator).options(selectinload(Indicator.measurements))
        .where(Indicator.project_id == project.id).order_by(Indicator.id)
    ))


def viewable_indicator(indicator_id, user) -> Indicator | None:
    """The indicator if `user` may view its initiative; None otherwise (as if it did not exist)."""
    indicator = db.session.get(Indicator, indicator_id) if is_valid_id(indicator_id) else None
    if indicator is None or not permissions.can_view_project(user, indicator.project):
        return None
    return indicator


def measurement_values(measurement: Measurement) -> dict[str, str]:
    """The values of a measurement as text by key (total, girls, boys, other, girls_0_5 …)."""
    values = {"total": plain(measurement.total)}
    for key in ("girls", "boys", "other"):
        if getattr(measurement, key) is not None:
            values[key] = plain(getattr(measurement, key))
    values.update(measurement.by_age or {})
    return values


def latest(indicator: Indicator) -> Measurement | None:
    return indicator.measurements[-1] if indicator.measurements else None
