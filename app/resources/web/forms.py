"""Forms of the resource pooling pages. They parse input; app.resources decides what is valid.

Quantities are text fields: people type them in their own language's notation ("1 500,50" in
French), and app.resources.money reads them. A need's or an offer's unit has two fields, drawn side by
side without JavaScript: a currency list (used for funding) and a free-text unit (used for expertise,
materials, venues and other resources); volunteer time is always counted in hours. `unit_for()` picks
the one the chosen kind uses.
"""

import secrets

from babel.numbers import get_currency_name
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import AnyOf, Optional

from app.organisations.web.forms import MultiCheckboxField
from app.reference.names import country_choices, region_choices
from app.resources import money
from app.resources.checks import DESCRIPTION_MAX, MESSAGE_MAX, SUBMISSION_KEY_MAX, TITLE_MAX
from app.resources.models import NeedKind, PledgeStatus

UNIT_HINT = _l(
    "Funding is counted in the currency chosen below; volunteer time always in hours; expertise, "
    "materials, a venue or anything else in the unit you write (the currency is then left aside)."
)
CURRENCY_HINT = _l("Used when the kind is funding.")
FREE_UNIT_HINT = _l("Used for expertise, materials, a venue or other resources: what the quantity counts, for "
                    "example days, books or rooms.")
QUANTITY_HINT = _l("A number, such as 1500 or 12.5. No payment is made through the lab: it records commitments.")


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, str(name)) for kind, name in money.KIND_NAMES.items()]


def currency_choices() -> list[tuple[str, str]]:
    locale = str(get_locale() or "en")
    return [(code, f"{code} — {get_currency_name(code, locale=locale)}") for code in money.CURRENCIES]


def new_submission_key() -> str:
    """A fresh key for a form drawn once: the same key sent twice makes one pledge or offer."""
    return secrets.token_urlsafe(24)


class ResourceFieldsForm(FlaskForm):
    """The fields a need and an offer share."""

    kind = SelectField(_l("Kind of resource"), validators=[AnyOf([k.value for k in NeedKind])])
    title = StringField(_l("Title"), render_kw={"maxlength": TITLE_MAX})
    description = TextAreaField(_l("Description"), render_kw={"maxlength": DESCRIPTION_MAX, "rows": 4})
    quantity = StringField(_l("Quantity"), description=QUANTITY_HINT, render_kw={"inputmode": "decimal"})
    currency = SelectField(_l("Currency (for funding)"), description=CURRENCY_HINT, validate_choice=False)
    unit = StringField(_l("Unit (for other kinds)"), description=FREE_UNIT_HINT,
                       render_kw={"maxlength": money.UNIT_MAX})
    unit_hint = UNIT_HINT

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = kind_choices()
        self.currency.choices = currency_choices()

    def unit_for(self) -> str:
        """The unit the chosen kind uses: the currency for funding, hours for volunteer time, the
        free text otherwise."""
        if self.kind.data == NeedKind.FUNDING.value:
            return self.currency.data or ""
        if self.kind.data == NeedKind.VOLUNTEER_TIME.value:
            return money.HOURS
        return self.unit.data or ""

    def unit_field(self):
        """The field a message about the unit belongs next to."""
        return self.currency if self.kind.data == NeedKind.FUNDING.value else self.unit

    def fill_from(self, thing) -> None:
        """Draw the form with a stored need's (or offer's) values, the quantity in the reader's notation."""
        self.kind.data = thing.kind.value
        self.title.data = thing.title
        self.description.data = thing.description
        self.quantity.data = money.format_number(thing.quantity, thing.kind, thing.unit)
        if thing.kind == NeedKind.FUNDING:
            self.currency.data = thing.unit
        elif thing.kind != NeedKind.VOLUNTEER_TIME:
            self.unit.data = thing.unit


class NeedForm(ResourceFieldsForm):
    required = BooleanField(
        _l("Required"),
        default=True,
        description=_l("Untick it for a need the initiative can do without: it is shown as optional."),
    )


class PledgeForm(FlaskForm):
    quantity = StringField(_l("How much you pledge"), render_kw={"inputmode": "decimal"})
    message = TextAreaField(
        _l("Message to the partners (optional)"),
        description=_l("Only the initiative's partners read it. Do not give details that could identify a child."),
        render_kw={"maxlength": MESSAGE_MAX, "rows": 3},
    )
    organisation = SelectField(_l("On behalf of"), validate_choice=False)
    submission_key = HiddenField(validators=[Optional()], render_kw={"maxlength": SUBMISSION_KEY_MAX})

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation.choices = [("", _l("Myself")), *((org.slug, org.name) for org in organisations)]
        if not self.submission_key.data:
            self.submission_key.data = new_submission_key()


class PledgeStatusForm(FlaskForm):
    """A decision on a pledge: the button pressed carries `status`; `seen` is the status the page showed."""

    status = HiddenField(validators=[AnyOf([s.value for s in PledgeStatus])])
    seen = HiddenField(validators=[Optional(), AnyOf([s.value for s in PledgeStatus])])
    back = HiddenField(validators=[Optional(), AnyOf(("needs", "mine"))])


class ConfirmForm(FlaskForm):
    """A button that changes something: the CSRF token only."""


class AnswerRequestForm(FlaskForm):
    answer = HiddenField(validators=[AnyOf(("confirm", "decline"))])


class AskOfferForm(FlaskForm):
    quantity = StringField(_l("Quantity to ask for"), render_kw={"inputmode": "decimal"})
    message = TextAreaField(_l("Message to the person offering (optional)"),
                            render_kw={"maxlength": MESSAGE_MAX, "rows": 2})


class OfferForm(ResourceFieldsForm):
    countries = MultiCheckboxField(_l("Countries where you can give it"), validate_choice=False)
    expires_on = StringField(
        _l("Available until"),
        description=_l("A date from today to two years ahead, such as 2026-06-30. The offer leaves the pool after it."),
        render_kw={"type": "date"},
    )
    organisation = SelectField(_l("On behalf of"), validate_choice=False)
    submission_key = HiddenField(validators=[Optional()], render_kw={"maxlength": SUBMISSION_KEY_MAX})

    def __init__(self, *args, organisations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.countries.choices = country_choices()
        self.organisation.choices = [("", _l("Myself")), *((org.slug, org.name) for org in organisations)]
        if not self.submission_key.data:
            self.submission_key.data = new_submission_key()


class OfferFilterForm(FlaskForm):
    """The pool's filters, sent with GET (no CSRF token: it changes nothing)."""

    class Meta:
        csrf = False

    kind = SelectField(_l("Kind of resource"), validators=[Optional()])
    country = SelectField(_l("Country"), validators=[Optional()])
    region = SelectField(_l("Region"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [("", _l("All kinds")), *kind_choices()]
        self.country.choices = [("", _l("All countries")), *country_choices()]
        self.region.choices = [("", _l("All regions")), *region_choices()]

    def value(self, name: str) -> str | None:
        """The field's value when it is one of its choices, else None (no filter)."""
        field = self[name]
        valid = {key for key, _label in field.choices if key}
        return field.data if field.data in valid else None
