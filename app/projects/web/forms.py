"""Forms of the projects pages. They parse input; the domain (app/projects) decides what is valid."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    HiddenField,
    IntegerField,
    SelectChoice,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, InputRequired, Optional
from wtforms.widgets import CheckboxInput, ListWidget, NumberInput

from app.gate.models import Phase
from app.gate.questions import GE_CODE_MEANINGS, PERCENT, QUESTIONS
from app.projects.models import AGE_BANDS, SEXES
from app.projects.projects import CURRENCIES, DESCRIPTION_MAX, SUMMARY_MAX, TARGET_GROUPS
from app.projects.web.labels import AGE_BAND_NAMES, SEX_NAMES, TARGET_GROUP_NAMES
from app.reference.names import LANGUAGES, country_choices, theme_choices


def options(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    """A list of checkboxes; the forms macro renders it as a fieldset."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


def children_field(sex: str, band: str) -> IntegerField:
    label = _l("%(sex)s, %(band)s", sex=SEX_NAMES[sex], band=AGE_BAND_NAMES[band])
    return IntegerField(
        label, validators=[Optional()], default=0, render_kw={"min": 0, "inputmode": "numeric"}
    )


class ProjectForm(FlaskForm):
    """Every field of app.projects.projects.ProjectData; `version` on edit only."""

    organisation = SelectField(_l("Organisation"), coerce=int)
    title = StringField(_l("Title"), render_kw={"maxlength": 200})
    summary = TextAreaField(
        _l("Summary"),
        description=_l("One or two sentences shown in lists, at most %(max)d characters.", max=SUMMARY_MAX),
        render_kw={"maxlength": SUMMARY_MAX, "rows": 3},
    )
    description = TextAreaField(
        _l("Description"),
        description=_l(
            "Written in Markdown: **bold**, *italics*, lists starting with '-', and links. "
            "Other HTML is not kept."
        ),
        render_kw={"rows": 12, "maxlength": DESCRIPTION_MAX},
    )
    country = SelectField(_l("Country"), validate_choice=False)
    themes = MultiCheckboxField(_l("Themes"), validate_choice=False)
    language = SelectField(
        _l("Language the initiative is written in"), choices=options(LANGUAGES.items()), validate_choice=False
    )
    target_groups = MultiCheckboxField(_l("Target groups"), validate_choice=False)
    girls_focused = BooleanField(
        _l("Girls-focused"), description=_l("Girls are the main people this initiative is for.")
    )
    start_date = DateField(_l("Start date"), validators=[Optional()])
    end_date = DateField(_l("End date"), validators=[Optional()])
    budget_amount = DecimalField(
        _l("Estimated budget"), places=2, validators=[Optional()], render_kw={"min": 0}
    )
    budget_currency = SelectField(_l("Currency of the budget"), validate_choice=False)
    girls_0_5 = children_field("girls", "0_5")
    girls_6_11 = children_field("girls", "6_11")
    girls_12_17 = children_field("girls", "12_17")
    boys_0_5 = children_field("boys", "0_5")
    boys_6_11 = children_field("boys", "6_11")
    boys_12_17 = children_field("boys", "12_17")
    version = HiddenField()
    # Shown only after the safeguarding screen warned about the text (see safeguarding_warning()).
    safeguarding_checked = BooleanField(
        _l("I have checked the text: it does not let anyone identify or contact a child. Save it as it is.")
    )

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = options((org.id, org.name) for org in organisations)
        self.country.choices = options([("", _l("Choose a country")), *country_choices()])
        self.themes.choices = options(theme_choices())
        self.target_groups.choices = options((key, TARGET_GROUP_NAMES[key]) for key in TARGET_GROUPS)
        self.budget_currency.choices = options([("", _l("Choose a currency")), *((c, c) for c in CURRENCIES)])

    def children_rows(self):
        """The children fields as rows (girls, boys) of cells (age bands), for the table."""
        return [(SEX_NAMES[sex], [self[f"{sex}_{band}"] for band in AGE_BANDS]) for sex in SEXES]

    def children_header(self):
        return [AGE_BAND_NAMES[band] for band in AGE_BANDS]


class TransitionForm(FlaskForm):
    to = HiddenField(validators=[DataRequired()])
    version = IntegerField(validators=[InputRequired()])
    note = TextAreaField(_l("Note"), render_kw={"rows": 3})


class UploadForm(FlaskForm):
    file = FileField(
        _l("File (PDF, PNG or JPEG, at most 10 MB)"), validators=[FileRequired(_l("Choose a file."))]
    )
    consent = BooleanField(
        _l(
            "I confirm that I have consent to share this image, and that no child in it can be identified "
            "without that consent."
        ),
        description=_l("Needed for photos and other images; not needed for PDF documents."),
    )


class ConfirmForm(FlaskForm):
    """A button that changes something: the CSRF token only."""


class CoverForm(FlaskForm):
    """The cover image: one of the initiative's images, or a new one, and what it shows."""

    image = SelectField(_l("Image"), validators=[Optional()])
    file = FileField(
        _l("Or upload a new image (PNG or JPEG, at most 10 MB)"),
        description=_l("It is added to the initiative's files too."),
    )
    consent = BooleanField(
        _l(
            "I confirm that I have consent to share this image, and that no child in it can be identified "
            "without that consent."
        ),
        description=_l("Needed for a new image."),
    )
    alt = StringField(
        _l("What the image shows"),
        validators=[DataRequired(_l("Say in a few words what the image shows, for people who cannot see it."))],
        description=_l("For people who cannot see it, in a short sentence: “Girls of the council presenting "
                       "their proposals at the town hall”."),
        render_kw={"maxlength": 200},
    )

    def __init__(self, *args, images=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.image.choices = [("", _l("A new image (below)")), *((str(a.id), a.original_name) for a in images)]


def assessment_form_class(phase: Phase) -> type[FlaskForm]:
    """A form with one field per question of `phase` (named by its key), the GE code and its justification."""
    fields = {}
    for question in QUESTIONS[phase]:
        if question.kind == PERCENT:
            fields[question.key] = StringField(
                question.label, description=question.help, widget=NumberInput(min=0, max=100, step="any")
            )
        else:
            fields[question.key] = TextAreaField(
                question.label, description=question.help, render_kw={"rows": 6}
            )
    fields["ge_code"] = SelectField(
        _l("Self-assessed gender-equality code"),
        choices=options([("", _l("Choose a code")), *GE_CODE_MEANINGS.items()]),
        validate_choice=False,
    )
    fields["justification"] = TextAreaField(
        _l("Why this code"),
        description=_l("Explain in a few sentences why the initiative deserves this code."),
        render_kw={"rows": 4},
    )
    return type(f"{phase.value.title()}AssessmentForm", (FlaskForm,), fields)


ASSESSMENT_FORMS = {phase: assessment_form_class(phase) for phase in Phase}
