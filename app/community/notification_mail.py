"""Notification e-mails: one per notification right after the commit, or one daily digest.

Immediate e-mails need no line in the views. app.community.notifications remembers the ids it
writes on the database session, and app.community.notification_delivery hands over those whose
transaction committed (`take_committed()`); after the commit of every request (app.core.transaction),
`email_committed_notifications` claims the ones whose recipient wants immediate e-mails (stamping
`emailed_at`); the core commits the claim, then it sends. So the web forms, the JSON API and the review pages all
e-mail what they notified, and a transaction that rolled back sends nothing.

The daily digest is `flask send-digests`: it claims every notification not e-mailed yet of the
people who chose the digest, commits, then sends one e-mail per person. A claim stamps rows that
are still unstamped only, so running it twice (even at the same time) sends nobody the same
notification twice.

Each e-mail is rendered in the recipient's language (send_email's locale).
"""

from collections.abc import Callable
from functools import partial

from flask_babel import lazy_ngettext

from app.community import notification_delivery as delivery
from app.community import notifications
from app.community.notification_texts import describe, subject, target_link
from app.core.columns import utcnow
from app.core.mail import external_url, send_email


def claim_immediate(notification_ids: list[int]) -> Callable[[], int]:
    """Claim those of `notification_ids` whose recipient wants immediate e-mails and that were not
    e-mailed yet (stamping them). Answers the sending, to run once the claim is committed, so that a
    second sender (another worker, the digest) finds these rows taken and sends nothing; it answers
    how many e-mails went out."""
    claimed = delivery.claim_immediate(list(notification_ids), utcnow())
    return partial(_send_immediate, claimed)


def _send_immediate(claimed) -> int:
    if not claimed:
        return 0
    names = notifications.actor_names([n for n, _user in claimed])
    sent = 0
    for notification, user in claimed:
        sent += send_email(
            user.email,
            subject(notification),
            f"notification_{notification.kind}",
            locale=user.locale,
            recipient=user,
            notification=notification,
            actor=names.get(notification.actor_id),
            describe=describe,
            link=target_link(notification),
            settings_link=external_url("auth.account"),
        )
    return sent


def claim_digests() -> Callable[[], int]:
    """Claim the notifications of the people who chose the daily digest. Answers the sending (one
    e-mail per person), to run once the claim is committed; it answers how many went out."""
    claimed = delivery.claim_digests(utcnow())
    return partial(_send_digests, claimed)


def _send_digests(claimed) -> int:
    if not claimed:
        return 0
    names = notifications.actor_names([n for _user, items in claimed for n in items])
    sent = 0
    for user, items in claimed:
        sent += send_email(
            user.email,
            lazy_ngettext(
                "Your Social Lab digest: %(num)d notification",
                "Your Social Lab digest: %(num)d notifications",
                len(items),
            ),
            "digest",
            locale=user.locale,
            recipient=user,
            items=[(n, names.get(n.actor_id), target_link(n)) for n in items],
            describe=describe,
            settings_link=external_url("auth.account"),
        )
    return sent


def email_committed_notifications() -> Callable[[], int] | None:
    """Claim the notifications that the request's commit saved, and answer their sending (run by
    app.core.transaction after every commit, which commits the claim before sending). A failure
    while claiming rolls the claim back; a failure while sending is logged there, and what was
    claimed stays stamped: at most once, never twice."""
    ids = delivery.take_committed()
    if not ids:
        return None
    return claim_immediate(ids)
