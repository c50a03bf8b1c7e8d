"""The resource pool on the web: the list of offers with its filters and pages, offering a resource,
"My offers" with the requests to answer, and the partners' requests from the needs page."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects.models import Stage
from app.resources.models import Need, Offer, OfferRequest, OfferRequestStatus, OfferStatus, Pledge, PledgeStatus
from tests.conftest import get_csrf
from tests.support.people import shared_makers
from tests.support.resources import add_need, add_offer, ask, project_at, resource_people, stored
from tests.support.web import text


@pytest.fixture(scope="module")
def people(app, shared_database):
    return resource_people(*shared_makers(app))


@pytest.fixture(scope="module")
def project_id(app, people):
    return project_at(app, people, Stage.INCUBATING)


def signed_in(app, login_as, person):
    client = app.test_client()
    if person is not None:
        login_as(person, client)
    return client


def post(client, url, data=None, **kwargs):
    return client.post(url, data={"csrf_token": get_csrf(client), **(data or {})}, **kwargs)


def count(app, model, *where) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model).where(*where))


def titles(response) -> list[str]:
    return re.findall(r'<li class="card" id="offer-\d+">\s*<h3>([^<]+)</h3>', response.get_data(as_text=True))


# The list -----------------------------------------------------------------------------------------


def test_the_pool_lists_open_unexpired_offers_without_naming_the_person(app, client, people):
    add_offer(app, people.other, title="Trainers in Dakar", expires_on=date.today())
    add_offer(app, people.pledger, title="Books for Lomé", kind="materials", unit="books", quantity=Decimal(300),
              countries=("TG",), organisation=people.other_org.slug)
    withdrawn = add_offer(app, people.other, title="Gone")
    with app.app_context():
        db.session.get(Offer, withdrawn).status = OfferStatus.WITHDRAWN
        expired = db.session.get(Offer, add_offer(app, people.other, title="Too late"))
        expired.expires_on = date.today() - timedelta(days=1)
        db.session.commit()
    response = client.get("/offers")
    assert response.status_code == 200
    assert titles(response) == ["Trainers in Dakar", "Books for Lomé"]
    page = text(response)
    assert "2 open offers" in page and "300 books" in page and "Togo" in page and "Senegal" in page
    assert people.other_org.name in page and "A member of the lab" in page
    assert "Carla Community" not in page and "Paula Pledger" not in page
    assert "processes no payments" in page
    assert "Log in to offer a resource." in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=materials", ["Books for Lomé"]),
        ("country=SN", ["Trainers in Dakar", "Lawyers in the region"]),
        ("country=PE", ["Rooms in Lima"]),
        ("region=sub_saharan_africa", ["Trainers in Dakar", "Books for Lomé", "Lawyers in the region"]),
        ("region=latin_america&kind=venue", ["Rooms in Lima"]),
        ("kind=venue&country=SN", []),
        ("kind=nonsense&country=XX", ["Trainers in Dakar", "Books for Lomé", "Lawyers in the region", "Rooms in Lima"]),
    ],
)
def test_the_pool_filters_by_kind_country_and_region(app, client, people, query, expected):
    add_offer(app, people.other, title="Trainers in Dakar", expires_on=date.today() + timedelta(days=1))
    add_offer(app, people.other, title="Books for Lomé", kind="materials", unit="books", countries=("TG",),
              expires_on=date.today() + timedelta(days=2))
    add_offer(app, people.other, title="Lawyers in the region", kind="expertise", unit="days",
              countries=("SN", "BF"), expires_on=date.today() + timedelta(days=3))
    add_offer(app, people.other, title="Rooms in Lima", kind="venue", unit="rooms", countries=("PE",),
              expires_on=date.today() + timedelta(days=4))
    response = client.get(f"/offers?{query}")
    assert response.status_code == 200
    assert titles(response) == expected
    if not expected:
        assert "No open offer matches these filters." in text(response)


def test_the_pages_of_the_pool_keep_the_filters(app, client, people):
    for n in range(23):
        add_offer(app, people.other, title=f"Materials {n:02d}", kind="materials", unit="boxes",
                  expires_on=date.today() + timedelta(days=n + 1))
    add_offer(app, people.other, title="Trainers", expires_on=date.today() + timedelta(days=1))
    first = client.get("/offers?kind=materials&country=SN")
    html = first.get_data(as_text=True)
    assert len(titles(first)) == 20 and "23 open offers" in text(first)
    assert "Page 1 of 2" in text(first)
    link = re.search(r'<a href="([^"]+)" rel="next">', html).group(1).replace("&amp;", "&")
    assert "kind=materials" in link and "country=SN" in link and "page=2" in link
    second = client.get(link)
    assert titles(second) == ["Materials 20", "Materials 21", "Materials 22"]
    previous = re.search(r'<a href="([^"]+)" rel="prev">', second.get_data(as_text=True)).group(1)
    assert "kind=materials" in previous and "country=SN" in previous
    # The filter form shows the filters chosen.
    assert '<option selected value="materials">' in second.get_data(as_text=True)
    # Past the last page: an empty page that still counts the offers.
    assert "23 open offers" in text(client.get("/offers?kind=materials&page=9"))


# Offering -----------------------------------------------------------------------------------------


def offer_form(client) -> dict:
    html = client.get("/offers/new").get_data(as_text=True)
    key = re.search(r'name="submission_key" type="hidden" value="([^"]+)"', html)
    assert key
    return {"submission_key": key.group(1)}


GOOD_OFFER = {"kind": "expertise", "title": "Child-protection lawyer", "description": "Two days a month.",
              "quantity": "6", "currency": "XOF", "unit": "days", "countries": ["SN", "CI"]}


def test_a_verified_user_offers_a_resource_and_finds_it_in_my_offers(app, login_as, people):
    client = signed_in(app, login_as, people.pledger)
    html = client.get("/offers/new").get_data(as_text=True)
    assert "<legend>Sub-Saharan Africa</legend>" in html and "<legend>Latin America</legend>" in html
    assert f'<option value="{people.other_org.slug}">' in html
    expires = (date.today() + timedelta(days=60)).isoformat()
    data = {**GOOD_OFFER, "expires_on": expires, "organisation": people.other_org.slug, **offer_form(client)}
    response = post(client, "/offers/new", data, follow_redirects=True)
    assert response.status_code == 200
    page = text(response)
    assert "Your offer “Child-protection lawyer” is in the pool." in page
    assert "My offers" in page and "6 days" in page and "Côte d'Ivoire, Senegal" in page
    with app.app_context():
        offer = db.session.scalar(select(Offer))
        assert (offer.kind.value, offer.unit, offer.country_codes, offer.expires_on.isoformat(),
                offer.organisation_id) == ("expertise", "days", ["CI", "SN"], expires, people.other_org.id)
    assert "Child-protection lawyer" in titles(app.test_client().get("/offers"))


def test_an_offer_form_with_mistakes_keeps_the_typing(app, login_as, people):
    client = signed_in(app, login_as, people.other)
    data = {**GOOD_OFFER, "countries": [], "quantity": "six", "expires_on": "2020-01-01", **offer_form(client)}
    response = post(client, "/offers/new", data)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert re.search(r'id="countries-error">Choose at least one of the programme&#39;s countries', html)
    assert re.search(r'id="quantity-error">Enter a number', html)
    assert re.search(r'id="expires_on-error">The offer must last at least until today', html)
    assert 'value="six"' in html and 'value="Child-protection lawyer"' in html and 'value="2020-01-01"' in html
    data["countries"], data["expires_on"] = ["XX"], "next week"
    html = post(client, "/offers/new", data).get_data(as_text=True)
    assert re.search(r'id="expires_on-error">Enter a date such as', html)
    assert count(app, Offer) == 0


def test_a_double_submitted_offer_is_recorded_once(app, login_as, people):
    client = signed_in(app, login_as, people.other)
    data = {**GOOD_OFFER, "expires_on": (date.today() + timedelta(days=9)).isoformat(), **offer_form(client)}
    assert post(client, "/offers/new", data).status_code == 302
    response = post(client, "/offers/new", data, follow_redirects=True)
    assert "This offer was already recorded: it is in the pool once." in text(response)
    assert count(app, Offer) == 1


def test_offering_needs_a_confirmed_address_and_a_csrf_token(app, client, login_as, people):
    response = client.get("/offers/new")
    assert response.status_code == 302 and "/login?next=" in response.headers["Location"]
    unverified = signed_in(app, login_as, people.unverified)
    response = unverified.get("/offers/new")
    assert response.status_code == 403
    assert "Confirm your e-mail address before offering resources" in text(response)
    data = {**GOOD_OFFER, "expires_on": (date.today() + timedelta(days=9)).isoformat()}
    assert post(unverified, "/offers/new", data).status_code == 403
    verified = signed_in(app, login_as, people.other)
    assert verified.post("/offers/new", data=data).status_code == 400
    assert count(app, Offer) == 0


# My offers: withdrawing, answering requests -------------------------------------------------------


def test_my_offers_lists_the_requests_and_the_offerer_confirms_one(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=200,
                       unit="hours")
    offer_id = add_offer(app, people.other, title="Weekend trainers")
    request_id = ask(app, offer_id, need_id, people.partner, quantity=Decimal(50), message="For the June camp.")
    client = signed_in(app, login_as, people.other)
    response = client.get("/offers/mine")
    html = response.get_data(as_text=True)
    page = text(response)
    assert f'id="request-{request_id}"' in html and f'id="offer-{offer_id}"' in html
    assert "asks for 50 hours" in page and "For the June camp." in page and "waiting for an answer" in page
    response = post(client, f"/offer-requests/{request_id}/answer", {"answer": "confirm"})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"#request-{request_id}")
    page = text(client.get("/offers/mine"))
    assert "your offer is now a pledge" in page and "confirmed: now a pledge" in page
    assert "Withdraw this offer" not in page
    with app.app_context():
        made = db.session.scalar(select(Pledge))
        assert (made.status, made.quantity, made.pledger_id) == (PledgeStatus.ACCEPTED, Decimal(50), people.other.id)
    progress = text(app.test_client().get(f"/projects/{project_id}/needs"))
    assert "50 of 200 hours committed" in progress


def test_the_offerer_declines_a_request(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", quantity=200, unit="hours")
    request_id = ask(app, add_offer(app, people.other), need_id, people.partner)
    client = signed_in(app, login_as, people.other)
    post(client, f"/offer-requests/{request_id}/answer", {"answer": "decline"})
    assert stored(app, OfferRequest, request_id).status == OfferRequestStatus.DECLINED
    assert count(app, Pledge) == 0
    response = post(client, f"/offer-requests/{request_id}/answer", {"answer": "confirm"})
    assert response.status_code == 409 and "answered meanwhile" in text(response)


def test_only_the_offerer_answers_requests_or_withdraws(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", quantity=200, unit="hours")
    offer_id = add_offer(app, people.other)
    request_id = ask(app, offer_id, need_id, people.partner)
    for person in (people.pledger, people.partner, people.admin):
        client = signed_in(app, login_as, person)
        assert post(client, f"/offer-requests/{request_id}/answer", {"answer": "confirm"}).status_code == 404
        assert post(client, f"/offers/{offer_id}/withdraw").status_code == 403
        assert f"request-{request_id}" not in client.get("/offers/mine").get_data(as_text=True)
    owner = signed_in(app, login_as, people.other)
    assert owner.post(f"/offer-requests/{request_id}/answer", data={"answer": "confirm"}).status_code == 400
    assert owner.post(f"/offers/{offer_id}/withdraw").status_code == 400
    assert stored(app, OfferRequest, request_id).status == OfferRequestStatus.ASKED
    assert stored(app, Offer, offer_id).status == OfferStatus.OPEN


def test_the_offerer_withdraws_an_offer_and_its_requests_close(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", quantity=200, unit="hours")
    offer_id = add_offer(app, people.other, title="Weekend trainers")
    request_id = ask(app, offer_id, need_id, people.partner)
    client = signed_in(app, login_as, people.other)
    response = post(client, f"/offers/{offer_id}/withdraw", follow_redirects=True)
    assert "Your offer “Weekend trainers” is withdrawn from the pool." in text(response)
    assert stored(app, Offer, offer_id).status == OfferStatus.WITHDRAWN
    assert stored(app, OfferRequest, request_id).status == OfferRequestStatus.CLOSED
    assert titles(app.test_client().get("/offers")) == []
    response = post(client, f"/offers/{offer_id}/withdraw")
    assert response.status_code == 409 and "This offer is no longer open." in text(response)
    # Someone else's withdrawn offer does not exist for them.
    assert post(signed_in(app, login_as, people.pledger), f"/offers/{offer_id}/withdraw").status_code == 404


# Matching offers on the needs page ----------------------------------------------------------------


def test_partners_see_matching_offers_and_ask_for_one(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", title="Trainers", quantity=200,
                       unit="hours")
    offer_id = add_offer(app, people.other, title="Weekend trainers", quantity=Decimal(80))
    add_offer(app, people.other, title="Far trainers", countries=("PE",))
    add_offer(app, people.member, title="Our own trainers")  # the initiative's own organisation
    partner = signed_in(app, login_as, people.partner)
    response = partner.get(f"/projects/{project_id}/needs")
    html = response.get_data(as_text=True)
    page = text(response)
    assert "Matching offers in the pool" in page and "Weekend trainers" in page
    assert "Far trainers" not in page and "Our own trainers" not in page
    field = f"ask{need_id}-{offer_id}-quantity"
    assert re.search(rf'id="{field}" inputmode="decimal" name="{field}" type="text" value="80"', html)
    for person in (people.other, people.admin, None):
        assert "Matching offers in the pool" not in text(signed_in(app, login_as, person).get(
            f"/projects/{project_id}/needs"))
    url = f"/projects/{project_id}/needs/{need_id}/offers/{offer_id}/ask"
    response = post(partner, url, {field: "80,5,", f"ask{need_id}-{offer_id}-message": "For June."})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="{field}-error">Enter' in html and 'value="80,5,"' in html and "For June." in html
    response = post(partner, url, {field: "60", f"ask{need_id}-{offer_id}-message": "For June."},
                    follow_redirects=True)
    assert "Your request is sent" in text(response)
    assert "Asked for this need; the answer: waiting for an answer." in text(response)
    with app.app_context():
        made = db.session.scalar(select(OfferRequest))
        assert (made.quantity, made.message, made.requested_by_id) == (Decimal(60), "For June.", people.partner.id)
    response = post(partner, url, {field: "60"})
    assert response.status_code == 422 and "This offer was already asked for this need." in text(response)


@pytest.mark.parametrize("role", ["other", "outsider", "reviewer", "admin"])
def test_only_partners_ask_for_offers(app, login_as, people, project_id, role):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", quantity=200, unit="hours")
    offer_id = add_offer(app, people.pledger)
    client = signed_in(app, login_as, getattr(people, role))
    url = f"/projects/{project_id}/needs/{need_id}/offers/{offer_id}/ask"
    assert post(client, url, {f"ask{need_id}-{offer_id}-quantity": "5"}).status_code == 403
    assert count(app, OfferRequest) == 0


def test_asking_for_an_offer_for_a_closed_need_is_refused(app, login_as, people, project_id):
    need_id = add_need(app, project_id, people.partner, kind="volunteer_time", quantity=200, unit="hours")
    offer_id = add_offer(app, people.pledger)
    with app.app_context():
        db.session.get(Need, need_id).status = "closed"
        db.session.commit()
    partner = signed_in(app, login_as, people.partner)
    url = f"/projects/{project_id}/needs/{need_id}/offers/{offer_id}/ask"
    response = post(partner, url, {f"ask{need_id}-{offer_id}-quantity": "5"})
    assert response.status_code == 409 and "This need is closed." in text(response)
    assert "Matching offers in the pool" not in text(partner.get(f"/projects/{project_id}/needs"))
