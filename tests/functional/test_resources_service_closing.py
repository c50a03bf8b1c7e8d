"""A project that ends (completed, withdrawn, rejected) closes its needs, its open pledges and its
waiting requests in the same transaction as the stage change, and tells each pledger."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.gate import workflow
from app.gate.workflow import GateBlocked
from app.projects.models import Project, ProjectEvent, Stage
from app.resources import needs as need_service
from app.resources.models import Need, NeedStatus, OfferRequest, OfferRequestStatus, Pledge, PledgeStatus
from tests.support.engagement import forget_notifications, notified
from tests.support.people import shared_makers
from tests.support.projects import advance, load
from tests.support.resources import (
    add_need,
    add_offer,
    ask,
    events_of,
    pledge_at,
    project_at,
    resource_people,
    stored,
)


@pytest.fixture(scope="module")
def people(app, shared_database):
    return resource_people(*shared_makers(app))


def setup(app, people, stage=Stage.ACTIVE):
    """A project at `stage` with two needs and a pledge in every status; answers (project id, pledge ids)."""
    project_id = project_at(app, people, stage)
    money = add_need(app, project_id, people.partner)
    hours = add_need(app, project_id, people.partner, kind="volunteer_time", unit="hours", quantity=Decimal(50),
                     title="Trainers")
    pledges = {
        "pledged": pledge_at(app, money, people.pledger, people.partner, "pledged"),
        "accepted": pledge_at(app, hours, people.other, people.partner, "accepted", quantity=Decimal(8)),
        "fulfilled": pledge_at(app, money, people.outsider, people.partner, "fulfilled"),
        "declined": pledge_at(app, money, people.admin, people.partner, "declined"),
        "withdrawn": pledge_at(app, hours, people.reviewer, people.partner, "withdrawn", quantity=Decimal(2)),
    }
    return project_id, pledges


def check_closed(app, people, project_id, pledges, actor_id):
    with app.app_context():
        assert {n.status for n in db.session.scalars(select(Need).where(Need.project_id == project_id))} == {
            NeedStatus.CLOSED}
    for status, pledge_id in pledges.items():
        expected = "closed" if status in ("pledged", "accepted") else status
        assert stored(app, Pledge, pledge_id).status == expected
        if expected == "closed":
            assert events_of(app, pledge_id)[-1] == (status, "closed", actor_id)
    told = notified(app, "pledge_closed")
    assert set(told) == {people.pledger.id, people.other.id}
    assert all(n.data["reason"] == "project" for items in told.values() for n in items)


def test_withdrawing_the_project_closes_needs_and_open_pledges(app, people):
    project_id, pledges = setup(app, people, Stage.INCUBATING)
    offer_id = add_offer(app, people.outsider)
    need_id = stored(app, Pledge, pledges["accepted"]).need_id
    request_id = ask(app, offer_id, need_id, people.partner)
    forget_notifications(app)
    with app.app_context():
        workflow.transition(db.session.get(Project, project_id), Stage.WITHDRAWN, load(people.member.id),
                            note="The partner withdraws.")
        db.session.commit()
    check_closed(app, people, project_id, pledges, people.member.id)
    assert stored(app, OfferRequest, request_id).status == OfferRequestStatus.CLOSED


def test_completing_the_project_closes_what_was_still_open(app, people):
    project_id, pledges = setup(app, people, Stage.ACTIVE)
    with app.app_context():
        advance(db.session.get(Project, project_id), Stage.COMPLETION_REVIEW, load(people.partner.id),
                load(people.reviewer.id))
        db.session.commit()
    forget_notifications(app)
    with app.app_context():
        advance(db.session.get(Project, project_id), Stage.COMPLETED, load(people.partner.id),
                load(people.reviewer.id))
        db.session.commit()
    check_closed(app, people, project_id, pledges, people.reviewer.id)
    with app.app_context(), app.test_request_context():
        from app.community.notification_texts import describe

        note = db.session.scalar(select(ProjectEvent).where(ProjectEvent.project_id == project_id)
                                 .order_by(ProjectEvent.id.desc()))
        assert note.to_stage == Stage.COMPLETED
        closed = notified(app, "pledge_closed")[people.pledger.id][0]
        assert describe(closed) == ("“Safe spaces for girls in Thiès” has ended (Completed): your pledge of "
                                    "F\u202fCFA\u00a01,000 to the need “School kits” is closed.")


def test_close_for_project_on_a_rejected_project(app, people):
    """No real path rejects a project with needs (only submitted ones are rejected); the service still
    closes everything when called."""
    project_id, pledges = setup(app, people, Stage.ACTIVE)
    forget_notifications(app)
    with app.app_context():
        project = db.session.get(Project, project_id)
        closed = need_service.close_for_project(project, None)
        assert sorted(p.id for p in closed) == sorted([pledges["pledged"], pledges["accepted"]])
        db.session.commit()
    check_closed(app, people, project_id, pledges, None)


def test_a_refused_stage_change_closes_nothing(app, people):
    project_id, pledges = setup(app, people, Stage.ACTIVE)
    with app.app_context():
        advance(db.session.get(Project, project_id), Stage.COMPLETION_REVIEW, load(people.partner.id),
                load(people.reviewer.id))
        db.session.commit()
    forget_notifications(app)
    with app.app_context(), pytest.raises(GateBlocked):
        workflow.transition(db.session.get(Project, project_id), Stage.COMPLETED, load(people.reviewer.id))
    assert stored(app, Pledge, pledges["pledged"]).status == PledgeStatus.PLEDGED
    assert stored(app, Pledge, pledges["accepted"]).status == PledgeStatus.ACCEPTED
    assert notified(app) == {}


def test_the_stage_change_and_the_closing_are_one_transaction(app, people):
    """A stage change rolled back leaves the pledges as they were."""
    project_id, pledges = setup(app, people, Stage.INCUBATING)
    with app.app_context():
        workflow.transition(db.session.get(Project, project_id), Stage.WITHDRAWN, load(people.partner.id),
                            note="The partner withdraws.")
        assert db.session.get(Pledge, pledges["pledged"]).status == PledgeStatus.CLOSED
        db.session.rollback()
    assert stored(app, Pledge, pledges["pledged"]).status == PledgeStatus.PLEDGED
    assert stored(app, Project, project_id).stage == Stage.INCUBATING
