"""A request is one transaction, committed once, here, or rolled back.

`TransactionalFlask.dispatch_request` runs the view, makes its response, then `finish`es:

- a response under 400 commits the session once. The commit happens inside the dispatch, so what
  it raises goes to the error handlers as a view's own refusal would: a lock conflict becomes
  ChangedMeanwhile (409, `conflict` in the API), any other database error the 500 page;
- a response of 400 or more, an exception, or `discard()` rolls the session back. A lock conflict
  met by a statement of the view itself (before the commit) is ChangedMeanwhile too, never a 500.

Views and domain functions never commit. Work that must follow saved data only (e-mails) is queued
with `after_commit(work, *args)` and runs once the commit succeeded; a request that rolled back runs
none of it. `after_every_commit(app, work)` adds work run after the commit of every request (the
notification e-mails). Work that must save something before it goes on (a claim on e-mails to
send, so that no other sender takes them) answers what comes next, a callable: its writes are
committed here, then that callable runs. Work that fails is logged and its writes not yet committed
are rolled back; what the request saved stays saved. `after_response(work, *args)` runs work once
the answer is sent, so that its time does not show in the answer (the reset link, for every address).

A view that catches a refusal and still answers (a redirect with a message, or its form again,
possibly with a status under 400) calls `discard()`: the session rolls back at once, so the page shows
what is stored, and the request commits nothing. `start_over()` rolls back to try a write again.
"""

import logging
from collections.abc import Callable

from flask import Flask, Response, after_this_request, current_app, g, message_flashed, session
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError

from app.core.conflicts import changed_meanwhile_on_conflict, is_lock_conflict
from app.core.errors import ChangedMeanwhile
from app.core.extensions import db

log = logging.getLogger(__name__)

# The message of the 409 page (app.core.error_pages), for a commit stopped by another writer.
CHANGED_MEANWHILE = _l("Someone changed this meanwhile. Please reload the page and try again.")

_AFTER_COMMIT = "transaction_after_commit"  # on g: [(work, args, kwargs)] queued by this request
_DISCARDED = "transaction_discarded"  # on g: the request commits nothing
_FLASHED = "transaction_flashed"  # on g: how many messages this request flashed
_COMMITTED = "transaction_committed"  # on g: the request's commit is done (what follows is after it)
_EVERY_COMMIT = "transaction.after_every_commit"  # in app.extensions: work run after every commit


class TransactionalFlask(Flask):
    """Flask whose requests are each one transaction (see the module's docstring)."""

    # A line holding only a block tag leaves nothing in the page: no indentation, no empty line.
    jinja_options = {**Flask.jinja_options, "trim_blocks": True, "lstrip_blocks": True}

    def dispatch_request(self) -> Response:
        try:
            response = self.make_response(super().dispatch_request())
        except DBAPIError as error:
            discard()
            if not is_lock_conflict(error):
                raise
            # Met by a statement of the view (PostgreSQL's deadlock on a row lock, say), not the commit.
            _withdraw_flashed_messages()
            raise ChangedMeanwhile(str(CHANGED_MEANWHILE)) from None
        except Exception:
            discard()
            raise
        finish(response)
        return response

    def handle_exception(self, e: Exception) -> Response:
        """An unexpected error, even one raised outside the view (by a hook), keeps nothing of the
        request: the 500 page is drawn on a clean session."""
        discard()
        return super().handle_exception(e)


def finish(response: Response) -> None:
    """Commit the request's transaction once if `response` is a success (under 400) and nothing
    discarded it, then run the work queued after the commit; otherwise roll it back.

    Refuses with ChangedMeanwhile when another writer's lock stops the commit. Whatever stops it,
    the session is rolled back, nothing queued runs, and the messages the view flashed (which told
    of a success) are withdrawn.
    """
    if response.status_code >= 400 or g.get(_DISCARDED, False):
        discard()
        return
    try:
        with changed_meanwhile_on_conflict(CHANGED_MEANWHILE):
            _commit_keeping_what_was_loaded()
    except Exception:
        discard()
        _withdraw_flashed_messages()
        raise
    setattr(g, _COMMITTED, True)
    _run_after_commit()


