"""Accounts: registration, log-in, signed e-mail links, settings and password changes.

These functions flush; the request commits (app.core.transaction), then sends any e-mail.
"""

import hashlib
import hmac

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import lazyload

from app.accounts import passwords, tokens
from app.accounts.models import ApiToken, NotifyMode, User, UserRole, normalise_email
from app.core.columns import utcnow
from app.core.errors import DomainError
from app.core.extensions import db
from app.core.text import clean_name, is_blank, name_problem

VERIFY_SALT = "sociallab.verify-email"
RESET_SALT = "sociallab.reset-password"


class LinkExpired(DomainError):
    """A signed link that is genuine but too old."""


class LinkInvalid(DomainError):
    """A signed link that was altered, belongs to no active account, or was already used."""


class WrongPassword(DomainError):
    """The current password given to confirm a change is not the account's password."""


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email or "")))


def register_user(email: str, name: str, password: str, locale: str) -> tuple[User, bool]:
    """Create an unverified `community` account; return it and True.

    Refuses (WeakPassword) a password that breaks the policy, and (DomainError) an
    unknown language or a name that is empty or not a plain name (app.core.text.name_problem). When the
    e-mail is already registered,
    nothing is created: after spending the same hashing time it returns the
    existing account and False, so that the caller can tell the address's owner
    while the visitor sees the same answer as on success.
    """
    email = normalise_email(email)
    name = checked_name(name)
    if locale not in current_app.config["LANGUAGES"]:
        raise DomainError(_("Please choose one of the languages offered."))
    passwords.require_acceptable(password, email=email, name=name)
    existing = find_user_by_email(email)
    if existing is not None:
        passwords.spend_password_hash_time(password)
        return existing, False
    user = User(email=email, name=name, locale=locale, role=UserRole.COMMUNITY, email_verified_at=None)
    user.set_password(password)
    try:
        with db.session.begin_nested():  # the same address registered at the same moment
            db.session.add(user)
    except IntegrityError:
        existing = find_user_by_email(email)
        if existing is None:
            raise
        return existing, False
    return user, True


def authenticate(email: str, password: str) -> User | None:
    """The active account with this e-mail and password, or None.

    Refuses (None, never a reason) an unknown e-mail, a wrong password and a
    deactivated account alike; an unknown e-mail costs a password check too.
    """
    user = find_user_by_email(email)
    if user is None:
        passwords.spend_password_check_time(password)
        return None
    if not user.check_password(password or "") or not user.active:
        return None
    return user


def record_login(user: User) -> None:
    user.last_login_at = utcnow()
    db.session.flush()


# Signed links -------------------------------------------------------------------------------------


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _load(salt: str, token: str, max_age: int) -> dict:
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise LinkExpired(_("This link has expired.")) from error
    except BadSignature as error:
        raise LinkInvalid(_("This link is not valid. Please check that you copied all of it.")) from error
    if not isinstance(data, dict):
        raise LinkInvalid(_("This link is not valid. Please check that you copied all of it."))
    return data


def _active_user(user_id) -> User | None:
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    return user if user is not None and user.active else None


def email_verification_token(user: User) -> str:
    """A signed link token that confirms `user`'s current e-mail address."""
    return _serializer(VERIFY_SALT).dumps({"uid": user.id, "email": user.email})


def verify_email(token: str) -> User:
    """Mark the address in `token` as confirmed and return its account.

    Refuses (LinkExpired) a token older than EMAIL_TOKEN_MAX_AGE, and (LinkInvalid)
    an altered token, or one for a deactivated account or an address since changed.
    Confirming twice is harmless.
    """
    data = _load(VERIFY_SALT, token, current_app.config["EMAIL_TOKEN_MAX_AGE"])
    user = _active_user(data.get("uid"))
    if user is None or user.email != data.get("email"):
        raise LinkInvalid(_("This link is not valid. Please check that you copied all of it."))
    if user.email_verified_at is None:
        user.email_verified_at = utcnow()
        db.session.flush()
    return user


def account_for_reset_request(email: str) -> User | None:
    """The account to send a reset link to; None for an unknown e-mail or a deactivated account."""
    user = find_user_by_email(email)
    return user if user is not None and user.active else None


