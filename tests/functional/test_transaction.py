"""A request is one transaction (app/core/transaction.py): committed once after a success, rolled back
after a refusal or an error, with its e-mails sent only once the commit succeeded.

The probe app (tests/probe_app.py) gets a few routes that write a person, then answer each way a view
can. Those tests really commit (`committed`), so that a second connection sees what was saved.
"""

import sqlite3
from contextlib import contextmanager

import pytest
from flask import Blueprint, redirect, request
from sqlalchemy import event, func, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.core import transaction
from app.core.errors import ChangedMeanwhile, DomainError, NotPermitted
from app.core.extensions import csrf, db
from app.gate import workflow
from app.organisations.models import Membership
from app.projects.models import Project, Stage
from tests.conftest import get_csrf
from tests.probe_app import create_probe_app
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import world_records
from tests.support.web import text

ran_after_commit: list[tuple[str, bool]] = []  # (e-mail, whether a second connection saw the person)


# Some tests here really commit: the module cannot share one world (tests/conftest.py).
@pytest.fixture
def world(make_user, make_org):
    return world_records(make_user, make_org)


def transaction_probe() -> Blueprint:
    """POST /probe/transaction/<outcome> with `email`: writes that person and flushes, queues work after
    the commit, then answers as `outcome` says."""
    bp = Blueprint("transaction_probe", __name__, url_prefix="/probe/transaction")
    csrf.exempt(bp)

    @bp.post("/<outcome>")
    def write(outcome: str):
        email = request.form["email"]
        add_person(email)
        if outcome == "failing-work":
            transaction.after_commit(fail_on_purpose)
        transaction.after_commit(note_whether_stored, email)
        if outcome == "refused":
            return "refused", 422
        if outcome == "raised":
            raise RuntimeError("a failure on purpose (transaction probe)")
        if outcome == "not-permitted":
            raise NotPermitted("Not yours to change (on purpose).")
        if outcome == "domain-refused":
            raise DomainError("Refused on purpose.")
        if outcome == "discarded":
            transaction.discard()
            add_person(f"after-{email}")  # written after the discard: not kept either
        return redirect("/")

    return bp


def add_person(email: str) -> None:
    """Add a person and flush; an address already taken is ChangedMeanwhile (the flush failed)."""
    person = User(email=email, name="Probe Person", role="community", locale="en")
    person.set_password("a long enough password 42")
    db.session.add(person)
    try:
        db.session.flush()
    except IntegrityError:
        raise ChangedMeanwhile("Someone took this address meanwhile.") from None


def fail_on_purpose() -> None:
    raise RuntimeError("work after the commit failing on purpose")


def note_whether_stored(email: str) -> None:
    ran_after_commit.append((email, stored(email)))


def stored(email: str) -> bool:
    """Whether a connection of its own sees the person (only what was committed)."""
    with db.engine.connect() as connection:
        return connection.scalar(select(func.count(User.id)).where(User.email == email)) == 1


@pytest.fixture(scope="module")
def probe(app):
    probe = create_probe_app(app)
    probe.register_blueprint(transaction_probe())
    yield probe
    with probe.app_context():
        db.engine.dispose()


@contextmanager
def counting_commits(probe):
    """The COMMITs the database receives while the block runs."""
    with probe.app_context():
        engine = db.engine
    commits: list[int] = []

    def count(_connection):
        commits.append(1)

    event.listen(engine, "commit", count)
    try:
        yield commits
    finally:
        event.remove(engine, "commit", count)


def write(probe, outcome: str, email: str):
    ran_after_commit.clear()
    return probe.test_client().post(f"/probe/transaction/{outcome}", data={"email": email})


# --- one commit, or none ---------------------------------------------------------------------------


@pytest.mark.committed
def test_a_success_is_committed_once_then_its_queued_work_runs(probe):
    with counting_commits(probe) as commits:
        response = write(probe, "saved", "saved@example.org")
    assert response.status_code == 302
    assert len(commits) == 1
    with probe.app_context():
        assert stored("saved@example.org")
    assert ran_after_commit == [("saved@example.org", True)]  # it ran after the commit, not before


