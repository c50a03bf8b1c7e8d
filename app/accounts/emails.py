"""The account e-mails, each in the recipient's language. Views queue them after the request's commit
(app.core.transaction.after_commit).

They greet the reader without a name: the name of an account is typed by whoever registered it, who
may not own the address, and must not reach that address as the lab's own words."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.accounts import accounts
from app.accounts.models import User
from app.core.mail import external_url, send_email


def send_verification(user: User) -> bool:
    token = accounts.email_verification_token(user)
    return send_email(
        user.email,
        _l("Confirm your e-mail address"),
        "verify_email",
        locale=user.locale,
        link=external_url("auth.verify_email", token=token),
        days=max(1, current_app.config["EMAIL_TOKEN_MAX_AGE"] // 86400),
    )


def send_already_registered(user: User) -> bool:
    """Tell the owner of an address that someone tried to register with it."""
    return send_email(
        user.email,
        _l("Someone tried to register with your e-mail address"),
        "already_registered",
        locale=user.locale,
        login_link=external_url("auth.login"),
        forgot_link=external_url("auth.forgot_password"),
    )


def send_password_reset(user: User, token: str) -> bool:
    return send_email(
        user.email,
        _l("Choose a new password"),
        "reset_password",
        locale=user.locale,
        link=external_url("auth.reset_password", token=token),
        minutes=max(1, current_app.config["RESET_TOKEN_MAX_AGE"] // 60),
    )
