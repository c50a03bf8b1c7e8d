"""The resource pooling service: needs, pledges and their lifecycle by each role, stages that take
pledges, double submissions, bad quantities, progress and totals per currency.

Offers and matching: test_resources_service_offers.py; a project ending: test_resources_service_closing.py;
two partners at the same moment: test_resources_concurrency.py.
"""

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.community.models import Notification
from app.core.errors import NotPermitted
from app.core.extensions import db
from app.organisations.models import Membership, MembershipRole, MembershipStatus
from app.projects.models import Project, Stage
from app.resources import needs as need_service
from app.resources import pledges as pledge_service
from app.resources import progress as progress_service
from app.resources.models import Need, NeedKind, NeedStatus, Pledge, PledgeEvent, PledgeStatus
from app.resources.refusals import InvalidPledgeStatus, PledgingClosed, ResourceInvalid
from tests.support.engagement import forget_notifications, notified
from tests.support.people import shared_makers
from tests.support.projects import advance, load
from tests.support.queries import counted_queries
from tests.support.resources import add_need, events_of, move, pledge, pledge_at, project_at, resource_people, stored


@pytest.fixture(scope="module")
def people(app, shared_database):
    return resource_people(*shared_makers(app))


@pytest.fixture(scope="module")
def project_id(app, people):
    return project_at(app, people, Stage.INCUBATING)


@pytest.fixture
def need_id(app, people, project_id):
    return add_need(app, project_id, people.partner)


def user_of(people, role: str):
    return None if role == "anonymous" else load(getattr(people, role).id)


# Needs --------------------------------------------------------------------------------------------


def test_a_partner_adds_a_need(app, people, project_id):
    with app.app_context():
        project = db.session.get(Project, project_id)
        need = need_service.add_need(project, load(people.member.id), kind="funding", title="  Bus   fares ",
                                     description="For the girls' trips.", quantity="1 500", unit="xof",
                                     required=False, locale="fr")
        assert (need.kind, need.title, need.quantity, need.unit, need.required, need.status) == (
            NeedKind.FUNDING, "Bus fares", Decimal(1500), "XOF", False, NeedStatus.OPEN)
        assert need.created_by_id == people.member.id


@pytest.mark.parametrize("role", ["pledger", "other", "outsider", "reviewer", "admin", "unverified", "anonymous"])
def test_only_partners_add_needs(app, people, project_id, role):
    with app.app_context(), pytest.raises(NotPermitted):
        need_service.add_need(db.session.get(Project, project_id), user_of(people, role), kind="funding",
                              title="Bus fares", quantity=Decimal(100), unit="XOF")


@pytest.mark.parametrize("stage", [Stage.DRAFT, Stage.SUBMITTED, Stage.COMPLETION_REVIEW, Stage.COMPLETED])
def test_needs_are_added_only_in_the_stages_that_take_them(app, people, stage):
    project_id = project_at(app, people, stage)
    with app.app_context(), pytest.raises(PledgingClosed):
        need_service.add_need(db.session.get(Project, project_id), load(people.partner.id), kind="funding",
                              title="Bus fares", quantity=Decimal(100), unit="XOF")


@pytest.mark.parametrize("stage", [Stage.INCUBATING, Stage.LAUNCH_REVIEW, Stage.ACTIVE])
def test_needs_are_added_in_incubating_launch_review_and_active(app, people, stage):
    project_id = project_at(app, people, stage)
    assert add_need(app, project_id, people.partner) > 0


@pytest.mark.parametrize(("fields", "errors"), [
    ({"kind": "money"}, {"kind"}),
    ({"title": "  "}, {"title"}),
    ({"title": "x" * 201}, {"title"}),
    ({"description": "x" * 5001}, {"description"}),
    ({"unit": "BTC"}, {"unit"}),
    ({"quantity": "0"}, {"quantity"}),
    ({"quantity": "-3"}, {"quantity"}),
    ({"quantity": "a lot"}, {"quantity"}),
    ({"quantity": "1500.5"}, {"quantity"}),
    ({"kind": "materials", "unit": ""}, {"unit"}),
    ({"title": "", "quantity": "", "unit": "ZZZ"}, {"title", "unit"}),
])
def test_bad_need_fields_are_named(app, people, project_id, fields, errors):
    values = dict(kind="funding", title="Bus fares", quantity="1500", unit="XOF")
    values.update(fields)
    with app.app_context(), pytest.raises(ResourceInvalid) as caught:
        need_service.add_need(db.session.get(Project, project_id), load(people.partner.id), locale="en", **values)
    assert set(caught.value.errors) == errors