@pytest.mark.committed
@pytest.mark.parametrize(("outcome", "status"), [("refused", 422), ("raised", 500), ("discarded", 302),
                                                 ("not-permitted", 403), ("domain-refused", 422)])
def test_what_a_refused_request_flushed_is_rolled_back_and_its_work_never_runs(probe, outcome, status):
    with counting_commits(probe) as commits:
        response = write(probe, outcome, f"{outcome}@example.org")
    assert response.status_code == status
    assert commits == []
    with probe.app_context():
        assert not stored(f"{outcome}@example.org") and not stored(f"after-{outcome}@example.org")
    assert ran_after_commit == []


def test_a_refusal_after_a_failed_flush_is_answered_on_a_clean_session(probe, make_user, login_as):
    """The session is rolled back before the error handlers run: the 409 page of a signed-in person
    loads its header (their account, their unread notifications) after the failed INSERT."""
    taken = make_user()
    client = login_as(taken, probe.test_client())
    response = client.post("/probe/transaction/saved", data={"email": taken.email})
    assert response.status_code == 409
    assert "Someone took this address meanwhile." in text(response)


@pytest.mark.committed
def test_work_that_fails_after_the_commit_keeps_the_request_saved_and_the_rest_of_the_work(probe):
    response = write(probe, "failing-work", "still-saved@example.org")
    assert response.status_code == 302
    with probe.app_context():
        assert stored("still-saved@example.org")
    assert ran_after_commit == [("still-saved@example.org", True)]


# --- a commit stopped by another writer -------------------------------------------------------------


def lock_conflict() -> OperationalError:
    """What the database driver raises when another writer holds the lock. It is SQLite's error code,
    whatever the database: app.core.conflicts reads the code, and this one is easy to make."""
    busy = sqlite3.OperationalError("database is locked")
    busy.sqlite_errorcode = sqlite3.SQLITE_BUSY
    return OperationalError("COMMIT", {}, busy)


@contextmanager
def next_commit_meets_another_writer():
    """The next commit fails as if another writer held the lock; those after it go through."""
    stopped: list[int] = []

    def refuse(_session):
        if not stopped:
            stopped.append(1)
            raise lock_conflict()

    event.listen(Session, "before_commit", refuse)
    try:
        yield stopped
    finally:
        event.remove(Session, "before_commit", refuse)


def join_requests(app, world) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count(Membership.id)).where(
                Membership.organisation_id == world.org.id, Membership.user_id == world.community.id
            )
        )


def test_a_page_whose_commit_meets_another_writer_answers_409_and_sends_nothing(app, world, login_as, outbox):
    client = login_as(world.community, app.test_client())
    page = f"/organisations/{world.org.slug}"
    token = get_csrf(client, page)  # before the commit is stopped: this page's commit is not the one
    with next_commit_meets_another_writer() as stopped:
        response = client.post(f"{page}/join", data={"csrf_token": token})
    assert stopped and response.status_code == 409
    answer = text(response)
    assert "changed this meanwhile" in answer
    assert "Your request has been sent" not in answer  # the view's message of success is taken back
    assert "Your request has been sent" not in text(client.get(page))
    assert join_requests(app, world) == 0
    assert outbox() == []  # neither the owners' e-mail queued by the view nor a notification's


def test_a_committed_request_sends_its_e_mails_after_the_commit(app, world, login_as, outbox):
    client = login_as(world.community, app.test_client())
    page = f"/organisations/{world.org.slug}"
    token = get_csrf(client, page)
    in_outbox_at_commit: list[int] = []

    def note_the_outbox(_session):
        in_outbox_at_commit.append(len(outbox()))

    event.listen(Session, "after_commit", note_the_outbox)
    try:
        response = client.post(f"{page}/join", data={"csrf_token": token})
    finally:
        event.remove(Session, "after_commit", note_the_outbox)
    assert response.status_code == 302
    assert in_outbox_at_commit[0] == 0
    assert join_requests(app, world) == 1
    assert [m.to for m in outbox() if "asks to join" in m.subject] == [world.owner.email]


