"""Pledges decided at the same moment from two threads with two real connections: exactly one change
and one event; the other person gets ChangedMeanwhile, nothing is half-written.

PostgreSQL makes the later transaction wait for the project's row lock, then the conditional UPDATE
finds the pledge moved already. SQLite lets one writer in at a time and turns the other away; that is
ChangedMeanwhile too.
"""

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.core.errors import ChangedMeanwhile
from app.core.extensions import db
from app.resources import pledges as pledge_service
from app.resources.models import Need, Pledge, PledgeEvent, PledgeStatus
from tests.support.resources import add_need, pledge, project_at, resource_people, stored
from tests.support.threads import postgres, run_at_once

pytestmark = pytest.mark.committed


def decide(pledge_id: int, user_id: int, status: str):
    def act(barrier):
        found = db.session.get(Pledge, pledge_id)
        project = found.project
        actor = db.session.get(User, user_id)
        _ = (project.organisation.verified, actor.memberships, found.status)  # everything read before the race
        barrier.wait()
        return pledge_service.set_pledge_status(found, project, actor, status).id

    return act


def events(app, pledge_id: int) -> list[tuple[str | None, str, int | None]]:
    with app.app_context():
        return [(e.from_status, e.to_status, e.actor_id) for e in db.session.scalars(
            select(PledgeEvent).where(PledgeEvent.pledge_id == pledge_id).order_by(PledgeEvent.id))]


@pytest.fixture
def world(app, make_user, make_org):
    people = resource_people(make_user, make_org)
    project_id = project_at(app, people)
    need_id = add_need(app, project_id, people.partner)
    people.pledge_id = pledge(app, need_id, people.pledger, quantity=Decimal(25000))
    people.need_id = need_id
    return people


def test_two_partners_accepting_the_same_pledge_at_once_make_one_event(app, world):
    outcomes = run_at_once(app, [decide(world.pledge_id, world.partner.id, "accepted"),
                                 decide(world.pledge_id, world.member.id, "accepted")])

    made = [o for o in outcomes if isinstance(o, int)]
    refused = [o for o in outcomes if isinstance(o, ChangedMeanwhile)]
    assert (len(made), len(refused)) == (1, 1), outcomes
    accepted = [e for e in events(app, world.pledge_id) if e[1] == PledgeStatus.ACCEPTED]
    assert len(accepted) == 1
    winner = world.partner.id if isinstance(outcomes[0], int) else world.member.id
    assert accepted[0] == (PledgeStatus.PLEDGED, PledgeStatus.ACCEPTED, winner)
    assert stored(app, Pledge, world.pledge_id).status == PledgeStatus.ACCEPTED


def test_a_partner_declining_while_the_pledger_withdraws_makes_one_change(app, world):
    outcomes = run_at_once(app, [decide(world.pledge_id, world.partner.id, "declined"),
                                 decide(world.pledge_id, world.pledger.id, "withdrawn")])

    made = [o for o in outcomes if isinstance(o, int)]
    assert len(made) == 1 and sum(isinstance(o, ChangedMeanwhile) for o in outcomes) == 1, outcomes
    final = stored(app, Pledge, world.pledge_id).status
    assert final == (PledgeStatus.DECLINED if isinstance(outcomes[0], int) else PledgeStatus.WITHDRAWN)
    assert [e[1] for e in events(app, world.pledge_id)] == [PledgeStatus.PLEDGED, final]


def test_the_same_form_sent_twice_at_once_makes_one_pledge(app, world):
    def send(barrier):
        need = db.session.get(Need, world.need_id)
        project = need.project
        pledger = db.session.get(User, world.other.id)
        _ = (project.organisation.verified, pledger.memberships)
        barrier.wait()
        made, created = pledge_service.make_pledge(need, project, pledger, quantity=Decimal(500), submission_key="k-1")
        return made.id, created

    outcomes = run_at_once(app, [send, send])

    with app.app_context():
        mine = db.session.scalars(select(Pledge).where(Pledge.pledger_id == world.other.id)).all()
        assert len(mine) == 1
        assert len(events(app, mine[0].id)) == 1
    answered = [o for o in outcomes if isinstance(o, tuple)]
    if postgres(app):
        assert sorted(created for _id, created in answered) == [False, True], outcomes
        assert {pledge_id for pledge_id, _created in answered} == {mine[0].id}
    else:
        assert len(answered) + sum(isinstance(o, ChangedMeanwhile) for o in outcomes) == 2, outcomes
