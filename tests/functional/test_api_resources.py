"""The needs endpoints of the JSON API: listing, adding, editing and closing a project's needs.

The world and its helpers (tests/support/resources.py) serve the pledge and offer tests too
(test_api_resources_pledges.py, test_api_resources_offers.py); needs and pledges are made through the
domain.
"""

from decimal import Decimal

import pytest

from app.projects.models import Stage
from app.resources.models import Need
from tests.support.api import assert_error, bearer, project_at
from tests.support.people import shared_makers
from tests.support.queries import page_queries
from tests.support.resources import ROLES, SECRET, add_need, advance_project, count_rows, headers, resource_world
from tests.support.resources import move as move_pledge
from tests.support.resources import pledge as add_pledge


@pytest.fixture(scope="module")
def world(app, shared_database):
    return resource_world(*shared_makers(app))


@pytest.fixture(scope="module")
def project_id(app, world):
    return project_at(app, world, Stage.ACTIVE)


def needs_url(project_id: int) -> str:
    return f"/api/v1/projects/{project_id}/needs"


# Reading --------------------------------------------------------------------------------------------


def test_the_list_shows_each_need_with_its_progress_and_the_totals_per_currency(app, client, world, project_id):
    kits = add_need(app, project_id, world.owner)
    hours = add_need(app, project_id, world.owner, kind="volunteer_time", title="Facilitators",
                     quantity=Decimal("40.5"), unit="", required=False)
    dinars = add_need(app, project_id, world.owner, title="Bus fares", quantity=Decimal("120.125"), unit="TND")
    accepted = add_pledge(app, kits, world.pledger, Decimal(200000))
    move_pledge(app, accepted, world.owner, "accepted")
    add_pledge(app, kits, world.community, Decimal(50000))
    fulfilled = add_pledge(app, dinars, world.pledger, Decimal("130.5"))
    move_pledge(app, fulfilled, world.owner, "accepted")
    move_pledge(app, fulfilled, world.owner, "fulfilled")

    response = client.get(needs_url(project_id))
    assert response.status_code == 200
    answer = response.get_json()
    by_id = {item["id"]: item for item in answer["items"]}
    assert set(by_id) == {kits, hours, dinars}
    assert by_id[kits] == {
        "id": kits, "project_id": project_id, "kind": "funding", "title": "School kits",
        "description": "Notebooks and pens for 120 girls.", "quantity": "500000", "unit": "XOF", "required": True,
        "status": "open", "created_at": by_id[kits]["created_at"], "closed_at": None,
        "progress": {"committed": "200000", "fulfilled": "0", "waiting": "50000", "over": "0", "percent": 40,
                     "pledge_count": 2},
        "pledges": None,
    }
    assert by_id[hours]["quantity"] == "40.50" and by_id[hours]["unit"] == "hours"
    assert by_id[hours]["required"] is False and by_id[hours]["progress"]["committed"] == "0.00"
    assert by_id[dinars]["quantity"] == "120.125"
    assert by_id[dinars]["progress"] == {"committed": "130.500", "fulfilled": "130.500", "waiting": "0.000",
                                         "over": "10.375", "percent": 100, "pledge_count": 1}
    assert sorted(answer["totals"], key=lambda t: (t["kind"], t["unit"])) == [
        {"kind": "funding", "unit": "TND", "target": "120.125", "committed": "130.500", "fulfilled": "130.500"},
        {"kind": "funding", "unit": "XOF", "target": "500000", "committed": "200000", "fulfilled": "0"},
        {"kind": "volunteer_time", "unit": "hours", "target": "40.50", "committed": "0.00", "fulfilled": "0.00"},
    ]


@pytest.mark.parametrize("role", ROLES)
def test_who_pledged_and_what_they_wrote_is_for_the_partners_and_admins_only(app, client, world, project_id, role):
    need_id = add_need(app, project_id, world.owner)
    add_pledge(app, need_id, world.pledger, Decimal(1000), message=SECRET)
    for url in (needs_url(project_id), f"/api/v1/needs/{need_id}"):
        response = client.get(url, headers=headers(app, world, role))
        assert response.status_code == 200
        text = response.get_data(as_text=True)
        need = response.get_json()["items"][0] if "items" in response.get_json() else response.get_json()
        assert need["progress"]["pledge_count"] == 1
        if role in ("partner", "admin"):
            (pledge,) = need["pledges"]
            assert pledge["pledger"]["name"] == "Paula Pledger" and pledge["message"] == SECRET
            assert pledge["quantity"] == "1000" and pledge["status"] == "pledged"
        else:
            assert need["pledges"] is None
            assert "Paula" not in text and SECRET not in text and world.pledger.email not in text