def test_an_api_call_whose_commit_meets_another_writer_answers_conflict(app, client, world):
    headers = bearer(app, world.owner)
    body = {"title": "Girls' football clubs in Kolda", "summary": "Weekly sessions.", "organisation": world.org.slug,
            "country": "SN", "themes": ["girls_empowerment"]}
    with next_commit_meets_another_writer() as stopped:
        response = client.post("/api/v1/projects", json=body, headers=headers)
    assert stopped, response.get_data(as_text=True)
    error = assert_error(response, 409, "conflict")
    assert "changed this meanwhile" in error["message"]
    with app.app_context():
        assert db.session.scalar(select(func.count(Project.id))) == 0


@pytest.mark.committed
@pytest.mark.parametrize(("outcome", "status", "message"), [
    ("not-permitted", 403, "Not yours to change (on purpose)."),
    ("domain-refused", 422, "Refused on purpose."),
])
def test_a_refusal_no_view_answered_is_a_page_with_its_message(probe, outcome, status, message):
    response = write(probe, outcome, f"page-{outcome}@example.org")
    assert response.status_code == status
    assert message in text(response)


# --- a lock conflict met inside the view, before the commit ----------------------------------------


def conflict_inside_the_view(sqlstate: str | None = None) -> OperationalError:
    """A lock conflict met by a statement of the view (PostgreSQL's deadlock, or SQLite's busy lock)."""
    if sqlstate is None:
        return lock_conflict()
    original = type("PostgresError", (Exception,), {"sqlstate": sqlstate})(sqlstate)
    return OperationalError("SELECT ... FOR UPDATE", {}, original)


@pytest.mark.parametrize("sqlstate", [None, "40P01", "40001", "55P03"])
def test_a_lock_conflict_inside_a_page_is_409_not_500(app, world, login_as, monkeypatch, sqlstate):
    project_id = project_at(app, world, Stage.DRAFT)
    client = login_as(world.owner, app.test_client())
    token = get_csrf(client, f"/projects/{project_id}")
    with app.app_context():
        version = db.session.get(Project, project_id).version

    def meets_another_writer(*_args, **_kwargs):
        raise conflict_inside_the_view(sqlstate)

    monkeypatch.setattr(workflow, "transition", meets_another_writer)
    response = client.post(f"/projects/{project_id}/transition",
                           data={"to": "withdrawn", "note": "We stop here.", "version": version, "csrf_token": token})
    assert response.status_code == 409
    assert "changed this meanwhile" in text(response)


@pytest.mark.parametrize("sqlstate", [None, "40P01"])
def test_a_lock_conflict_inside_an_api_call_is_a_conflict_not_500(app, client, world, monkeypatch, sqlstate):
    project_id = project_at(app, world, Stage.DRAFT)

    def meets_another_writer(*_args, **_kwargs):
        raise conflict_inside_the_view(sqlstate)

    monkeypatch.setattr(workflow, "transition", meets_another_writer)
    response = client.post(f"/api/v1/projects/{project_id}/transitions", json={"to": "withdrawn", "note": "Stop."},
                           headers=bearer(app, world.owner))
    error = assert_error(response, 409, "conflict")
    assert "changed this meanwhile" in error["message"]


def test_another_database_error_inside_a_view_is_still_an_error(app, client, world, monkeypatch):
    project_id = project_at(app, world, Stage.DRAFT)

    def breaks(*_args, **_kwargs):
        raise conflict_inside_the_view("23505")  # unique_violation: no lock conflict

    monkeypatch.setattr(workflow, "transition", breaks)
    with pytest.raises(OperationalError):  # the tests' app lets unexpected errors through (a 500 in production)
        client.post(f"/api/v1/projects/{project_id}/transitions", json={"to": "withdrawn", "note": "Stop."},
                    headers=bearer(app, world.owner))
