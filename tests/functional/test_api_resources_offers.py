"""The resource pool in the JSON API: offering, and the list of open offers with its filters."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from app.core.extensions import db
from app.projects.models import Stage
from app.resources import offers as offer_service
from app.resources.models import Offer
from tests.support.api import assert_error, bearer, project_at
from tests.support.people import shared_makers
from tests.support.projects import load
from tests.support.resources import ROLES, add_need, count_rows, headers, resource_world

SOON = date.today() + timedelta(days=30)


@pytest.fixture(scope="module")
def world(app, shared_database):
    return resource_world(*shared_makers(app))


def offer(app, user, *, kind="materials", title="Story books", quantity=Decimal(200), unit="books",
          countries=("SN",), expires_on=SOON, **extra) -> int:
    """An offer made through the domain; returns its id."""
    with app.app_context():
        made, _created = offer_service.make_offer(load(user.id), kind=kind, title=title, description="Picture books.",
                                                  quantity=quantity, unit=unit, countries=list(countries),
                                                  expires_on=expires_on, **extra)
        db.session.commit()
        return made.id


def new_offer(**changes) -> dict:
    body = {"kind": "funding", "title": "Small grants", "description": "For girls' football clubs.",
            "quantity": "750000", "unit": "XOF", "countries": ["SN", "CI"], "expires_on": SOON.isoformat()}
    body.update(changes)
    return body


def listed(client, **args) -> dict:
    response = client.get("/api/v1/offers", query_string=args)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


# Offering -----------------------------------------------------------------------------------------


def test_an_offer_is_created_with_its_fields(app, client, world, make_org):
    org = make_org(country="CI", members=[(world.community, "member")])
    response = client.post("/api/v1/offers", json=new_offer(organisation=org.slug, countries=["ci", "SN"]),
                           headers=bearer(app, world.community))
    assert response.status_code == 201, response.get_json()
    made = response.get_json()
    assert made == {
        "id": made["id"], "kind": "funding", "title": "Small grants", "description": "For girls' football clubs.",
        "quantity": "750000", "unit": "XOF", "countries": ["CI", "SN"], "expires_on": SOON.isoformat(),
        "status": "open", "organisation": {"slug": org.slug, "name": org.name}, "created_at": made["created_at"],
    }
    assert listed(client)["items"] == [made]


@pytest.mark.parametrize(("role", "status", "code"), [
    ("anonymous", 401, "unauthorized"),
    ("unverified", 403, "forbidden"),
    ("community", 201, None),
    ("pledger", 201, None),
    ("partner", 201, None),
    ("other_partner", 201, None),
    ("reviewer", 201, None),
    ("admin", 201, None),
])
def test_who_may_offer(app, client, world, role, status, code):
    response = client.post("/api/v1/offers", json=new_offer(), headers=headers(app, world, role))
    if code:
        assert_error(response, status, code)
        assert count_rows(app, Offer) == 0
    else:
        assert response.status_code == 201


def test_the_same_idempotency_key_makes_one_offer(app, client, world):
    auth = {**bearer(app, world.community), "Idempotency-Key": "offer-1"}
    first = client.post("/api/v1/offers", json=new_offer(), headers=auth)
    again = client.post("/api/v1/offers", json=new_offer(), headers=auth)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.get_json() == first.get_json()
    other = client.post("/api/v1/offers", json=new_offer(), headers={**auth, "Idempotency-Key": "offer-2"})
    assert other.status_code == 201 and other.get_json()["id"] != first.get_json()["id"]
    assert count_rows(app, Offer) == 2
    too_long = client.post("/api/v1/offers", json=new_offer(), headers={**auth, "Idempotency-Key": "x" * 65})
    assert_error(too_long, 400, "bad_request")


@pytest.mark.parametrize(("changes", "field"), [
    ({"kind": "money"}, "kind"),
    ({"title": ""}, "title"),
    ({"quantity": 0}, "quantity"),
    ({"quantity": "12.5"}, "quantity"),  # francs CFA have no decimals
    ({"quantity": True}, "quantity"),
    ({"quantity": None}, "quantity"),
    ({"unit": "XYZ"}, "unit"),
    ({"countries": []}, "countries"),
    ({"countries": ["FR"]}, "countries"),
    ({"countries": "SN"}, "countries"),
    ({"expires_on": (date.today() - timedelta(days=1)).isoformat()}, "expires_on"),
    ({"expires_on": (date.today() + timedelta(days=3 * 365)).isoformat()}, "expires_on"),
    ({"expires_on": "2025-13-01"}, "expires_on"),
    ({"expires_on": "next week"}, "expires_on"),
    ({"expires_on": None}, "expires_on"),
    ({"organisation": "no-such-org"}, "organisation"),
    ({"status": "pledged"}, "status"),
])
def test_a_bad_offer_is_422_with_the_field_named(app, client, world, changes, field):
    response = client.post("/api/v1/offers", json=new_offer(**changes), headers=bearer(app, world.community))
    error = assert_error(response, 422, "invalid")
    assert field in [detail["field"] for detail in error["details"]], error
    assert count_rows(app, Offer) == 0


def test_offering_shares_the_posting_budget_with_pledges(app, client, world, monkeypatch):
    need_id = add_need(app, project_at(app, world, Stage.ACTIVE), world.owner)
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    auth = bearer(app, world.community)
    assert client.post("/api/v1/offers", json=new_offer(), headers=auth).status_code == 201
    assert client.post(f"/api/v1/needs/{need_id}/pledges", json={"quantity": 5}, headers=auth).status_code == 201
    assert_error(client.post("/api/v1/offers", json=new_offer(), headers=auth), 429, "rate_limited")
    assert count_rows(app, Offer) == 1


# The list -----------------------------------------------------------------------------------------


@pytest.fixture
def pool(app, world):
    """Offers across the programme's regions, soonest expiry first in this order."""
    return {
        "books": offer(app, world.community, countries=("MA", "TN"), expires_on=SOON),
        "grant": offer(app, world.pledger, kind="funding", title="Grant", quantity=Decimal(1000), unit="EUR",
                       countries=("SN",), expires_on=SOON + timedelta(days=1)),
        "hours": offer(app, world.other_partner, kind="volunteer_time", title="Coaching", quantity=Decimal("12.5"),
                       unit="", countries=("CO",), expires_on=SOON + timedelta(days=2)),
        "advice": offer(app, world.admin, kind="expertise", title="Legal advice", quantity=Decimal(3), unit="days",
                        countries=("SN", "PE"), expires_on=SOON + timedelta(days=3)),
    }


