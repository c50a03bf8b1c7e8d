"""Personal API tokens: made here, shown once, stored as a hash."""

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.models import ApiToken, User, hash_token
from app.core.columns import utcnow
from app.core.errors import FieldsInvalid
from app.core.extensions import db

TOKEN_PREFIX = "sl_"  # noqa: S105 (a visible prefix, not a secret) # nosec B105
NAME_MAX = ApiToken.name.type.length  # 80, the column's length


class TokenInvalid(FieldsInvalid):
    """The token's name is wrong; `errors` maps "name" to its message."""


def create_token(user: User, name: str) -> str:
    """Create a token for `user` and return it in clear; only its hash is kept.

    Refuses with TokenInvalid when the name is longer than NAME_MAX characters (a blank name is "token").
    """
    name = (name or "").strip() or "token"
    if len(name) > NAME_MAX:
        raise TokenInvalid({"name": str(_l("Please use at most %(max)d characters.", max=NAME_MAX))})
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    db.session.add(ApiToken(user=user, name=name, token_hash=hash_token(raw), prefix=raw[:10]))
    db.session.flush()
    return raw


def revoke_token(token: ApiToken) -> None:
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.flush()


def revoke_all_tokens(user: User) -> int:
    """Revoke every token of `user` still in use; returns how many there were. The owner can make new ones."""
    live = db.session.scalars(select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    now = utcnow()
    count = 0
    for token in live:
        token.revoked_at = now
        count += 1
    db.session.flush()
    return count
