"""The account page: profile, settings, password change and personal API tokens."""

from flask import abort, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from app.accounts import accounts, tokens
from app.accounts.passwords import WeakPassword
from app.accounts.web.blueprint import bp
from app.accounts.web.forms import ChangePasswordForm, SettingsForm, TokenForm
from app.accounts.web.routes import end_session, start_session, tell_of_revoked_tokens
from app.core import transaction
from app.core.errors import DomainError
from app.core.extensions import limiter


def render_account(*, settings_form=None, password_form=None, token_form=None, new_token=None):
    """The account page; forms not given are shown fresh (never bound to another form's input)."""
    user = current_user
    if settings_form is None:
        settings_form = SettingsForm(
            formdata=None,
            data={"name": user.name, "locale": user.locale, "notify_mode": user.notify_mode.value},
        )
    response = current_app.make_response(
        render_template(
            "auth/account.html",
            user=user,
            settings_form=settings_form,
            password_form=password_form or ChangePasswordForm(formdata=None),
            token_form=token_form or TokenForm(formdata=None),
            tokens=accounts.user_tokens(user),
            new_token=new_token,
        )
    )
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/account")
@login_required
def account():
    return render_account()


@bp.post("/account/settings")
@login_required
def update_settings():
    form = SettingsForm()
    if form.validate_on_submit():
        try:
            accounts.update_settings(
                current_user, name=form.name.data, locale=form.locale.data, notify_mode=form.notify_mode.data
            )
        except DomainError as error:
            transaction.discard()
            flash(error.message, "error")
        else:
            session["locale"] = form.locale.data
            refresh()  # the confirmation below is already in the newly chosen language
            flash(_("Your settings are saved."), "success")
            return redirect(url_for("auth.account"))
    return render_account(settings_form=form)


def _password_guesser() -> str:
    """Wrong current passwords count per account, as log-in guesses do (RATELIMIT_LOGIN_ACCOUNT)."""
    return f"user:{current_user.id}" if current_user.is_authenticated else get_remote_address()


@bp.post("/account/password")
@login_required
@limiter.limit(
    lambda: current_app.config["RATELIMIT_LOGIN_ACCOUNT"],
    key_func=_password_guesser,
    deduct_when=lambda response: response.status_code != 302,  # a change made does not count
)
def change_password():
    """Every other session of the account ends, this one goes on; every API token is revoked."""
    user = current_user._get_current_object()
    form = ChangePasswordForm(account_email=user.email, account_name=user.name)
    if form.validate_on_submit():
        try:
            revoked = accounts.change_password(user, form.current_password.data, form.password.data)
        except accounts.WrongPassword as error:
            transaction.discard()
            form.current_password.errors.append(error.message)
        except WeakPassword as error:
            transaction.discard()
            form.password.errors.extend(error.messages)
        else:
            start_session(user, remember=current_app.config["REMEMBER_COOKIE_NAME"] in request.cookies)
            flash(_("Your new password is saved. You were logged out everywhere else."), "success")
            tell_of_revoked_tokens(user, revoked, "password")
            return redirect(url_for("auth.account"))
    return render_account(password_form=form)


@bp.post("/account/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    """End every session of the account, this one included, and revoke every API token."""
    user = current_user._get_current_object()
    revoked = accounts.sign_out_everywhere(user)
    end_session()
    flash(_("You are signed out everywhere."), "success")
    tell_of_revoked_tokens(user, revoked, "sign-out")
    return redirect(url_for("main.home"))


@bp.post("/account/tokens")
@login_required
def create_token():
    """The new token is in this response only; the database keeps its hash."""
    form = TokenForm()
    if form.validate_on_submit():
        try:
            raw = tokens.create_token(current_user._get_current_object(), form.name.data)
        except tokens.TokenInvalid as error:
            transaction.discard()
            form.name.errors.append(error.errors["name"])
        else:
            return render_account(new_token=raw)
    return render_account(token_form=form)


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    token = accounts.user_token(current_user, token_id)
    if token is None:
        abort(404)
    tokens.revoke_token(token)
    flash(
        _("The token “%(name)s” is revoked: programs using it can no longer connect.", name=token.name),
        "success",
    )
    return redirect(url_for("auth.account"))