def committed() -> bool:
    """Whether this request's transaction has committed (work running after the commit asks)."""
    return g.get(_COMMITTED, False)


def discard() -> None:
    """Keep nothing this request wrote: roll back now, drop the work queued after the commit, and
    commit nothing at the end of the request (what it writes afterwards is rolled back too)."""
    setattr(g, _DISCARDED, True)
    db.session.rollback()
    g.pop(_AFTER_COMMIT, None)


def start_over() -> None:
    """Roll back what the request wrote so far and the work it queued, to try the write again; what
    it writes next is committed as usual."""
    db.session.rollback()
    g.pop(_AFTER_COMMIT, None)


def after_commit(work: Callable, *args, **kwargs) -> None:
    """Run `work(*args, **kwargs)` once this request's commit succeeded; never if it rolls back."""
    g.setdefault(_AFTER_COMMIT, []).append((work, args, kwargs))


def after_response(work: Callable, *args, **kwargs) -> None:
    """Run `work(*args, **kwargs)` once the response was sent (the server closes it), if this request
    committed; in an application context of its own, the request's being gone. For work whose time must
    not show in the answer (looking an account up and mailing it), until a job queue takes it."""
    app = current_app._get_current_object()

    @after_this_request
    def _queue(response: Response) -> Response:
        if response.status_code < 400 and not g.get(_DISCARDED, False):
            response.call_on_close(lambda: _run_after_response(app, work, args, kwargs))
        return response


def _run_after_response(app: Flask, work: Callable, args: tuple, kwargs: dict) -> None:
    with app.app_context():
        try:
            work(*args, **kwargs)
            _commit_keeping_what_was_loaded()
        except Exception:  # noqa: BLE001 - the answer is sent and the request's work saved; only this is lost
            db.session.rollback()
            log.exception("%s failed after the response (arguments %r)", getattr(work, "__qualname__", work), args)


def after_every_commit(app: Flask, work: Callable[[], object]) -> None:
    """Run `work()` after the commit of every request of `app`, after the work the request queued."""
    app.extensions.setdefault(_EVERY_COMMIT, []).append(work)


def _commit_keeping_what_was_loaded() -> None:
    """Commit without expiring the loaded objects: what runs after the request's last commit (the
    queued work, the response's hooks, a streamed body) reads what this transaction saw and wrote,
    instead of loading each object again (the user of every signed-in page, for one)."""
    orm_session = db.session()
    expire = orm_session.expire_on_commit
    orm_session.expire_on_commit = False
    try:
        orm_session.commit()
    finally:
        orm_session.expire_on_commit = expire


def _run_after_commit() -> None:
    queued = g.pop(_AFTER_COMMIT, [])
    every = [(work, (), {}) for work in current_app.extensions.get(_EVERY_COMMIT, [])]
    for work, args, kwargs in [*queued, *every]:
        try:
            then = work(*args, **kwargs)
            if callable(then):  # the work wrote (a claim): saved here before it goes on
                _commit_keeping_what_was_loaded()
                then()
        except Exception:  # noqa: BLE001 - the request's work is saved; only this side work is lost
            db.session.rollback()
            log.exception("%s failed after the commit (arguments %r)", getattr(work, "__qualname__", work), args)


@message_flashed.connect
def _count_flashed_message(_app, **_message) -> None:
    setattr(g, _FLASHED, g.get(_FLASHED, 0) + 1)


def _withdraw_flashed_messages() -> None:
    """Take back the messages this request flashed (the others, not shown yet, stay)."""
    count = g.pop(_FLASHED, 0)
    if count:
        session["_flashes"] = session.get("_flashes", [])[:-count]
