"""Known devices: a browser where an account logged in keeps a signed mark of it (a cookie set by the
web face), so that its owner is not locked out by strangers' guesses.

Wrong passwords typed for an account are counted per account, whatever the address they come from
(RATELIMIT_LOGIN_ACCOUNT). Alone, that lets anyone lock the owner out by typing five wrong passwords
for their e-mail address. A log-in attempt from a browser holding a valid mark for the e-mail typed is
counted against that mark instead: strangers' guesses do not hold it up, and its own wrong guesses
are limited the same way. A mark is only given for a correct password (a log-in, or a new password
chosen from a reset link sent by e-mail), names the account only by a keyed digest of its address,
and expires after DEVICE_COOKIE_MAX_AGE.
"""

import hashlib
import hmac
import secrets

from flask import current_app
from itsdangerous import BadSignature, URLSafeTimedSerializer

from app.accounts.models import User, normalise_email

DEVICE_SALT = "sociallab.known-device"


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=DEVICE_SALT)


def _account_digest(email: str) -> str:
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, b"device:" + normalise_email(email).encode(), hashlib.sha256).hexdigest()[:32]


def device_mark(user: User) -> str:
    """A new signed mark saying that `user` logged in on this device (a cookie's value)."""
    return _serializer().dumps({"a": _account_digest(user.email), "d": secrets.token_urlsafe(16)})


def known_device(mark: str | None, email: str) -> str | None:
    """The device's own id when `mark` is a genuine, unexpired mark of the account with this e-mail;
    None for no mark, an altered or expired one, or one of another account."""
    if not mark:
        return None
    try:
        data = _serializer().loads(mark, max_age=current_app.config["DEVICE_COOKIE_MAX_AGE"])
    except BadSignature:  # an expired mark too (SignatureExpired is a BadSignature)
        return None
    if not isinstance(data, dict) or not isinstance(data.get("d"), str):
        return None
    if not hmac.compare_digest(str(data.get("a", "")), _account_digest(email or "")):
        return None
    return data["d"]