def titles(answer: dict) -> list[str]:
    return [item["title"] for item in answer["items"]]


def test_the_list_shows_open_offers_soonest_expiry_first(client, pool):
    answer = listed(client)
    assert titles(answer) == ["Story books", "Grant", "Coaching", "Legal advice"]
    assert (answer["page"], answer["per_page"], answer["total"]) == (1, 20, 4)
    hours = answer["items"][2]
    assert (hours["quantity"], hours["unit"], hours["countries"]) == ("12.50", "hours", ["CO"])
    assert answer["items"][1]["quantity"] == "1000.00"


@pytest.mark.parametrize(("args", "expected"), [
    ({"kind": "materials"}, ["Story books"]),
    ({"kind": "expertise"}, ["Legal advice"]),
    ({"country": "SN"}, ["Grant", "Legal advice"]),
    ({"country": "sn"}, ["Grant", "Legal advice"]),
    ({"country": "BF"}, []),
    ({"region": "latin_america"}, ["Coaching", "Legal advice"]),
    ({"region": "north_africa"}, ["Story books"]),
    ({"region": "sub_saharan_africa", "kind": "funding"}, ["Grant"]),
])
def test_the_list_filters(client, pool, args, expected):
    answer = listed(client, **args)
    assert titles(answer) == expected and answer["total"] == len(expected)


@pytest.mark.parametrize(("args", "field"), [
    ({"kind": "money"}, "kind"), ({"country": "FR"}, "country"), ({"region": "europe"}, "region"),
    ({"page": "0"}, "page"), ({"page": "two"}, "page"), ({"per_page": "101"}, "per_page"),
])
def test_bad_filters_are_422(client, args, field):
    error = assert_error(client.get("/api/v1/offers", query_string=args), 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == [field]


def test_the_list_comes_in_pages(client, pool):
    first = listed(client, per_page=3)
    assert titles(first) == ["Story books", "Grant", "Coaching"] and first["total"] == 4
    second = listed(client, per_page=3, page=2)
    assert titles(second) == ["Legal advice"] and (second["page"], second["per_page"], second["total"]) == (2, 3, 4)
    assert listed(client, per_page=3, page=9) == {"items": [], "page": 9, "per_page": 3, "total": 4}


def test_expired_and_withdrawn_offers_are_not_listed(app, client, world, pool):
    with app.app_context():
        db.session.get(Offer, pool["books"]).expires_on = date.today() - timedelta(days=1)
        db.session.get(Offer, pool["grant"]).expires_on = date.today()  # still open today
        offer_service.withdraw_offer(db.session.get(Offer, pool["hours"]), load(world.other_partner.id))
        db.session.commit()
    answer = listed(client)
    assert titles(answer) == ["Grant", "Legal advice"] and answer["total"] == 2


@pytest.mark.parametrize("role", ROLES)
def test_offers_never_name_the_person_who_offered(app, client, world, pool, role):
    response = client.get("/api/v1/offers", headers=headers(app, world, role))
    text = response.get_data(as_text=True)
    for person in (world.community, world.pledger, world.other_partner, world.admin):
        assert person.name not in text and person.email not in text
    assert "offerer" not in text