def test_the_member_partner_sees_the_pledges_too(app, client, world, project_id):
    need_id = add_need(app, project_id, world.owner)
    add_pledge(app, need_id, world.pledger, Decimal(1000), message=SECRET)
    need = client.get(f"/api/v1/needs/{need_id}", headers=bearer(app, world.member)).get_json()
    assert [p["pledger"]["name"] for p in need["pledges"]] == ["Paula Pledger"]


@pytest.mark.parametrize(("role", "status"), [
    ("anonymous", 404), ("community", 404), ("other_partner", 404), ("reviewer", 404), ("partner", 200),
    ("admin", 200),
])
def test_the_needs_of_a_draft_are_seen_by_those_who_see_the_draft(app, client, world, role, status):
    draft = project_at(app, world, Stage.DRAFT)
    response = client.get(needs_url(draft), headers=headers(app, world, role))
    if status == 404:
        assert_error(response, 404, "not_found")
    else:
        assert response.get_json() == {"items": [], "totals": []}


def test_a_need_of_a_project_one_may_not_view_is_404(app, client, world, project_id):
    need_id = add_need(app, project_id, world.owner)
    advance_project(app, world, project_id, Stage.WITHDRAWN)
    assert_error(client.get(f"/api/v1/needs/{need_id}"), 404, "not_found")
    assert client.get(f"/api/v1/needs/{need_id}", headers=bearer(app, world.reviewer)).status_code == 200
    for url in ("/api/v1/needs/999999", "/api/v1/needs/2147483648", needs_url(2147483648)):
        assert_error(client.get(url), 404, "not_found")


def test_the_list_takes_the_same_number_of_queries_whatever_the_count(app, client, world, project_id):
    auth = bearer(app, world.owner)

    def queries() -> int:
        return page_queries(app, client, needs_url(project_id), headers=auth)

    first = add_need(app, project_id, world.owner)
    add_pledge(app, first, world.pledger, Decimal(10))
    one = queries()
    for n in range(4):
        need_id = add_need(app, project_id, world.owner, title=f"Need {n}", unit="EUR", quantity=Decimal(100))
        add_pledge(app, need_id, world.pledger, Decimal(5), organisation=None)
        add_pledge(app, need_id, world.community, Decimal(7))
    # the token, the caller, the project: then needs, progress, totals and pledges, once each
    assert queries() == one <= 16


# Adding -------------------------------------------------------------------------------------------

NEW_NEED = {"kind": "funding", "title": "Bus fares", "description": "Getting the girls to the clubs.",
            "quantity": "2500.125", "unit": "tnd", "required": False}


@pytest.mark.parametrize(("role", "status", "code"), [
    ("anonymous", 401, "unauthorized"),
    ("community", 403, "forbidden"),
    ("unverified", 403, "forbidden"),
    ("pledger", 403, "forbidden"),
    ("other_partner", 403, "forbidden"),
    ("reviewer", 403, "forbidden"),
    ("admin", 403, "forbidden"),
    ("partner", 201, None),
    ("member", 201, None),
])
def test_only_the_partners_add_needs(app, client, world, project_id, role, status, code):
    response = client.post(needs_url(project_id), json=NEW_NEED, headers=headers(app, world, role))
    if code:
        assert_error(response, status, code)
        assert count_rows(app, Need) == 0
        return
    assert response.status_code == 201, response.get_json()
    need = response.get_json()
    assert response.headers["Location"] == f"/api/v1/needs/{need['id']}"
    assert need["quantity"] == "2500.125" and need["unit"] == "TND" and need["required"] is False
    assert need["status"] == "open" and need["pledges"] == [] and need["progress"]["pledge_count"] == 0
    assert client.get(f"/api/v1/needs/{need['id']}").get_json()["title"] == "Bus fares"


@pytest.mark.parametrize(("stage", "role", "status", "code"), [
    (Stage.DRAFT, "community", 404, "not_found"),
    (Stage.DRAFT, "partner", 409, "pledging_closed"),
    (Stage.SUBMITTED, "partner", 409, "pledging_closed"),
    (Stage.INCUBATING, "partner", 201, None),
    (Stage.LAUNCH_REVIEW, "partner", 201, None),
    (Stage.COMPLETION_REVIEW, "partner", 409, "pledging_closed"),
    (Stage.COMPLETED, "partner", 409, "pledging_closed"),
    (Stage.REJECTED, "partner", 409, "pledging_closed"),
    (Stage.REJECTED, "community", 404, "not_found"),
])
def test_needs_are_added_while_the_project_takes_pledges(app, client, world, stage, role, status, code):
    project_id = project_at(app, world, stage)
    response = client.post(needs_url(project_id), json=NEW_NEED, headers=headers(app, world, role))
    if code:
        assert_error(response, status, code)
    else:
        assert response.status_code == 201


