"""Forms of the admin pages."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, SelectField, StringField
from wtforms.validators import AnyOf, DataRequired, Length, Optional

from app.accounts.models import UserRole
from app.organisations.web.forms import MultiCheckboxField
from app.reference.names import region_choices

ROLE_NAMES = {
    UserRole.COMMUNITY: _l("Community member"),
    UserRole.REVIEWER: _l("Reviewer"),
    UserRole.ADMIN: _l("Admin"),
}


def role_choices():
    return [(role.value, label) for role, label in ROLE_NAMES.items()]


class UserSearchForm(FlaskForm):
    """Search and filter of the user list, sent with GET."""

    class Meta:
        csrf = False

    q = StringField(_l("Name or e-mail contains"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Role"), validators=[Optional()])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = [("", _l("All roles")), *role_choices()]


class UserForm(FlaskForm):
    role = SelectField(_l("Role"), validators=[DataRequired()])
    regions = MultiCheckboxField(
        _l("Reviewer regions"),
        description=_l("Only for reviewers: the regions whose initiatives they review."),
    )
    active = BooleanField(
        _l("Account active"),
        description=_l(
            "Deactivating an account ends all its sessions at once; the person can no longer log in."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.role.choices = role_choices()
        self.regions.choices = region_choices()


class VerifyForm(FlaskForm):
    verified = HiddenField(validators=[AnyOf(["0", "1"])])


class ChangeDecisionForm(FlaskForm):
    """An admin's answer to a verified organisation's new name and country, as the admin saw them."""

    decision = HiddenField(validators=[AnyOf(["approve", "decline"])])
    seen_name = HiddenField(validators=[DataRequired()])
    seen_country = HiddenField(validators=[DataRequired()])
