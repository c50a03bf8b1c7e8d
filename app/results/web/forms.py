"""The forms of indicators and measurements. Numbers are text fields: app.results.values reads them in
the reader's notation and says what is wrong, so the person's typing is kept as it was."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, StringField
from wtforms.validators import Optional

from app.projects.models import AGE_BANDS, SEXES
from app.results.values import NAME_MAX, SOURCE_MAX, UNIT_MAX

NUMBER = {"inputmode": "decimal", "autocomplete": "off"}


class IndicatorForm(FlaskForm):
    name = StringField(_l("Name"), render_kw={"maxlength": NAME_MAX},
                       description=_l("What is counted, for example: girls attending secondary school."))
    unit = StringField(_l("Unit"), render_kw={"maxlength": UNIT_MAX},
                       description=_l("For example: children, girls, %, sessions."))
    baseline = StringField(_l("Baseline"), render_kw=NUMBER, description=_l("The value before the initiative."))
    target = StringField(_l("Target"), render_kw=NUMBER, description=_l("The value the initiative aims at."))
    by_sex = BooleanField(_l("Counted by sex (girls, boys, other or not stated)"))
    by_age = BooleanField(_l("Counted by age band too (0–5, 6–11, 12–17)"))
    counts_children = BooleanField(_l("It counts the children the initiative reached"),
                                   description=_l("Its latest measurement counts in the figures of children reached."))


class MeasurementForm(FlaskForm):
    measured_on = DateField(_l("Date of the measurement"), validators=[Optional()])
    total = StringField(_l("Total"), render_kw=NUMBER)
    girls = StringField(_l("Girls"), render_kw=NUMBER)
    boys = StringField(_l("Boys"), render_kw=NUMBER)
    other = StringField(_l("Other or not stated"), render_kw=NUMBER, description=_l("Leave empty when none."))
    source = StringField(_l("Source"), render_kw={"maxlength": SOURCE_MAX},
                         description=_l("Where the figures come from, for example: attendance registers."))


BAND_LABELS = {"0_5": _l("0–5 years"), "6_11": _l("6–11 years"), "12_17": _l("12–17 years")}
SEX_LABELS = {"girls": _l("Girls"), "boys": _l("Boys")}
for _sex in SEXES:
    for _band in AGE_BANDS:
        setattr(MeasurementForm, f"{_sex}_{_band}",
                StringField(_l("%(who)s, %(age)s", who=SEX_LABELS[_sex], age=BAND_LABELS[_band]), render_kw=NUMBER))