@pytest.mark.parametrize(("body", "field"), [
    ({**NEW_NEED, "kind": "money"}, "kind"),
    ({**NEW_NEED, "title": "  "}, "title"),
    ({**NEW_NEED, "title": "x" * 201}, "title"),
    ({**NEW_NEED, "unit": "XYZ"}, "unit"),
    ({**NEW_NEED, "kind": "materials", "unit": ""}, "unit"),
    ({**NEW_NEED, "quantity": "2500.1255"}, "quantity"),
    ({**NEW_NEED, "quantity": 0}, "quantity"),
    ({**NEW_NEED, "quantity": "1 500"}, None),  # plain notation: spaces between digit groups are dropped
    ({**NEW_NEED, "quantity": "1,500"}, "quantity"),  # a comma is not the API's notation
    ({**NEW_NEED, "quantity": [1]}, "quantity"),
    ({**NEW_NEED, "required": "yes"}, "required"),
    ({**NEW_NEED, "status": "closed"}, "status"),
    ({key: value for key, value in NEW_NEED.items() if key != "quantity"}, "quantity"),
    ({key: value for key, value in NEW_NEED.items() if key != "kind"}, "kind"),
])
def test_a_bad_need_is_422_with_the_field_named(app, client, world, project_id, body, field):
    response = client.post(needs_url(project_id), json=body, headers=bearer(app, world.owner))
    if field is None:
        assert response.status_code == 201 and response.get_json()["quantity"] == "1500.000"
        return
    error = assert_error(response, 422, "invalid")
    assert field in [detail["field"] for detail in error["details"]], error
    assert count_rows(app, Need) == 0


def test_a_body_that_is_not_a_json_object_is_400(app, client, world, project_id):
    response = client.post(needs_url(project_id), data="{oops", headers={**bearer(app, world.owner),
                                                                         "Content-Type": "application/json"})
    assert_error(response, 400, "bad_request")


# Editing and closing ------------------------------------------------------------------------------


def test_the_partners_edit_the_fields_they_send(app, client, world, project_id):
    need_id = add_need(app, project_id, world.owner)
    response = client.patch(f"/api/v1/needs/{need_id}", json={"quantity": 650000, "title": "School kits, more"},
                            headers=bearer(app, world.member))
    assert response.status_code == 200, response.get_json()
    need = response.get_json()
    assert (need["quantity"], need["title"], need["unit"]) == ("650000", "School kits, more", "XOF")
    assert need["description"] == "Notebooks and pens for 120 girls."


def test_the_unit_of_a_need_with_pledges_is_fixed(app, client, world, project_id):
    need_id = add_need(app, project_id, world.owner)
    add_pledge(app, need_id, world.pledger, Decimal(1000))
    response = client.patch(f"/api/v1/needs/{need_id}", json={"unit": "EUR"}, headers=bearer(app, world.owner))
    error = assert_error(response, 422, "invalid")
    assert "unit" in [detail["field"] for detail in error["details"]]


@pytest.mark.parametrize(("role", "status", "code"), [
    ("anonymous", 401, "unauthorized"),
    ("community", 403, "forbidden"),
    ("unverified", 403, "forbidden"),
    ("pledger", 403, "forbidden"),
    ("other_partner", 403, "forbidden"),
    ("reviewer", 403, "forbidden"),
    ("admin", 403, "forbidden"),
])
def test_only_the_partners_edit_and_close_needs(app, client, world, project_id, role, status, code):
    need_id = add_need(app, project_id, world.owner)
    auth = headers(app, world, role)
    assert_error(client.patch(f"/api/v1/needs/{need_id}", json={"title": "Mine"}, headers=auth), status, code)
    assert_error(client.post(f"/api/v1/needs/{need_id}/close", headers=auth), status, code)
    need = client.get(f"/api/v1/needs/{need_id}").get_json()
    assert (need["title"], need["status"]) == ("School kits", "open")


def test_closing_a_need_closes_its_waiting_pledges_and_keeps_the_accepted_ones(app, client, world, project_id):
    need_id = add_need(app, project_id, world.owner)
    waiting = add_pledge(app, need_id, world.community, Decimal(1000))
    accepted = add_pledge(app, need_id, world.pledger, Decimal(2000))
    move_pledge(app, accepted, world.owner, "accepted")
    response = client.post(f"/api/v1/needs/{need_id}/close", headers=bearer(app, world.owner))
    assert response.status_code == 200
    need = response.get_json()
    assert need["status"] == "closed" and need["closed_at"]
    assert {p["id"]: p["status"] for p in need["pledges"]} == {waiting: "closed", accepted: "accepted"}
    again = client.patch(f"/api/v1/needs/{need_id}", json={"title": "Reopened?"}, headers=bearer(app, world.owner))
    assert_error(again, 409, "pledging_closed")