def password_fingerprint(user: User) -> str:
    """A short digest of the password hash: it changes whenever the password does."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, user.password_hash.encode(), hashlib.sha256).hexdigest()[:32]


def password_reset_token(user: User) -> str:
    """A signed link token for choosing a new password; it stops working once the password changes."""
    return _serializer(RESET_SALT).dumps({"uid": user.id, "pw": password_fingerprint(user)})


def user_for_reset(token: str) -> User:
    """The account a reset token is for.

    Refuses (LinkExpired) a token older than RESET_TOKEN_MAX_AGE, and (LinkInvalid)
    an altered token, one for a deactivated account, or one already used (the
    password changed since the link was sent).
    """
    data = _load(RESET_SALT, token, current_app.config["RESET_TOKEN_MAX_AGE"])
    user = _active_user(data.get("uid"))
    if user is None:
        raise LinkInvalid(_("This link is not valid. Please check that you copied all of it."))
    if not hmac.compare_digest(str(data.get("pw", "")), password_fingerprint(user)):
        raise LinkInvalid(
            _("This link has already been used, or the password was changed since it was sent.")
        )
    return user


def reset_password(token: str, new_password: str) -> tuple[User, int]:
    """Set a new password from a reset link; every session and every API token of the account ends.
    Returns the account and the number of tokens revoked.

    Refuses as user_for_reset() does, and (WeakPassword) a password that breaks the policy.
    """
    user = user_for_reset(token)
    passwords.require_acceptable(new_password, email=user.email, name=user.name)
    user.set_password(new_password)
    return user, tokens.revoke_all_tokens(user)


def checked_name(name: str | None) -> str:
    """The display name as stored (app.core.text.clean_name); refuses (DomainError) an empty name and one
    that is not a plain name: a name goes into e-mails and pages, and must not read as a sentence."""
    name = clean_name(name)
    if is_blank(name):
        raise DomainError(_("Please enter your name."))
    if problem := name_problem(name):
        raise DomainError(problem)
    return name


# Settings -----------------------------------------------------------------------------------------


def update_settings(user: User, *, name: str, locale: str, notify_mode: str) -> None:
    """Change the display name, language and notification preference.

    Refuses (DomainError) an empty name or one that is not a plain name, an unknown language or
    notification mode.
    """
    name = checked_name(name)
    if locale not in current_app.config["LANGUAGES"]:
        raise DomainError(_("Please choose one of the languages offered."))
    if notify_mode not in {m.value for m in NotifyMode}:
        raise DomainError(_("Please choose how you want to be notified."))
    user.name = name
    user.locale = locale
    user.notify_mode = NotifyMode(notify_mode)
    db.session.flush()


def change_password(user: User, current_password: str, new_password: str) -> int:
    """Replace the password; every session (the caller keeps its own) and every API token of the
    account ends. Returns the number of tokens revoked.

    Refuses (WrongPassword) when `current_password` is not the account's password,
    and (WeakPassword) a new password that breaks the policy.
    """
    if not user.check_password(current_password or ""):
        raise WrongPassword(_("Your current password is not correct."))
    passwords.require_acceptable(new_password, email=user.email, name=user.name)
    user.set_password(new_password)
    return tokens.revoke_all_tokens(user)


def sign_out_everywhere(user: User) -> int:
    """End every session and remember-me cookie of the account and revoke every API token of it
    (new ones can be made at once). Returns the number of tokens revoked."""
    user.rotate_session_token()
    return tokens.revoke_all_tokens(user)


def user_tokens(user: User) -> list[ApiToken]:
    """The account's API tokens, newest first (revoked ones included)."""
    query = select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
    return list(db.session.scalars(query))


def user_token(user: User, token_id: int) -> ApiToken | None:
    """One of the account's own API tokens, or None (someone else's token is never returned)."""
    return db.session.scalar(select(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == user.id))


def load_user(session_token: str) -> User | None:
    """Sessions carry the user's rotating session token, never the numeric id."""
    # One query, and a second for reviewers only: their regions (loaded now, as streamed pages read
    # them after the request's session is gone).
    user = db.session.scalar(
        select(User).where(User.session_token == session_token).options(lazyload(User.reviewer_regions))
    )
    if user is None or not user.active:
        return None
    if user.is_reviewer:
        user.region_keys  # noqa: B018
    return user
