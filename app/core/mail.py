"""E-mail: SMTP in production, an outbox folder in development and tests.

Sending never raises: what the caller saved stays saved. Delivery is tried again after a pause
(MAIL_RETRY_DELAYS, in seconds, one pause per further attempt); an e-mail that still could not be
sent, or could not be built, is logged as an error with its template and recipient, never dropped in
silence. With a job queue (app/core/jobs.py), the message is built here and delivered by a worker,
which tries again with back-off (JOB_RETRY_DELAYS) and keeps what failed in the failed list.
A subject is one line whatever the text put into it (a stored title with a line break would
otherwise make the message impossible to build). Views queue their e-mails after the
request's commit (app.core.transaction.after_commit).
"""

import logging
import secrets
import smtplib
import time
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

from flask import current_app, render_template
from flask_babel import force_locale

from app.core import jobs
from app.core.text import one_line

log = logging.getLogger(__name__)


def external_url(endpoint: str, **values) -> str:
    """An absolute link for an e-mail, built on PUBLIC_URL: never on the request's Host header
    (which an attacker chooses), and usable outside a request (flask send-digests)."""
    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path


DEFAULT_RETRY_DELAYS = (1.0, 4.0)  # seconds before the second and the third attempt


def send_email(to: str, subject: str, template: str, locale: str = "en", **context) -> bool:
    """Render `templates/email/<template>.txt` in `locale` and send it: queued for a worker when there is a
    job queue, otherwise now, trying delivery again after each pause of MAIL_RETRY_DELAYS. Returns False,
    after logging an error, when it could not be built (or, inline, sent)."""
    try:
        with force_locale(locale):
            body = render_template(f"email/{template}.txt", **context)
            subject = str(subject)
        message = build_message(to, subject, body)
    except Exception:  # noqa: BLE001 - mail must never break the caller's work
        log.exception("E-mail %r to %s could not be built; it was not sent", template, to)
        return False
    if jobs.queued():
        jobs.enqueue(deliver_queued, bytes(message))
        return True
    delays = tuple(current_app.config.get("MAIL_RETRY_DELAYS", DEFAULT_RETRY_DELAYS))
    for attempt in range(1, len(delays) + 2):
        try:
            deliver(message)
            return True
        except Exception:  # noqa: BLE001 - mail must never break the caller's work
            if attempt > len(delays):
                log.exception("E-mail %r to %s could not be sent after %d attempts", template, to, attempt)
                return False
            log.warning("E-mail %r to %s failed (attempt %d); trying again", template, to, attempt, exc_info=True)
            time.sleep(delays[attempt - 1])
    return False


@jobs.job
def deliver_queued(raw: bytes) -> None:
    """The job a worker runs: deliver the message built in the request; an error makes RQ try again."""
    deliver(message_from_bytes(raw, policy=policy.default))


def deliver(message: EmailMessage) -> None:
    """Send `message` by SMTP when MAIL_SERVER is set, otherwise write it to the outbox folder."""
    if current_app.config.get("MAIL_SERVER"):
        deliver_smtp(message)
    else:
        write_to_outbox(message)


def build_message(to: str, subject: str, body: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = one_line(subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain="sociallab.local")
    message.set_content(body)
    return message


def deliver_smtp(message: EmailMessage) -> None:
    config = current_app.config
    smtp_class = smtplib.SMTP_SSL if config["MAIL_USE_SSL"] else smtplib.SMTP
    with smtp_class(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=15) as smtp:
        if config["MAIL_USE_TLS"] and not config["MAIL_USE_SSL"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def write_to_outbox(message: EmailMessage) -> Path:
    outbox = Path(current_app.config["MAIL_OUTBOX_DIR"])
    outbox.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
    path = outbox / f"{stamp}-{secrets.token_hex(4)}.eml"
    path.write_bytes(bytes(message))
    log.info("E-mail to %s, %r, written to %s", message["To"], message["Subject"], path)
    return path
