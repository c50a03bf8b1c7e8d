"""The resource pool: offers, their listing and filters, the offers matching a need (same country
first, then the region; expired ones and other kinds never), and the request that turns an offer
into a pledge when its offerer confirms."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core.errors import ChangedMeanwhile, NotPermitted
from app.core.extensions import db
from app.projects.models import Project, Stage
from app.resources import needs as need_service
from app.resources import offer_requests as request_service
from app.resources import offers as offer_service
from app.resources import progress as progress_service
from app.resources.models import Need, Offer, OfferRequest, OfferRequestStatus, OfferStatus, Pledge, PledgeStatus
from app.resources.offers import OfferFilters
from app.resources.refusals import PledgingClosed, ResourceInvalid
from tests.support.engagement import forget_notifications, notified
from tests.support.people import shared_makers
from tests.support.projects import advance, load
from tests.support.queries import counted_queries
from tests.support.resources import (
    add_need,
    add_offer,
    answer,
    ask,
    events_of,
    pledge_at,
    project_at,
    resource_people,
    stored,
)

TODAY = date.today()


@pytest.fixture(scope="module")
def people(app, shared_database):
    return resource_people(*shared_makers(app))


@pytest.fixture(scope="module")
def project_id(app, people):
    return project_at(app, people, Stage.ACTIVE)  # in Senegal (SN), Sub-Saharan Africa


@pytest.fixture
def need_id(app, people, project_id):
    return add_need(app, project_id, people.partner, kind="volunteer_time", unit="hours", quantity=Decimal(100),
                    title="Trainers")


# Offers -------------------------------------------------------------------------------------------


def test_a_verified_member_offers_and_a_resent_form_makes_one_offer(app, people):
    with app.app_context():
        offer, created = offer_service.make_offer(
            load(people.pledger.id), kind="funding", title=" Small grant ", quantity="1 500", unit="xof",
            countries=["sn", "CI", "SN"], expires_on=(TODAY + timedelta(days=30)).isoformat(),
            organisation=people.other_org.slug, submission_key="offer-1", locale="fr",
        )
        assert created
        assert (offer.title, offer.quantity, offer.unit, offer.country_codes, offer.status) == (
            "Small grant", Decimal(1500), "XOF", ["CI", "SN"], OfferStatus.OPEN)
        assert offer.organisation_id == people.other_org.id
        again, created = offer_service.make_offer(load(people.pledger.id), kind="funding", title="Other", quantity=1,
                                                  unit="XOF", countries=["SN"], expires_on=TODAY,
                                                  submission_key="offer-1")
        assert (again.id, created) == (offer.id, False)
        assert db.session.scalar(select(func.count(Offer.id))) == 1


@pytest.mark.parametrize("role", ["unverified", "anonymous"])
def test_only_verified_accounts_offer(app, people, role):
    with app.app_context(), pytest.raises(NotPermitted):
        user = None if role == "anonymous" else load(getattr(people, role).id)
        offer_service.make_offer(user, kind="funding", title="Grant", quantity=1, unit="XOF", countries=["SN"],
                                 expires_on=TODAY)


@pytest.mark.parametrize(("fields", "errors"), [
    ({"countries": []}, {"countries"}),
    ({"countries": ["FR"]}, {"countries"}),
    ({"expires_on": TODAY - timedelta(days=1)}, {"expires_on"}),
    ({"expires_on": TODAY + timedelta(days=800)}, {"expires_on"}),
    ({"expires_on": "next week"}, {"expires_on"}),
    ({"kind": "money"}, {"kind"}),
    ({"quantity": "0"}, {"quantity"}),
    ({"quantity": "12.345", "unit": "EUR"}, {"quantity"}),
    ({"organisation": "org-that-is-not-mine"}, {"organisation"}),
    ({"title": "", "countries": [], "quantity": "-1"}, {"title", "countries", "quantity"}),
])
def test_bad_offers_name_their_fields(app, people, fields, errors):
    values = dict(kind="funding", title="Grant", quantity="100", unit="XOF", countries=["SN"],
                  expires_on=TODAY + timedelta(days=10))
    values.update(fields)
    with app.app_context(), pytest.raises(ResourceInvalid) as caught:
        offer_service.make_offer(load(people.pledger.id), locale="en", **values)
    assert set(caught.value.errors) == errors


def test_the_offerer_withdraws_an_offer_and_its_requests_close(app, people, need_id):
    offer_id = add_offer(app, people.outsider)
    request_id = ask(app, offer_id, need_id, people.partner)
    with app.app_context():
        offer = db.session.get(Offer, offer_id)
        with pytest.raises(NotPermitted):
            offer_service.withdraw_offer(offer, load(people.pledger.id))
        offer_service.withdraw_offer(offer, load(people.outsider.id))
        assert offer.status == OfferStatus.WITHDRAWN
        with pytest.raises(PledgingClosed):
            offer_service.withdraw_offer(offer, load(people.outsider.id))
        db.session.commit()
    assert stored(app, OfferRequest, request_id).status == OfferRequestStatus.CLOSED


def test_open_offers_filter_page_and_skip_expired_ones_in_two_queries(app, people):
    soon = add_offer(app, people.pledger, countries=("SN",), expires_on=TODAY)
    later = add_offer(app, people.other, countries=("CO", "PE"), expires_on=TODAY + timedelta(days=40))
    money_offer = add_offer(app, people.outsider, kind="funding", unit="EUR", quantity=Decimal(50),
                            countries=("TN",), expires_on=TODAY + timedelta(days=20))
    expired = add_offer(app, people.admin, countries=("SN",), expires_on=TODAY + timedelta(days=1))
    withdrawn = add_offer(app, people.reviewer, countries=("SN",))
    with app.app_context():
        offer_service.withdraw_offer(db.session.get(Offer, withdrawn), load(people.reviewer.id))
        db.session.commit()
    tomorrow = TODAY + timedelta(days=2)  # `expired` ended yesterday by then; `soon` too
    with app.app_context():
        def ids(filters=OfferFilters(), today=TODAY, **paging):
            result = offer_service.open_offers(filters, today=today, **paging)
            return [o.id for o in result.items], result.total

        with counted_queries(app) as seen:
            page = offer_service.open_offers(OfferFilters(), per_page=2, today=TODAY)
            codes = [o.country_codes for o in page.items]
        assert ([o.id for o in page.items], page.total) == ([soon, expired], 4)
        assert codes == [["SN"], ["SN"]]
        assert len(seen) <= 2
        assert ids(page=2, per_page=2) == ([money_offer, later], 4)
        assert ids(page=3, per_page=2) == ([], 4)
        assert ids(today=tomorrow) == ([money_offer, later], 2)
        assert ids(OfferFilters(kind="funding")) == ([money_offer], 1)
        assert ids(OfferFilters(country="PE")) == ([later], 1)
        assert ids(OfferFilters(region="sub_saharan_africa")) == ([soon, expired], 2)
        assert ids(OfferFilters(region="north_africa", kind="volunteer_time")) == ([], 0)
    assert OfferFilters(kind="money", country="FR", region="europe").problems().keys() == {"kind", "country",
                                                                                          "region"}
    assert OfferFilters(kind="venue", country="TN", region="north_africa").problems() == {}


def test_offers_by_a_person_with_their_requests(app, people, need_id):
    first = add_offer(app, people.outsider, title="First")
    second = add_offer(app, people.outsider, title="Second", countries=("CO",))
    request_id = ask(app, first, need_id, people.partner, quantity=Decimal(10))
    with app.app_context():
        mine = offer_service.offers_by(load(people.outsider.id))
        assert [o.id for o in mine] == [second, first]
        assert [r.id for r in mine[1].requests] == [request_id] and mine[0].requests == []
        waiting = request_service.requests_for(load(people.outsider.id))
        assert [r.id for r in waiting] == [request_id]
        assert waiting[0].need.project.title == "Safe spaces for girls in Thiès"
        assert request_service.requests_for(load(people.partner.id)) == []


# Matching -----------------------------------------------------------------------------------------


def test_matching_offers_same_country_first_then_the_region(app, people, project_id, need_id, make_user):
    offerers = [make_user(name=f"Offerer {n}") for n in range(8)]
    in_region_soon = add_offer(app, offerers[0], countries=("BF",), expires_on=TODAY + timedelta(days=3))
    in_country_late = add_offer(app, offerers[1], countries=("TN", "SN"), expires_on=TODAY + timedelta(days=60))
    in_country_soon = add_offer(app, offerers[2], countries=("SN",), expires_on=TODAY + timedelta(days=10))
    in_region_late = add_offer(app, offerers[3], countries=("MG", "TG"), expires_on=TODAY + timedelta(days=30))
    add_offer(app, offerers[4], countries=("CO",))  # another region
    add_offer(app, offerers[5], countries=("SN",), kind="expertise", unit="days")  # another kind
    add_offer(app, offerers[6], countries=("SN",), expires_on=TODAY + timedelta(days=1))  # expired by then
    add_offer(app, people.member, countries=("SN",))  # the project's own partner
    withdrawn = add_offer(app, offerers[7], countries=("SN",))
    with app.app_context():
        offer_service.withdraw_offer(db.session.get(Offer, withdrawn), load(offerers[7].id))
        db.session.commit()
        need = db.session.get(Need, need_id)
        project = need.project
        with counted_queries(app) as seen:
            found = offer_service.matching_offers(need, project, today=TODAY + timedelta(days=2))
            codes = [o.country_codes for o in found]
        assert [o.id for o in found] == [in_country_soon, in_country_late, in_region_soon, in_region_late]
        assert codes[1] == ["SN", "TN"]
        assert len(seen) == 1
        assert [o.id for o in offer_service.matching_offers(need, project, limit=2, today=TODAY + timedelta(days=2))] \
            == [in_country_soon, in_country_late]


def test_a_closed_need_matches_nothing(app, people, need_id):
    add_offer(app, people.outsider)
    with app.app_context():
        need = db.session.get(Need, need_id)
        assert len(offer_service.matching_offers(need, need.project)) == 1
        need_service.close_need(need, need.project, load(people.partner.id))
        assert offer_service.matching_offers(need, need.project) == []


# Asking an offerer, and the answer ---------------------------------------------------------------


def test_the_partners_ask_and_the_offerer_confirms_into_an_accepted_pledge(app, people, need_id):
    offer_id = add_offer(app, people.outsider, organisation=people.other_org.slug)
    other_need = add_need(app, stored(app, Need, need_id).project_id, people.partner, kind="volunteer_time",
                          unit="hours", title="Drivers", quantity=Decimal(10))
    forget_notifications(app)
    request_id = ask(app, offer_id, need_id, people.member, quantity="150.5", message="For the summer camp.")
    other_request = ask(app, offer_id, other_need, people.partner)
    told = notified(app, "offer_requested")
    assert list(told) == [people.outsider.id] and len(told[people.outsider.id]) == 2
    assert told[people.outsider.id][0].data["request_id"] == request_id
    forget_notifications(app)

    pledge_id = answer(app, request_id, people.outsider, confirm=True)

    made = stored(app, Pledge, pledge_id)
    assert (made.status, made.quantity, made.pledger_id, made.offer_id, made.need_id) == (
        PledgeStatus.ACCEPTED, Decimal("150.5"), people.outsider.id, offer_id, need_id)
    assert made.organisation_id == people.other_org.id and made.message == "For the summer camp."
    assert events_of(app, pledge_id) == [(None, "pledged", people.outsider.id),
                                         ("pledged", "accepted", people.member.id)]
    assert stored(app, Offer, offer_id).status == OfferStatus.PLEDGED
    confirmed = stored(app, OfferRequest, request_id)
    assert (confirmed.status, confirmed.pledge_id) == (OfferRequestStatus.CONFIRMED, pledge_id)
    assert confirmed.decided_at is not None
    assert stored(app, OfferRequest, other_request).status == OfferRequestStatus.CLOSED
    told = notified(app)
    assert set(told) == {people.partner.id, people.member.id}
    assert {n.kind for items in told.values() for n in items} == {"request_answered"}
    assert told[people.partner.id][0].data["confirmed"] is True
    with app.app_context():
        progress = progress_service.progress_of([db.session.get(Need, need_id)])[need_id]
        assert progress.committed == Decimal("150.5")


def test_the_offerer_declines_and_the_offer_stays_open(app, people, need_id):
    offer_id = add_offer(app, people.outsider)
    request_id = ask(app, offer_id, need_id, people.partner)
    forget_notifications(app)
    assert answer(app, request_id, people.outsider, confirm=False) is None
    assert stored(app, OfferRequest, request_id).status == OfferRequestStatus.DECLINED
    assert stored(app, Offer, offer_id).status == OfferStatus.OPEN
    told = notified(app, "request_answered")
    assert set(told) == {people.partner.id, people.member.id}
    assert told[people.partner.id][0].data["confirmed"] is False
    with app.app_context():
        assert db.session.scalar(select(func.count(Pledge.id))) == 0
        offer_request = db.session.get(OfferRequest, request_id)
        with pytest.raises(ChangedMeanwhile):  # answered already
            request_service.answer_request(offer_request, load(people.outsider.id), confirm=True)


@pytest.mark.parametrize("role", ["partner", "pledger", "admin", "anonymous"])
def test_only_the_offerer_answers(app, people, need_id, role):
    offer_id = add_offer(app, people.outsider)
    request_id = ask(app, offer_id, need_id, people.partner)
    with app.app_context(), pytest.raises(NotPermitted):
        user = None if role == "anonymous" else load(getattr(people, role).id)
        request_service.answer_request(db.session.get(OfferRequest, request_id), user, confirm=True)


@pytest.mark.parametrize("role", ["pledger", "outsider", "reviewer", "admin", "anonymous"])
def test_only_the_partners_ask(app, people, need_id, role):
    offer_id = add_offer(app, people.other)
    with app.app_context(), pytest.raises(NotPermitted):
        need = db.session.get(Need, need_id)
        user = None if role == "anonymous" else load(getattr(people, role).id)
        request_service.ask_offer(db.session.get(Offer, offer_id), need, need.project, user)


def test_asking_is_refused_for_another_kind_a_repeat_an_expired_offer_or_a_closed_need(app, people, need_id):
    other_kind = add_offer(app, people.other, kind="expertise", unit="days")
    offer_id = add_offer(app, people.outsider)
    ask(app, offer_id, need_id, people.partner)
    with app.app_context():
        need = db.session.get(Need, need_id)
        project, partner = need.project, load(people.partner.id)
        with pytest.raises(ResourceInvalid) as caught:
            request_service.ask_offer(db.session.get(Offer, other_kind), need, project, partner)
        assert set(caught.value.errors) == {"offer"}
        with pytest.raises(ResourceInvalid) as caught:
            request_service.ask_offer(db.session.get(Offer, offer_id), need, project, partner)
        assert set(caught.value.errors) == {"offer"}
        fresh = db.session.get(Offer, add_offer(app, people.pledger))
        with pytest.raises(ResourceInvalid) as caught:
            request_service.ask_offer(fresh, need, project, partner, quantity="0")
        assert set(caught.value.errors) == {"quantity"}
        fresh.expires_on = TODAY - timedelta(days=1)
        with pytest.raises(PledgingClosed):
            request_service.ask_offer(fresh, need, project, partner)
        fresh.expires_on = TODAY
        need_service.close_need(need, project, partner)
        with pytest.raises(PledgingClosed):
            request_service.ask_offer(fresh, need, project, partner)


def test_confirming_after_the_project_ended_is_refused(app, people, project_id, need_id):
    offer_id = add_offer(app, people.outsider)
    request_id = ask(app, offer_id, need_id, people.partner)
    with app.app_context():
        offer_request = db.session.get(OfferRequest, request_id)
        assert offer_request.status == OfferRequestStatus.ASKED
        advance(db.session.get(Project, project_id), Stage.COMPLETION_REVIEW, load(people.partner.id),
                load(people.reviewer.id))
        with pytest.raises(PledgingClosed):
            request_service.answer_request(offer_request, load(people.outsider.id), confirm=True)


def test_every_resource_notification_is_e_mailed_with_its_sentence_and_link(app, people, need_id, outbox):
    from app.community.models import Notification
    from app.community.notification_mail import claim_immediate
    from app.community.notification_texts import describe, target_url

    forget_notifications(app)
    waiting = pledge_at(app, need_id, people.pledger, people.partner, "pledged", quantity=Decimal("12.5"))
    withdrawn = pledge_at(app, need_id, people.other, people.partner, "withdrawn", quantity=Decimal(3))
    offer_id = add_offer(app, people.outsider, title="Weekend trainers")
    request_id = ask(app, offer_id, need_id, people.partner, quantity=Decimal(20))
    answer(app, request_id, people.outsider, confirm=False)
    with app.app_context():
        need = db.session.get(Need, need_id)
        need_service.close_need(need, need.project, load(people.partner.id))
        db.session.commit()
    with app.test_request_context():
        found = list(db.session.scalars(select(Notification).order_by(Notification.id)))
        by_kind = {}
        for note in found:
            by_kind.setdefault(note.kind, note)
        assert set(by_kind) == {"pledge_made", "pledge_status", "offer_requested", "request_answered",
                                "pledge_closed"}
        project_id = by_kind["pledge_made"].project_id
        assert describe(by_kind["offer_requested"], "Awa Partner") == (
            "Awa Partner asks for 20 hours of your offer “Weekend trainers” to meet the need “Trainers” of "
            "“Safe spaces for girls in Thiès”. Confirm or decline on your offers page.")
        assert target_url(by_kind["offer_requested"]) == f"/offers/mine#request-{request_id}"
        assert describe(by_kind["request_answered"], "Omar Outsider") == (
            "Omar Outsider declined your request for their offer to meet the need “Trainers” of "
            "“Safe spaces for girls in Thiès”.")
        assert target_url(by_kind["request_answered"]) == f"/projects/{project_id}/needs#need-{need_id}"
        assert describe(by_kind["pledge_status"], "Carla Community") == (
            "Carla Community withdrew their pledge of 3 hours to the need “Trainers” of "
            "“Safe spaces for girls in Thiès”.")
        assert target_url(by_kind["pledge_status"]) == f"/projects/{project_id}/needs#pledge-{withdrawn}"
        assert describe(by_kind["pledge_closed"]) == (
            "The need “Trainers” of “Safe spaces for girls in Thiès” was closed, and your pledge of 12.5 hours "
            "with it.")
        assert target_url(by_kind["pledge_closed"]) == f"/pledges/mine#pledge-{waiting}"
        send = claim_immediate([n.id for n in found])
        db.session.commit()
        assert send() == len(found)
    subjects = {mail.subject for mail in outbox()}
    assert subjects == {
        "New pledge to “Safe spaces for girls in Thiès”",
        "A pledge to “Safe spaces for girls in Thiès” was withdrawn",
        "“Safe spaces for girls in Thiès” asks for your offer",
        "An answer about an offer for “Safe spaces for girls in Thiès”",
        "Your pledge to “Safe spaces for girls in Thiès” has closed",
    }
    mail = next(m for m in outbox() if m.to == people.outsider.email)
    assert f"{app.config['PUBLIC_URL']}/offers/mine#request-{request_id}" in mail.body