def test_volunteer_time_is_counted_in_hours(app, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", quantity="12.5", unit="days")
    need = stored(app, Need, need_id)
    assert (need.unit, need.quantity) == ("hours", Decimal("12.5"))


def test_a_need_is_edited_and_its_kind_and_unit_stay_once_pledged(app, people, project_id, need_id):
    with app.app_context():
        need = db.session.get(Need, need_id)
        project = need.project
        need_service.edit_need(need, project, load(people.partner.id), title="School kits", description="",
                               quantity=Decimal(600000), unit="EUR", required=False)
        assert (need.unit, need.quantity, need.required) == ("EUR", Decimal(600000), False)
        db.session.commit()
    pledge(app, need_id, people.pledger, quantity=Decimal(10))
    with app.app_context():
        need = db.session.get(Need, need_id)
        with pytest.raises(ResourceInvalid) as caught:
            need_service.edit_need(need, need.project, load(people.partner.id), title="School kits", description="",
                                   quantity=Decimal(600000), unit="XOF", required=True)
        assert set(caught.value.errors) == {"unit"}
        with pytest.raises(ResourceInvalid) as caught:
            need_service.edit_need(need, need.project, load(people.partner.id), title="Kits", description="",
                                   quantity=Decimal(10), unit="", required=True, kind="materials")
        assert "kind" in caught.value.errors
        need_service.edit_need(need, need.project, load(people.partner.id), title="Kits and bags", description="",
                               quantity=Decimal(700000), unit="EUR", required=True)
        assert need.title == "Kits and bags"
        with pytest.raises(NotPermitted):
            need_service.edit_need(need, need.project, load(people.pledger.id), title="Mine", description="",
                                   quantity=Decimal(1), unit="EUR", required=True)


def test_closing_a_need_closes_its_waiting_pledges_and_tells_their_pledgers(app, people, project_id, need_id):
    waiting = pledge(app, need_id, people.pledger)
    accepted = pledge_at(app, need_id, people.other, people.partner, "accepted")
    forget_notifications(app)
    with app.app_context():
        need = db.session.get(Need, need_id)
        closed = need_service.close_need(need, need.project, load(people.member.id))
        assert [p.id for p in closed] == [waiting]
        assert need.status == NeedStatus.CLOSED and need.closed_at is not None
        db.session.commit()
    assert stored(app, Pledge, waiting).status == PledgeStatus.CLOSED
    assert stored(app, Pledge, accepted).status == PledgeStatus.ACCEPTED  # still to be fulfilled or withdrawn
    assert events_of(app, waiting)[-1] == ("pledged", "closed", people.member.id)
    told = notified(app)
    assert list(told) == [people.pledger.id]
    assert told[people.pledger.id][0].kind == "pledge_closed"
    assert told[people.pledger.id][0].data["reason"] == "need"
    move(app, accepted, people.partner, "fulfilled")
    with app.app_context():
        need = db.session.get(Need, need_id)
        with pytest.raises(PledgingClosed):
            need_service.edit_need(need, need.project, load(people.partner.id), title="Again", description="",
                                   quantity=Decimal(1), unit="XOF", required=True)
        assert need_service.close_need(need, need.project, load(people.partner.id)) == []  # closed already


def test_needs_are_listed_open_first_in_one_query(app, people, project_id):
    first = add_need(app, project_id, people.partner, title="First")
    second = add_need(app, project_id, people.partner, title="Second")
    third = add_need(app, project_id, people.partner, title="Third")
    with app.app_context():
        need = db.session.get(Need, first)
        need_service.close_need(need, need.project, load(people.partner.id))
        project = db.session.get(Project, project_id)
        with counted_queries(app) as seen:
            found = need_service.needs_of(project)
        assert [n.id for n in found] == [second, third, first]
        assert len(seen) == 1


# Pledging -----------------------------------------------------------------------------------------


def test_a_community_member_pledges_and_the_partners_are_told(app, people, project_id, need_id):
    forget_notifications(app)
    with app.app_context():
        need = db.session.get(Need, need_id)
        made, created = pledge_service.make_pledge(need, need.project, load(people.pledger.id), quantity="25 000",
                                                   message="  For the first term. ", locale="fr")
        assert created
        assert (made.quantity, made.status, made.message, made.pledger_id, made.project_id) == (
            Decimal(25000), PledgeStatus.PLEDGED, "For the first term.", people.pledger.id, project_id)
        db.session.commit()
        pledge_id = made.id
    assert events_of(app, pledge_id) == [(None, "pledged", people.pledger.id)]
    told = notified(app)
    assert set(told) == {people.partner.id, people.member.id}
    note = told[people.partner.id][0]
    assert note.kind == "pledge_made" and note.actor_id == people.pledger.id
    assert note.data["pledge_id"] == pledge_id and note.data["quantity"] == "25000"


def test_a_pledge_on_behalf_of_an_organisation_needs_an_active_membership(app, people, project_id, need_id,
                                                                        make_org):
    made = pledge(app, need_id, people.pledger, organisation=people.other_org.slug)
    assert stored(app, Pledge, made).organisation_id == people.other_org.id
    pending_org = make_org()
    with app.app_context():
        db.session.add(Membership(user_id=people.other.id, organisation_id=pending_org.id,
                                  role=MembershipRole.MEMBER, status=MembershipStatus.PENDING))
        db.session.commit()
        need = db.session.get(Need, need_id)
        for user, org in ((people.other, pending_org.slug), (people.other, people.other_org.slug),
                          (people.pledger, "no-such-organisation")):
            with pytest.raises(ResourceInvalid) as caught:
                pledge_service.make_pledge(need, need.project, load(user.id), quantity=10, organisation=org)
            assert set(caught.value.errors) == {"organisation"}


@pytest.mark.parametrize(("role", "refusal"), [
    ("anonymous", NotPermitted),
    ("unverified", NotPermitted),
    ("partner", NotPermitted),
    ("member", NotPermitted),
    ("pledger", None),
    ("other", None),
    ("outsider", None),
    ("reviewer", None),
    ("admin", None),
])
def test_who_may_pledge(app, people, need_id, role, refusal):
    with app.app_context():
        need = db.session.get(Need, need_id)
        if refusal is None:
            made, created = pledge_service.make_pledge(need, need.project, user_of(people, role), quantity=10)
            assert created and made.id
        else:
            with pytest.raises(refusal):
                pledge_service.make_pledge(need, need.project, user_of(people, role), quantity=10)


def test_a_deactivated_account_cannot_pledge(app, people, need_id, make_user):
    gone = make_user(active=False)
    with app.app_context(), pytest.raises(NotPermitted):
        need = db.session.get(Need, need_id)
        pledge_service.make_pledge(need, need.project, load(gone.id), quantity=10)


def need_at(app, people, stage: Stage) -> int:
    """A need on a project at `stage`: added while incubating and the project moved on through the gates
    where it can, written straight to the table for the stages a project never has needs in."""
    if stage in (Stage.DRAFT, Stage.SUBMITTED, Stage.CHANGES_REQUESTED, Stage.REJECTED):
        project_id = project_at(app, people, stage)
        with app.app_context():
            need = Need(project_id=project_id, kind=NeedKind.FUNDING, title="Kits", quantity=Decimal(100),
                        unit="XOF")
            db.session.add(need)
            db.session.commit()
            return need.id
    project_id = project_at(app, people, Stage.INCUBATING)
    need_id = add_need(app, project_id, people.partner)
    with app.app_context():
        advance(db.session.get(Project, project_id), stage, load(people.partner.id), load(people.reviewer.id))
        db.session.commit()
    return need_id


@pytest.mark.parametrize(("stage", "refusal"), [
    (Stage.DRAFT, NotPermitted),  # not visible to the community
    (Stage.SUBMITTED, PledgingClosed),
    (Stage.CHANGES_REQUESTED, PledgingClosed),
    (Stage.COMPLETION_REVIEW, PledgingClosed),
    (Stage.COMPLETED, PledgingClosed),
    (Stage.REJECTED, NotPermitted),
    (Stage.WITHDRAWN, NotPermitted),
])
def test_pledging_is_refused_outside_the_stages_that_take_pledges(app, people, stage, refusal):
    need_id = need_at(app, people, stage)
    with app.app_context():
        need = db.session.get(Need, need_id)
        assert need.project.stage == stage
        with pytest.raises(refusal):
            pledge_service.make_pledge(need, need.project, load(people.pledger.id), quantity=10)
        assert db.session.scalar(select(func.count(Pledge.id))) == 0


@pytest.mark.parametrize("stage", [Stage.LAUNCH_REVIEW, Stage.ACTIVE])
def test_pledging_goes_on_in_launch_review_and_active(app, people, stage):
    need_id = need_at(app, people, stage)
    assert pledge(app, need_id, people.pledger) > 0


def test_a_closed_need_takes_no_pledge(app, people, need_id):
    with app.app_context():
        need = db.session.get(Need, need_id)
        need_service.close_need(need, need.project, load(people.partner.id))
        with pytest.raises(PledgingClosed):
            pledge_service.make_pledge(need, need.project, load(people.pledger.id), quantity=10)


def test_the_same_submission_makes_one_pledge(app, people, need_id):
    first = pledge(app, need_id, people.pledger, submission_key="form-7f3a")
    with app.app_context():
        need = db.session.get(Need, need_id)
        again, created = pledge_service.make_pledge(need, need.project, load(people.pledger.id), quantity=99,
                                                    submission_key="form-7f3a")
        assert (again.id, created, again.quantity) == (first, False, Decimal(1000))
        other, created = pledge_service.make_pledge(need, need.project, load(people.other.id), quantity=5,
                                                    submission_key="form-7f3a")
        assert created and other.id != first  # the key is unique per pledger
        assert db.session.scalar(select(func.count(PledgeEvent.id)).where(PledgeEvent.pledge_id == first)) == 1


def test_a_submission_key_used_for_another_need_is_refused(app, people, project_id, need_id):
    pledge(app, need_id, people.pledger, submission_key="form-1")
    other_need = add_need(app, project_id, people.partner, title="Bus fares")
    with app.app_context():
        need = db.session.get(Need, other_need)
        with pytest.raises(ResourceInvalid) as caught:
            pledge_service.make_pledge(need, need.project, load(people.pledger.id), quantity=5, submission_key="form-1")
        assert set(caught.value.errors) == {"submission_key"}


@pytest.mark.parametrize(("unit", "quantity", "message"), [
    ("XOF", "0", "Enter a quantity greater than zero."),
    ("XOF", Decimal("-500"), "Enter a quantity greater than zero."),
    ("XOF", "five hundred", "Enter a number, such as 1500 or 12.5."),
    ("XOF", "", "Enter a quantity."),
    ("XOF", "1500.5", "XOF has no decimals: enter a whole number."),
    ("TND", "12.3456", "Enter at most 3 decimals."),
    ("EUR", "1.005", "Enter at most 2 decimals."),
    ("XOF", "1e30", "That is more than the lab can record (at most 1,000,000,000,000)."),
])
def test_bad_quantities_are_refused_with_a_clear_message(app, people, project_id, unit, quantity, message):
    need_id = add_need(app, project_id, people.partner, unit=unit)
    with app.test_request_context():
        need = db.session.get(Need, need_id)
        with pytest.raises(ResourceInvalid) as caught:
            pledge_service.make_pledge(need, need.project, load(people.pledger.id), quantity=quantity, locale="en")
        assert caught.value.errors == {"quantity": message}


def test_tnd_keeps_three_decimals_and_xof_none(app, people, project_id):
    tnd = add_need(app, project_id, people.partner, unit="TND", quantity=Decimal("4500.750"))
    xof = add_need(app, project_id, people.partner, unit="XOF", title="CFA")
    assert stored(app, Pledge, pledge(app, tnd, people.pledger, quantity="1250.125")).quantity == Decimal("1250.125")
    assert stored(app, Pledge, pledge(app, xof, people.pledger, quantity="1500")).quantity == Decimal(1500)


def test_a_message_too_long_is_refused(app, people, need_id):
    with app.app_context(), pytest.raises(ResourceInvalid) as caught:
        need = db.session.get(Need, need_id)
        pledge_service.make_pledge(need, need.project, load(people.pledger.id), quantity=5, message="x" * 2001)
    assert set(caught.value.errors) == {"message"}


# The lifecycle, move by move and role by role -------------------------------------------------------

ROLES = ("pledger", "partner", "member", "other", "outsider", "reviewer", "admin", "anonymous")
MOVES = {  # (from, to) → the roles allowed
    ("pledged", "accepted"): {"partner", "member"},
    ("pledged", "declined"): {"partner", "member"},
    ("accepted", "fulfilled"): {"partner", "member"},
    ("pledged", "withdrawn"): {"pledger"},
    ("accepted", "withdrawn"): {"pledger"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("source", "target"), list(MOVES))
def test_each_move_by_each_role(app, people, need_id, source, target, role):
    pledge_id = pledge_at(app, need_id, people.pledger, people.partner, source)
    forget_notifications(app)
    allowed = role in MOVES[(source, target)]
    with app.app_context():
        found = db.session.get(Pledge, pledge_id)
        actor = user_of(people, role)
        assert (PledgeStatus(target) in pledge_service.pledge_moves(found, found.project, actor)) == allowed
        if not allowed:
            with pytest.raises(NotPermitted):
                pledge_service.set_pledge_status(found, found.project, actor, target)
            db.session.rollback()
        else:
            made = pledge_service.set_pledge_status(found, found.project, actor, target)
            assert (made.from_status, made.to_status, made.actor_id) == (source, target, actor.id)
            db.session.commit()
    assert stored(app, Pledge, pledge_id).status == (target if allowed else source)
    assert len(events_of(app, pledge_id)) == len(pledge_path(source)) + (1 if allowed else 0)
    told = notified(app, "pledge_status")
    if not allowed:
        assert told == {}
    elif target == "withdrawn":
        assert set(told) == {people.partner.id, people.member.id}
    else:
        assert set(told) == {people.pledger.id}
        assert told[people.pledger.id][0].data["status"] == target


def pledge_path(status: str) -> list[str]:
    return {"pledged": ["pledged"], "accepted": ["pledged", "accepted"]}[status]


@pytest.mark.parametrize(("source", "target"), [
    ("pledged", "fulfilled"), ("pledged", "pledged"), ("accepted", "declined"), ("accepted", "pledged"),
    ("fulfilled", "withdrawn"), ("fulfilled", "accepted"), ("declined", "accepted"), ("withdrawn", "pledged"),
    ("pledged", "closed"), ("pledged", "approved"),
])
def test_moves_outside_the_lifecycle_are_refused_for_everyone(app, people, need_id, source, target):
    pledge_id = pledge_at(app, need_id, people.pledger, people.partner, source)
    with app.app_context():
        found = db.session.get(Pledge, pledge_id)
        for role in ("partner", "pledger"):
            with pytest.raises(InvalidPledgeStatus):
                pledge_service.set_pledge_status(found, found.project, user_of(people, role), target)
    assert stored(app, Pledge, pledge_id).status == source


def test_settled_pledges_offer_no_move(app, people, need_id):
    for status in ("fulfilled", "declined", "withdrawn"):
        pledge_id = pledge_at(app, need_id, people.pledger, people.partner, status)
        with app.app_context():
            found = db.session.get(Pledge, pledge_id)
            for role in ROLES:
                assert pledge_service.pledge_moves(found, found.project, user_of(people, role)) == []


def test_the_full_path_records_one_event_per_change(app, people, need_id):
    pledge_id = pledge_at(app, need_id, people.pledger, people.member, "fulfilled")
    assert events_of(app, pledge_id) == [(None, "pledged", people.pledger.id),
                                         ("pledged", "accepted", people.member.id),
                                         ("accepted", "fulfilled", people.member.id)]


def test_a_stale_pledge_is_changed_meanwhile(app, people, need_id):
    from app.core.errors import ChangedMeanwhile

    pledge_id = pledge(app, need_id, people.pledger)
    with app.app_context():
        found = db.session.get(Pledge, pledge_id)
        project = found.project
        stale_status = found.status
        move(app, pledge_id, people.member, "accepted")  # someone else, in another session, decided first
        assert found.status == stale_status == PledgeStatus.PLEDGED
        with pytest.raises(ChangedMeanwhile):
            pledge_service.set_pledge_status(found, project, load(people.partner.id), "declined")
        db.session.commit()  # (the tests' sessions share one connection: a rollback here would undo the move)
    assert [e[1] for e in events_of(app, pledge_id)] == ["pledged", "accepted"]


def test_pledges_are_still_decided_in_completion_review_but_not_after(app, people, project_id, need_id):
    waiting = pledge(app, need_id, people.pledger)
    accepted = pledge_at(app, need_id, people.other, people.partner, "accepted")
    with app.app_context():
        advance(db.session.get(Project, project_id), Stage.COMPLETION_REVIEW, load(people.partner.id),
                load(people.reviewer.id))
        db.session.commit()
    move(app, accepted, people.partner, "fulfilled")
    move(app, waiting, people.partner, "accepted")
    assert stored(app, Pledge, accepted).status == PledgeStatus.FULFILLED
    with app.app_context():
        advance(db.session.get(Project, project_id), Stage.COMPLETED, load(people.partner.id),
                load(people.reviewer.id))
        db.session.commit()
        found = db.session.get(Pledge, waiting)
        assert found.status == PledgeStatus.CLOSED  # the project ended before it arrived
        assert pledge_service.pledge_moves(found, found.project, load(people.partner.id)) == []


# Progress and totals ------------------------------------------------------------------------------


def test_progress_counts_accepted_and_fulfilled_and_shows_over_commitment(app, people, project_id):
    hours = add_need(app, project_id, people.partner, kind="volunteer_time", unit="hours", quantity=Decimal(40))
    empty = add_need(app, project_id, people.partner, title="Nothing yet")
    pledge_at(app, hours, people.pledger, people.partner, "accepted", quantity=Decimal("30"))
    pledge_at(app, hours, people.other, people.partner, "fulfilled", quantity=Decimal("20.5"))
    pledge_at(app, hours, people.outsider, people.partner, "pledged", quantity=Decimal(5))
    pledge_at(app, hours, people.reviewer, people.partner, "declined", quantity=Decimal(100))
    pledge_at(app, hours, people.admin, people.partner, "withdrawn", quantity=Decimal(100))
    with app.app_context():
        needs = need_service.needs_of(db.session.get(Project, project_id))
        with counted_queries(app) as seen:
            progress = progress_service.progress_of(needs)
        assert len(seen) == 1
    done = progress[hours]
    assert (done.target, done.committed, done.fulfilled, done.waiting, done.pledge_count) == (
        Decimal(40), Decimal("50.5"), Decimal("20.5"), Decimal(5), 3)
    assert done.over == Decimal("10.5") and done.percent == 100
    nothing = progress[empty]
    assert (nothing.committed, nothing.fulfilled, nothing.waiting, nothing.pledge_count) == (0, 0, 0, 0)
    assert nothing.over == 0 and nothing.percent == 0


def test_progress_of_no_needs_asks_nothing(app):
    with app.app_context(), counted_queries(app) as seen:
        assert progress_service.progress_of([]) == {}
    assert seen == []


def test_percent_is_rounded_down_and_capped(app, people, project_id):
    need_id = add_need(app, project_id, people.partner, quantity=Decimal(3000))
    pledge_at(app, need_id, people.pledger, people.partner, "accepted", quantity=Decimal(1999))
    with app.app_context():
        progress = progress_service.progress_of([db.session.get(Need, need_id)])[need_id]
    assert progress.percent == 66 and progress.over == 0


def test_totals_keep_each_currency_apart_in_one_query(app, people, project_id):
    xof_a = add_need(app, project_id, people.partner, unit="XOF", quantity=Decimal(500000))
    xof_b = add_need(app, project_id, people.partner, unit="XOF", quantity=Decimal(250000), title="Fares")
    eur = add_need(app, project_id, people.partner, unit="EUR", quantity=Decimal("3000"), title="Euros")
    hours = add_need(app, project_id, people.partner, kind="volunteer_time", unit="hours", quantity=Decimal(40))
    pledge_at(app, xof_a, people.pledger, people.partner, "fulfilled", quantity=Decimal(100000))
    pledge_at(app, xof_b, people.pledger, people.partner, "accepted", quantity=Decimal(50000))
    pledge_at(app, xof_b, people.other, people.partner, "pledged", quantity=Decimal(7))
    pledge_at(app, eur, people.pledger, people.partner, "accepted", quantity=Decimal("1234.50"))
    pledge_at(app, hours, people.pledger, people.partner, "fulfilled", quantity=Decimal("12.5"))
    with app.app_context():
        need = db.session.get(Need, xof_b)
        need_service.close_need(need, need.project, load(people.partner.id))  # closed needs still count
        project = db.session.get(Project, project_id)
        with counted_queries(app) as seen:
            totals = progress_service.totals_of(project)
        assert len(seen) == 1
    assert [(t.kind, t.unit, t.target, t.committed, t.fulfilled) for t in totals] == [
        (NeedKind.FUNDING, "EUR", Decimal(3000), Decimal("1234.50"), Decimal(0)),
        (NeedKind.FUNDING, "XOF", Decimal(750000), Decimal(150000), Decimal(100000)),
        (NeedKind.VOLUNTEER_TIME, "hours", Decimal(40), Decimal("12.5"), Decimal("12.5")),
    ]


def test_pledges_of_a_project_and_of_a_person_newest_first(app, people, project_id, need_id):
    first = pledge(app, need_id, people.pledger)
    second = pledge(app, need_id, people.other)
    third = pledge(app, need_id, people.pledger)
    with app.app_context():
        project, pledger = db.session.get(Project, project_id), load(people.pledger.id)
        with counted_queries(app) as seen:
            found = pledge_service.pledges_of(project)
            names = [p.pledger.name for p in found]
        assert [p.id for p in found] == [third, second, first]
        assert names == ["Paula Pledger", "Carla Community", "Paula Pledger"]
        assert len(seen) == 1  # the pledges with their pledgers
        with counted_queries(app) as seen:
            mine = pledge_service.pledges_by(pledger)
            titles = [(p.need.title, p.project.title) for p in mine]
        assert [p.id for p in mine] == [third, first]
        assert titles[0] == ("School kits", "Safe spaces for girls in Thiès")
        assert len(seen) == 1  # the pledges with their needs and projects


def test_notifications_read_well(app, people, need_id):
    """Each new kind has its sentence, subject and link."""
    from app.community.notification_texts import describe, subject, target_url

    pledge_at(app, need_id, people.pledger, people.partner, "accepted", quantity=Decimal(25000))
    with app.test_request_context():
        found = {n.kind: n for n in db.session.scalars(select(Notification).order_by(Notification.id))}
        made, status = found["pledge_made"], found["pledge_status"]
        assert describe(made, "Paula Pledger") == (
            "Paula Pledger pledged F\u202fCFA\u00a025,000 to the need “School kits” of “Safe spaces for girls in "
            "Thiès”.")
        assert describe(status, "Awa Partner") == (
            "The partners of “Safe spaces for girls in Thiès” accepted your pledge of F\u202fCFA\u00a025,000 to "
            "the need “School kits”.")
        assert str(subject(made)) == "New pledge to “Safe spaces for girls in Thiès”"
        pledge_id = status.data["pledge_id"]
        assert target_url(status) == f"/pledges/mine#pledge-{pledge_id}"
        assert target_url(made) == f"/projects/{made.project_id}/needs#pledge-{pledge_id}"
