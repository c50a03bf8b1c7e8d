"""Delivering notifications by e-mail: which ones to send, and when they may be sent.

app.community.notifications remembers the ids it writes on the database session (`remember`);
when the transaction commits they become available through `take_committed()`, and when it
rolls back they are forgotten, so nothing is e-mailed about work that was not saved.

The claims stamp `emailed_at`, and the claim is committed before anything is sent (by
app.core.transaction after a request, by the command line for digests): an UPDATE ... WHERE
emailed_at IS NULL takes each row once, so two runs never send the same notification twice.
"""

from datetime import datetime

from sqlalchemy import event, select, update
from sqlalchemy.orm import Session

from app.accounts.models import NotifyMode, User
from app.community.models import Notification
from app.core.extensions import db

_PENDING = "notifications.pending"
_COMMITTED = "notifications.committed"


def claim_immediate(ids: list[int], now: datetime) -> list[tuple[Notification, User]]:
    """Mark `emailed_at = now` on those of `ids` whose recipient wants immediate e-mails and that were
    not e-mailed yet; answers them with their recipient. Another claim never takes the same rows."""
    if not ids:
        return []
    return _claim(now, NotifyMode.IMMEDIATE, only=ids)


def claim_digests(now: datetime) -> list[tuple[User, list[Notification]]]:
    """Mark `emailed_at = now` on every notification not e-mailed yet of people who chose the daily
    digest; answers each person with their notifications, oldest first. Running it again finds
    nothing already claimed, so nobody gets the same notification in two digests."""
    digests: dict[int, tuple[User, list[Notification]]] = {}
    for notification, user in _claim(now, NotifyMode.DIGEST):
        digests.setdefault(user.id, (user, []))[1].append(notification)
    return list(digests.values())


def _claim(now: datetime, mode: NotifyMode, only: list[int] | None = None) -> list[tuple[Notification, User]]:
    """Stamp, then read back by the stamp: an UPDATE ... WHERE emailed_at IS NULL takes each row once,
    even when two claims run at the same time."""
    recipients = select(User.id).where(
        User.notify_mode == mode, User.active.is_(True), User.email_verified_at.is_not(None)
    )
    mine = [Notification.user_id.in_(recipients)]
    if only is not None:
        mine.append(Notification.id.in_(only))
    db.session.execute(
        update(Notification)
        .where(Notification.emailed_at.is_(None), *mine)
        .values(emailed_at=now)
        .execution_options(synchronize_session=False)
    )
    rows = db.session.execute(
        select(Notification, User)
        .join(User, User.id == Notification.user_id)
        .where(Notification.emailed_at == now, *mine)
        .order_by(User.id, Notification.created_at, Notification.id)
        .execution_options(populate_existing=True)
    )
    return list(rows.tuples())


# What commits hand over ---------------------------------------------------------------------------


def remember(ids: list[int]) -> None:
    """Note notifications written in the current transaction (handed over if it commits)."""
    db.session.info.setdefault(_PENDING, []).extend(ids)


def take_committed() -> list[int]:
    """The ids of notifications written by transactions of this session that have committed since the
    last call (the caller e-mails them)."""
    return db.session.info.pop(_COMMITTED, [])


@event.listens_for(Session, "after_commit")
def _remember_committed(session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        session.info.setdefault(_COMMITTED, []).extend(pending)


@event.listens_for(Session, "after_transaction_end")
def _forget_uncommitted(session, transaction) -> None:
    if transaction.parent is None:  # the outermost transaction: what did not commit is gone
        session.info.pop(_PENDING, None)
