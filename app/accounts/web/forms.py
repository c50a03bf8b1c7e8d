"""Account forms. The password policy itself lives in app.accounts.passwords."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    RadioField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length, ValidationError

from app.accounts.models import NotifyMode
from app.accounts.passwords import MAX_LENGTH, password_problems
from app.core.forms import PlainName
from app.core.text import NAME_MAX
from app.reference.names import LANGUAGES

LANGUAGE_CHOICES = [SelectChoice(code, name, render_kw={"lang": code}) for code, name in LANGUAGES.items()]
EMAIL_RENDER_KW = {"autocomplete": "email", "inputmode": "email", "spellcheck": "false"}
NOTIFY_CHOICES = [
    SelectChoice(NotifyMode.IMMEDIATE.value, _l("Immediately, one e-mail per notification")),
    SelectChoice(NotifyMode.DIGEST.value, _l("Once a day, as a daily digest")),
]


def strip(value):
    return value.strip() if isinstance(value, str) else value


def email_field() -> EmailField:
    return EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(message=_l("Please enter your e-mail address.")),
            Email(message=_l("Please enter a valid e-mail address, like name@example.org.")),
            Length(max=254, message=_l("This e-mail address is too long.")),
        ],
        filters=[strip],
        render_kw=EMAIL_RENDER_KW,
    )


def name_field() -> StringField:
    return StringField(
        _l("Display name"),
        validators=[
            DataRequired(message=_l("Please enter your name.")),
            Length(max=NAME_MAX, message=_l("Please use at most %(max)d characters.")),
            PlainName(),
        ],
        description=_l("Shown next to your comments and contributions: letters, spaces, apostrophes and hyphens."),
        filters=[strip],
        render_kw={"autocomplete": "name"},
    )


def password_length() -> Length:
    """Very long input is refused before any hashing work is spent on it."""
    return Length(max=MAX_LENGTH, message=_l("Please use at most %(max)d characters."))


def new_password_fields(label=None) -> tuple[PasswordField, PasswordField]:
    password = PasswordField(
        label or _l("Password"),
        validators=[InputRequired(message=_l("Please choose a password.")), password_length()],
        description=_l(
            "At least 10 characters. Not a common password, and not your name or e-mail address. "
            "A few unrelated words are easy to remember and hard to guess."
        ),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[
            InputRequired(message=_l("Please type the password a second time.")),
            EqualTo("password", message=_l("The two passwords are not the same.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
    return password, confirm


class PolicyMixin:
    """Checks `password` against the policy, with the account's e-mail and name."""

    def policy_email_and_name(self) -> tuple[str, str]:
        return self.email.data or "", self.name.data or ""

    def validate_password(self, field) -> None:
        email, name = self.policy_email_and_name()
        problems = password_problems(field.data or "", email=email, name=name)
        if problems:
            raise ValidationError(" ".join(p.message for p in problems))


class RegisterForm(PolicyMixin, FlaskForm):
    email = email_field()
    name = name_field()
    password, confirm = new_password_fields()
    locale = SelectField(
        _l("Preferred language"),
        choices=LANGUAGE_CHOICES,
        validators=[DataRequired(message=_l("Please choose one of the languages offered."))],
        description=_l("Pages and e-mails will be in this language."),
    )


class LoginForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[DataRequired(message=_l("Please enter your e-mail address."))],
        filters=[strip],
        render_kw=EMAIL_RENDER_KW,
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired(message=_l("Please enter your password.")), password_length()],
        render_kw={"autocomplete": "current-password"},
    )
    remember = BooleanField(_l("Keep me logged in on this device"))
    next = HiddenField()


class ForgotPasswordForm(FlaskForm):
    email = EmailField(
        _l("E-mail address"),
        validators=[
            DataRequired(message=_l("Please enter your e-mail address.")),
            Length(max=254, message=_l("This e-mail address is too long.")),
        ],
        description=_l("The address you registered with."),
        filters=[strip],
        render_kw=EMAIL_RENDER_KW,
    )


class ResetPasswordForm(PolicyMixin, FlaskForm):
    password, confirm = new_password_fields(_l("New password"))

    def __init__(self, *args, account_email: str = "", account_name: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.account_email = account_email
        self.account_name = account_name

    def policy_email_and_name(self) -> tuple[str, str]:
        return self.account_email, self.account_name


class SettingsForm(FlaskForm):
    name = name_field()
    locale = SelectField(
        _l("Language"),
        choices=LANGUAGE_CHOICES,
        validators=[DataRequired(message=_l("Please choose one of the languages offered."))],
        description=_l("Pages and e-mails will be in this language."),
    )
    notify_mode = RadioField(
        _l("E-mail notifications"),
        choices=NOTIFY_CHOICES,
        validators=[DataRequired(message=_l("Please choose how you want to be notified."))],
    )


class ChangePasswordForm(ResetPasswordForm):
    current_password = PasswordField(
        _l("Current password"),
        validators=[InputRequired(message=_l("Please enter your current password.")), password_length()],
        render_kw={"autocomplete": "current-password"},
    )


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"),
        validators=[
            DataRequired(message=_l("Please give the token a name.")),
            Length(max=80, message=_l("Please use at most %(max)d characters.")),
        ],
        description=_l("For example the name of the program or script that will use it."),
        id="token-name",
        render_kw={"autocomplete": "off"},
    )
