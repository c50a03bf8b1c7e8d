"""Forms of the organisation pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, SelectField, SelectMultipleField, StringField, TextAreaField, URLField
from wtforms.validators import AnyOf, DataRequired, Length, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from app.core.forms import PlainText
from app.organisations.editing import DESCRIPTION_MAX, NAME_MAX, SLUG_MAX, SLUG_RE, WEBSITE_MAX
from app.organisations.memberships import MembershipAction
from app.reference.names import country_choices, region_choices, theme_choices


class MultiCheckboxField(SelectMultipleField):
    """Several choices as a list of checkboxes (templates/_macros/forms.html draws it as a fieldset)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(), Length(max=NAME_MAX), PlainText(NAME_MAX)])
    slug = StringField(
        _l("Web address"),
        validators=[
            Optional(),
            Length(max=SLUG_MAX),
            Regexp(SLUG_RE, message=_l("Use only lower-case letters a to z, digits and single hyphens.")),
        ],
        description=_l(
            "The end of the organisation's page address, for example 'enfance-avenir'. "
            "Leave it empty to make one from the name."
        ),
    )
    country = SelectField(_l("Country"), validators=[DataRequired()])
    description = TextAreaField(
        _l("Description"),
        validators=[Optional(), Length(max=DESCRIPTION_MAX), PlainText(DESCRIPTION_MAX, multiline=True)],
        description=_l("What the organisation does, for whom, and where."),
    )
    themes = MultiCheckboxField(_l("Focus themes"), validate_choice=True)
    website = URLField(
        _l("Website"),
        validators=[Optional(), Length(max=WEBSITE_MAX)],
        description=_l("A full address starting with http:// or https://."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("Choose a country")), *country_choices()]
        self.themes.choices = theme_choices()


class DirectoryFilterForm(FlaskForm):
    """The directory's filters, sent with GET (no CSRF token: it changes nothing)."""

    class Meta:
        csrf = False

    country = SelectField(_l("Country"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])
    theme = SelectField(_l("Focus theme"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = [("", _l("All countries")), *country_choices()]
        self.region.choices = [("", _l("All regions")), *region_choices()]
        self.theme.choices = [("", _l("All themes")), *theme_choices()]

    def value(self, name: str) -> str | None:
        """The field's value when it is one of its choices, else None (no filter)."""
        field = self[name]
        valid = {key for key, _label in field.choices if key}
        return field.data if field.data in valid else None


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token."""


class MembershipDecisionForm(FlaskForm):
    action = HiddenField(validators=[AnyOf([a.value for a in MembershipAction])])
