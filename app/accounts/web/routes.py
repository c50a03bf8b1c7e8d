"""Registration, e-mail confirmation, log-in, log-out and password reset."""

from flask import (
    Response,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import accounts, devices
from app.accounts.emails import (
    send_already_registered,
    send_reset_link,
    send_tokens_revoked,
    send_verification,
)
from app.accounts.models import User, normalise_email
from app.accounts.passwords import WeakPassword
from app.accounts.web.blueprint import bp
from app.accounts.web.forms import ForgotPasswordForm, LoginForm, RegisterForm, ResetPasswordForm
from app.core import jobs, transaction
from app.core.error_pages import wants_json
from app.core.errors import DomainError
from app.core.extensions import limiter, login_manager, writes_on_get
from app.core.redirects import page_to_return_to, safe_next_url


def _limit(setting: str):
    """Rate limit a view's POSTs with the limit string in config `setting`."""
    return limiter.limit(lambda: current_app.config[setting], methods=["POST"])


def _account_key() -> str:
    """The account a log-in or reset request is about, so that guesses from many addresses add up."""
    return "account:" + normalise_email(request.form.get("email", ""))


def _log_in_key() -> str:
    """Log-in attempts count per account (_account_key), but on a browser where that account logged in
    before, per browser: strangers' guesses cannot lock the owner out (app.accounts.devices)."""
    mark = request.cookies.get(current_app.config["DEVICE_COOKIE_NAME"])
    device = devices.known_device(mark, request.form.get("email", ""))
    return "device:" + device if device is not None else _account_key()


def _locked_out(limit) -> Response:
    """The answer when an account's log-in attempts are used up (how its owner gets in), or those of a
    browser where it logged in before (its own wrong passwords: it waits, or asks for a reset link)."""
    known_browser = "device:" in limit.key
    return make_response(render_template("auth/login_locked.html", known_browser=known_browser), 429)


def remember_device(response: Response, user: User) -> Response:
    """Mark this browser as one where `user` proved their password (app.accounts.devices)."""
    config = current_app.config
    response.set_cookie(
        config["DEVICE_COOKIE_NAME"],
        devices.device_mark(user),
        max_age=config["DEVICE_COOKIE_MAX_AGE"],
        secure=config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Lax",
    )
    return response


def start_session(user: User, remember: bool = False) -> None:
    """Log `user` in on a fresh session: nothing from before is kept but a chosen language."""
    locale = session.get("locale")
    session.clear()
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
    login_user(user, remember=remember)


def end_session() -> None:
    """Log out and empty the session (keeping a chosen language); the remember-me cookie is removed."""
    locale = session.get("locale")
    session.clear()
    logout_user()
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale


def tell_of_revoked_tokens(user: User, revoked: int, reason: str) -> None:
    """Say on the next page, and by e-mail in the owner's language, that the API tokens were revoked
    (`reason`: "password" or "sign-out", see app.accounts.emails.send_tokens_revoked)."""
    if revoked:
        flash(_("Your API tokens were revoked. You can make new ones on your account page."), "info")
        transaction.after_commit(send_tokens_revoked, user, revoked, reason)


@login_manager.unauthorized_handler
def ask_to_log_in():
    """Pages that need an account send visitors to the log-in form, then back (GET pages only)."""
    if wants_json():
        abort(401)
    flash(_("Please log in to see this page."), "info")
    here = request.full_path if request.query_string else request.path
    next_url = safe_next_url(here) if request.method == "GET" else None
    return redirect(url_for("auth.login", next=next_url))


# Registration and e-mail confirmation --------------------------------------------------------------


@bp.route("/register", methods=["GET", "POST"])
@_limit("RATELIMIT_REGISTER")
def register():
    if current_user.is_authenticated:
        return redirect(url_for("auth.account"))
    form = RegisterForm()
    if request.method == "GET":
        form.locale.data = str(get_locale() or "en")
    if form.validate_on_submit():
        try:
            user, created = accounts.register_user(
                form.email.data, form.name.data, form.password.data, form.locale.data
            )
        except WeakPassword as error:
            transaction.discard()
            form.password.errors.extend(error.messages)
        except DomainError as error:
            transaction.discard()
            flash(error.message, "error")
        else:
            if created:
                transaction.after_commit(send_verification, user)
            else:
                transaction.after_commit(send_already_registered, user)
            # The same answer whether or not the address was known: it cannot be used to find accounts.
            flash(
                _(
                    "Thank you. We have sent a message to %(email)s. Open the link in it to confirm "
                    "your address. You can log in now.",
                    email=user.email,
                ),
                "success",
            )
            return redirect(url_for("auth.login"))
    return render_template("auth/register.html", form=form)


@bp.get("/verify/<token>")
@writes_on_get
def verify_email(token: str):
    try:
        accounts.verify_email(token)
    except accounts.LinkExpired:
        message = _("This confirmation link has expired. Log in and ask for a new one.")
        return render_template("auth/link_problem.html", message=message, resend=True), 400
    except accounts.LinkInvalid as error:
        return render_template("auth/link_problem.html", message=error.message, resend=True), 400
    flash(_("Thank you, your e-mail address is confirmed."), "success")
    return redirect(url_for("auth.account" if current_user.is_authenticated else "auth.login"))


@bp.post("/verify/resend")
@_limit("RATELIMIT_RESET")
@login_required
def resend_verification():
    if current_user.is_verified:
        flash(_("Your e-mail address is already confirmed."), "info")
    else:
        transaction.after_commit(send_verification, current_user._get_current_object())
        flash(_("We have sent a new confirmation link to %(email)s.", email=current_user.email), "success")
    return redirect(page_to_return_to(request.form.get("next")) or url_for("auth.account"))


# Log in and log out ---------------------------------------------------------------------------------


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["RATELIMIT_LOGIN"],
    methods=["POST"],
    deduct_when=lambda response: response.status_code != 302,  # successful log-ins do not count
)
@limiter.limit(
    lambda: current_app.config["RATELIMIT_LOGIN_ACCOUNT"],
    key_func=_log_in_key,
    methods=["POST"],
    deduct_when=lambda response: response.status_code != 302,
    on_breach=_locked_out,
)
def login():
    form = LoginForm()
    if request.method == "GET":
        form.next.data = safe_next_url(request.args.get("next")) or ""
    failed = False
    if form.validate_on_submit():
        user = accounts.authenticate(form.email.data, form.password.data)
        if user is None:
            failed = True
        else:
            start_session(user, remember=form.remember.data)
            accounts.record_login(user)
            flash(_("Welcome, %(name)s.", name=user.name), "success")
            target = safe_next_url(form.next.data) or safe_next_url(request.args.get("next"))
            return remember_device(redirect(target or url_for("lab.home")), user)
    return render_template("auth/login.html", form=form, failed=failed)


