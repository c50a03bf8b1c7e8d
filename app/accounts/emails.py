"""The account e-mails, each in the recipient's language. Views queue them after the request's commit
(app.core.transaction.after_commit).

They greet the reader without a name: the name of an account is typed by whoever registered it, who
may not own the address, and must not reach that address as the lab's own words."""

from flask import current_app
from flask_babel import lazy_gettext as _l

from app.accounts import accounts
from app.accounts.models import User
from app.core import jobs
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


@jobs.job
def send_reset_link(email: str) -> bool:
    """Send a reset link to the account of `email` if there is an active one; answers whether one was sent.
    Views queue it as a job after the response (app.core.transaction.after_response, app.core.jobs) for
    every address alike, so that the answer takes the same path whether the address is known or not."""
    user = accounts.account_for_reset_request(email)
    return user is not None and send_password_reset(user, accounts.password_reset_token(user))


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


def send_tokens_revoked(user: User, count: int, reason: str) -> bool:
    """Tell the owner that their API tokens were revoked, and why: a new `password` or `sign-out` everywhere."""
    return send_email(
        user.email,
        _l("Your API tokens were revoked"),
        "tokens_revoked",
        locale=user.locale,
        name=user.name,
        count=count,
        reason=reason,
        account_link=external_url("auth.account"),
        forgot_link=external_url("auth.forgot_password"),
    )
