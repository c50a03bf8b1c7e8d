"""Forms of the consultation pages. They parse input; app.voice.consultations decides what is valid."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, TextAreaField
from wtforms.validators import Optional

from app.core.forms import PlainText
from app.projects.models import AGE_BANDS, SEXES
from app.projects.web.forms import children_field, options
from app.projects.web.labels import AGE_BAND_NAMES, SEX_NAMES
from app.voice.consultations import ANSWER_MAX, SUMMARY_MAX
from app.voice.models import BANDS
from app.voice.names import METHOD_NAMES, SETTING_NAMES


class ConsultationForm(FlaskForm):
    held_on = DateField(_l("Date of the consultation"), validators=[Optional()])
    setting = SelectField(
        _l("Where it was held"),
        description=_l("The kind of place only: never an address or the name of a school or village."),
        validate_choice=False,
    )
    method = SelectField(_l("How the children were consulted"), validate_choice=False)
    girls_0_5 = children_field("girls", "0_5")
    girls_6_11 = children_field("girls", "6_11")
    girls_12_17 = children_field("girls", "12_17")
    boys_0_5 = children_field("boys", "0_5")
    boys_6_11 = children_field("boys", "6_11")
    boys_12_17 = children_field("boys", "12_17")
    consent_confirmed = BooleanField(
        _l("The children's parents or guardians gave their consent, and the children themselves agreed to take part."),
    )
    summary = TextAreaField(
        _l("What the children said"),
        description=_l("Their views in your words, without names, exact ages, phone numbers or places that "
                       "could identify a child. It is shown publicly on the initiative's page."),
        validators=[PlainText(SUMMARY_MAX, multiline=True)],
        render_kw={"rows": 6, "maxlength": SUMMARY_MAX},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.setting.choices = options([("", _l("Choose a kind of place")),
                                        *((key.value, name) for key, name in SETTING_NAMES.items())])
        self.method.choices = options([("", _l("Choose a method")),
                                       *((key.value, name) for key, name in METHOD_NAMES.items())])

    def children_rows(self):
        """The participant fields as rows (girls, boys) of cells (age bands), for the table."""
        return [(SEX_NAMES[sex], [self[f"{sex}_{band}"] for band in AGE_BANDS]) for sex in SEXES]

    def children_header(self):
        return [AGE_BAND_NAMES[band] for band in AGE_BANDS]

    def fields(self) -> dict:
        """The keyword fields of app.voice.consultations.consultation_fields."""
        return {
            "held_on": self.held_on.data,
            "setting": self.setting.data,
            "method": self.method.data,
            "participants": {band: self[band].data for band in BANDS},
            "consent_confirmed": bool(self.consent_confirmed.data),
            "summary": self.summary.data,
        }

    def fill_from(self, consultation) -> None:
        self.held_on.data = consultation.held_on
        self.setting.data = consultation.setting.value
        self.method.data = consultation.method.value
        for band in BANDS:
            self[band].data = getattr(consultation, band)
        self.consent_confirmed.data = consultation.consent_confirmed
        self.summary.data = consultation.summary


class AnswerBackForm(FlaskForm):
    answer_back = TextAreaField(
        _l("Answer back to the children"),
        description=_l("What was done with the children's views, as you told them. Without names: it is shown "
                       "publicly on the initiative's page."),
        validators=[PlainText(ANSWER_MAX, multiline=True)],
        render_kw={"rows": 6, "maxlength": ANSWER_MAX},
    )
    answered_on = DateField(
        _l("Date the children were told"), description=_l("Today, when left empty."), validators=[Optional()]
    )