@bp.post("/logout")
def logout():
    """End every session of the account (copied cookies and remember-me cookies too)."""
    if current_user.is_authenticated:
        current_user.rotate_session_token()
    end_session()
    flash(_("You are logged out."), "success")
    return redirect(url_for("main.home"))


# Password reset -------------------------------------------------------------------------------------


@bp.route("/password/forgot", methods=["GET", "POST"])
@_limit("RATELIMIT_RESET")
@limiter.limit(lambda: current_app.config["RATELIMIT_RESET_ACCOUNT"], key_func=_account_key, methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        # The same answer, as fast, for every address: after the response, one job with the address
        # typed is queued (or, without a queue, run); the job looks the account up and mails it.
        transaction.after_response(jobs.enqueue, send_reset_link, form.email.data)
        flash(
            _(
                "If an account exists for %(email)s, we have sent it a link to choose a new password.",
                email=form.email.data.strip(),
            ),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/password/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    try:
        user = accounts.user_for_reset(token)
    except accounts.LinkExpired:
        message = _("This link has expired. Please ask for a new one.")
        return render_template("auth/link_problem.html", message=message, forgot=True), 400
    except accounts.LinkInvalid as error:
        return render_template("auth/link_problem.html", message=error.message, forgot=True), 400
    form = ResetPasswordForm(account_email=user.email, account_name=user.name)
    if form.validate_on_submit():
        try:
            user, revoked = accounts.reset_password(token, form.password.data)
        except WeakPassword as error:
            transaction.discard()
            form.password.errors.extend(error.messages)
        else:
            flash(_("Your new password is saved. You can log in with it now."), "success")
            tell_of_revoked_tokens(user, revoked, "password")
            return remember_device(redirect(url_for("auth.login")), user)  # the e-mailed link proved it
    return render_template("auth/reset_password.html", form=form, token=token)
