"""The pledge endpoints of the JSON API: pledging (with an Idempotency-Key), reading a pledge, and its
status lifecycle, for every kind of caller."""

from decimal import Decimal

import pytest
from sqlalchemy import select, update

from app.core.extensions import db
from app.projects.models import Stage
from app.resources import pledges as pledge_service
from app.resources.models import Need, NeedKind, Pledge, PledgeEvent, PledgeStatus
from tests.support.api import assert_error, bearer, project_at
from tests.support.people import shared_makers
from tests.support.resources import SECRET, add_need, advance_project, count_rows, headers, resource_world, stored
from tests.support.resources import move as move_pledge
from tests.support.resources import pledge as add_pledge


@pytest.fixture(scope="module")
def world(app, shared_database):
    return resource_world(*shared_makers(app))


@pytest.fixture(scope="module")
def project_id(app, world):
    return project_at(app, world, Stage.ACTIVE)


@pytest.fixture
def need_id(app, world, project_id):
    return add_need(app, project_id, world.owner)


def pledge_to(client, need_id: int, auth: dict, body: dict | None = None, key: str | None = None):
    extra = {"Idempotency-Key": key} if key is not None else {}
    return client.post(f"/api/v1/needs/{need_id}/pledges", json={"quantity": 25000} if body is None else body,
                       headers={**auth, **extra})


# Pledging -----------------------------------------------------------------------------------------


def test_a_pledge_is_created_with_its_fields(app, client, world, need_id, project_id, make_org):
    org = make_org(country="SN", members=[(world.pledger, "member")])
    response = pledge_to(client, need_id, bearer(app, world.pledger),
                         {"quantity": "25000", "message": "From our savings group.", "organisation": org.slug})
    assert response.status_code == 201, response.get_json()
    pledge = response.get_json()
    assert response.headers["Location"] == f"/api/v1/pledges/{pledge['id']}"
    assert pledge == {
        "id": pledge["id"], "need_id": need_id, "project_id": project_id, "quantity": "25000", "unit": "XOF",
        "status": "pledged", "organisation": {"slug": org.slug, "name": org.name},
        "pledger": {"id": world.pledger.id, "name": "Paula Pledger"}, "message": "From our savings group.",
        "offer_id": None, "created_at": pledge["created_at"], "updated_at": pledge["updated_at"],
        "moves": ["withdrawn"],
    }
    assert pledge["created_at"].endswith("Z")
    assert stored(app, Pledge, pledge["id"]).quantity == Decimal(25000)


@pytest.mark.parametrize(("role", "status", "code"), [
    ("anonymous", 401, "unauthorized"),
    ("unverified", 403, "forbidden"),
    ("partner", 403, "forbidden"),  # the project's own partners change the need instead
    ("member", 403, "forbidden"),
    ("conflicted", 403, "forbidden"),  # a reviewer who belongs to the organisation
    ("community", 201, None),
    ("pledger", 201, None),
    ("other_partner", 201, None),
    ("reviewer", 201, None),
    ("admin", 201, None),
])
def test_who_may_pledge(app, client, world, need_id, role, status, code):
    response = pledge_to(client, need_id, headers(app, world, role))
    if code:
        assert_error(response, status, code)
        assert count_rows(app, Pledge) == 0
    else:
        assert response.status_code == 201, response.get_json()
        assert count_rows(app, Pledge) == 1


def test_the_same_idempotency_key_makes_one_pledge(app, client, world, need_id):
    auth = bearer(app, world.pledger)
    first = pledge_to(client, need_id, auth, key="pledge-2025-03-01-a")
    again = pledge_to(client, need_id, auth, key="pledge-2025-03-01-a")
    assert first.status_code == 201 and again.status_code == 200
    assert again.get_json() == first.get_json()
    assert count_rows(app, Pledge) == 1
    other = pledge_to(client, need_id, auth, key="pledge-2025-03-01-b")
    unkeyed = pledge_to(client, need_id, auth)
    assert other.status_code == 201 and unkeyed.status_code == 201
    assert len({first.get_json()["id"], other.get_json()["id"], unkeyed.get_json()["id"]}) == 3
    assert count_rows(app, Pledge) == 3


def test_a_key_is_one_persons_own(app, client, world, need_id):
    mine = pledge_to(client, need_id, bearer(app, world.pledger), key="same-key")
    theirs = pledge_to(client, need_id, bearer(app, world.community), key="same-key")
    assert mine.status_code == theirs.status_code == 201
    assert mine.get_json()["id"] != theirs.get_json()["id"]


def test_a_key_used_for_another_need_is_refused(app, client, world, project_id, need_id):
    other_need = add_need(app, project_id, world.owner, title="Bus fares")
    auth = bearer(app, world.pledger)
    assert pledge_to(client, need_id, auth, key="k1").status_code == 201
    error = assert_error(pledge_to(client, other_need, auth, key="k1"), 422, "invalid")
    assert [d["field"] for d in error["details"]] == ["Idempotency-Key"]
    assert count_rows(app, Pledge) == 1


def test_a_key_over_64_characters_is_400(app, client, world, need_id):
    response = pledge_to(client, need_id, bearer(app, world.pledger), key="k" * 65)
    error = assert_error(response, 400, "bad_request")
    assert error["details"][0]["field"] == "Idempotency-Key"
    assert pledge_to(client, need_id, bearer(app, world.pledger), key="k" * 64).status_code == 201


@pytest.mark.parametrize(("quantity", "unit"), [
    (0, "XOF"), (-5, "XOF"), ("-5", "XOF"), ("abc", "XOF"), ("", "XOF"), ("1,5", "XOF"), (1.5, "XOF"),
    ("1.5", "XOF"), (1.2345, "TND"), ("1.2345", "TND"), (1e20, "XOF"), ("1e20", "XOF"), (10**15, "XOF"),
    (True, "XOF"), (None, "XOF"), ([5], "XOF"), ({"amount": 5}, "XOF"), ("NaN", "XOF"), ("Infinity", "XOF"),
])
def test_a_bad_quantity_is_422_naming_the_quantity(app, client, world, project_id, quantity, unit):
    need_id = add_need(app, project_id, world.owner, unit=unit, quantity=Decimal(1000))
    response = pledge_to(client, need_id, bearer(app, world.pledger), {"quantity": quantity, "message": "Hi"})
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["quantity"]
    assert count_rows(app, Pledge) == 0


def test_a_missing_quantity_is_422(app, client, world, need_id):
    error = assert_error(pledge_to(client, need_id, bearer(app, world.pledger), {"message": "Hi"}), 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["quantity"]


@pytest.mark.parametrize(("quantity", "unit", "kept"), [
    (1500, "XOF", "1500"), ("1500", "XOF", "1500"), ("1500.00", "XOF", "1500"), (2.125, "TND", "2.125"),
    ("2.125", "TND", "2.125"), (0.1, "EUR", "0.10"), ("12.5", "USD", "12.50"), (1e3, "XOF", "1000"),
])
def test_good_quantities_are_kept_exactly(app, client, world, project_id, quantity, unit, kept):
    need_id = add_need(app, project_id, world.owner, unit=unit, quantity=Decimal(100000))
    response = pledge_to(client, need_id, bearer(app, world.pledger), {"quantity": quantity})
    assert response.status_code == 201, response.get_json()
    pledge = response.get_json()
    assert pledge["quantity"] == kept
    assert stored(app, Pledge, pledge["id"]).quantity == Decimal(kept)


def test_a_number_with_more_digits_than_a_float_holds_is_not_rounded(app, client, world, project_id):
    need_id = add_need(app, project_id, world.owner, quantity=Decimal(10**7))
    literal = "1000000.00000000001"
    assert float(literal) == 1000000.0  # read as a float, it would pass for a whole number of francs
    auth = {**bearer(app, world.pledger), "Content-Type": "application/json"}
    response = client.post(f"/api/v1/needs/{need_id}/pledges", data=f'{{"quantity": {literal}}}', headers=auth)
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["quantity"]
    assert count_rows(app, Pledge) == 0
    dinars = add_need(app, project_id, world.owner, unit="TND", quantity=Decimal(10**9))
    exact = client.post(f"/api/v1/needs/{dinars}/pledges", data='{"quantity": 123456789.001}', headers=auth)
    assert exact.status_code == 201 and exact.get_json()["quantity"] == "123456789.001"


@pytest.mark.parametrize(("body", "field"), [
    ({"quantity": 5, "message": 12}, "message"),
    ({"quantity": 5, "message": "x" * 2001}, "message"),
    ({"quantity": 5, "organisation": "no-such-org"}, "organisation"),
    ({"quantity": 5, "status": "accepted"}, "status"),
])
def test_other_bad_fields_are_422(app, client, world, need_id, body, field):
    error = assert_error(pledge_to(client, need_id, bearer(app, world.pledger), body), 422, "invalid")
    assert field in [detail["field"] for detail in error["details"]]


def test_a_pledge_on_behalf_of_someone_elses_organisation_is_refused(app, client, world, need_id):
    response = pledge_to(client, need_id, bearer(app, world.pledger), {"quantity": 5,
                                                                       "organisation": world.other_org.slug})
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["organisation"]


@pytest.mark.parametrize("stage", [Stage.INCUBATING, Stage.LAUNCH_REVIEW])
def test_needs_take_pledges_before_the_project_is_active(app, client, world, stage):
    project_id = project_at(app, world, stage)
    need_id = add_need(app, project_id, world.owner)
    assert pledge_to(client, need_id, bearer(app, world.pledger)).status_code == 201


@pytest.mark.parametrize(("stage", "role", "status", "code"), [
    (Stage.COMPLETION_REVIEW, "pledger", 409, "pledging_closed"),
    (Stage.COMPLETED, "pledger", 409, "pledging_closed"),
    (Stage.WITHDRAWN, "reviewer", 409, "pledging_closed"),  # a reviewer still sees the withdrawn project
    (Stage.WITHDRAWN, "pledger", 404, "not_found"),
])
def test_wrong_stages_take_no_pledges(app, client, world, project_id, need_id, stage, role, status, code):
    advance_project(app, world, project_id, stage)
    assert_error(pledge_to(client, need_id, headers(app, world, role)), status, code)
    assert count_rows(app, Pledge) == 0


def test_a_closed_need_takes_no_pledges(app, client, world, need_id):
    assert client.post(f"/api/v1/needs/{need_id}/close", headers=bearer(app, world.owner)).status_code == 200
    assert_error(pledge_to(client, need_id, bearer(app, world.pledger)), 409, "pledging_closed")


def test_a_need_of_a_draft_is_404(app, client, world):
    draft = project_at(app, world, Stage.DRAFT)
    with app.app_context():
        # A need left from an earlier stage (a project sent back to draft by an admin, say).
        need = Need(project_id=draft, kind=NeedKind.FUNDING, title="Old need", quantity=Decimal(5), unit="XOF")
        db.session.add(need)
        db.session.commit()
        need_id = need.id
    for role in ("anonymous", "pledger", "reviewer"):
        expected = (401, "unauthorized") if role == "anonymous" else (404, "not_found")
        assert_error(pledge_to(client, need_id, headers(app, world, role)), *expected)
    assert_error(pledge_to(client, 2147483648, bearer(app, world.pledger)), 404, "not_found")


def test_pledging_is_rate_limited(app, client, world, need_id, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    auth = bearer(app, world.pledger)
    assert [pledge_to(client, need_id, auth).status_code for _ in range(2)] == [201, 201]
    assert_error(pledge_to(client, need_id, auth), 429, "rate_limited")
    assert count_rows(app, Pledge) == 2


# Reading a pledge ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("role", "visible"), [
    ("anonymous", False), ("community", False), ("unverified", False), ("other_partner", False),
    ("reviewer", False), ("pledger", True), ("partner", True), ("admin", True),
])
def test_a_pledge_is_seen_by_its_pledger_the_partners_and_admins(app, client, world, need_id, role, visible):
    pledge_id = add_pledge(app, need_id, world.pledger, Decimal(5000), message=SECRET)
    response = client.get(f"/api/v1/pledges/{pledge_id}", headers=headers(app, world, role))
    if not visible:
        assert_error(response, 404, "not_found")
        assert SECRET not in response.get_data(as_text=True)
        return
    pledge = response.get_json()
    assert pledge["message"] == SECRET and pledge["quantity"] == "5000"
    expected_moves = {"pledger": ["withdrawn"], "partner": ["accepted", "declined"], "admin": []}[role]
    assert sorted(pledge["moves"]) == expected_moves


# Status -------------------------------------------------------------------------------------------


def set_status(client, pledge_id: int, auth: dict, status: str):
    return client.post(f"/api/v1/pledges/{pledge_id}/status", json={"status": status}, headers=auth)


def test_the_lifecycle_through_the_api(app, client, world, need_id):
    pledge_id = add_pledge(app, need_id, world.pledger, Decimal(200000))
    partner = bearer(app, world.owner)
    accepted = set_status(client, pledge_id, partner, "accepted")
    assert accepted.status_code == 200, accepted.get_json()
    assert accepted.get_json()["status"] == "accepted" and accepted.get_json()["moves"] == ["fulfilled"]
    need = client.get(f"/api/v1/needs/{need_id}").get_json()
    assert need["progress"]["committed"] == "200000" and need["progress"]["waiting"] == "0"
    fulfilled = set_status(client, pledge_id, bearer(app, world.member), "fulfilled")
    assert fulfilled.status_code == 200 and fulfilled.get_json()["status"] == "fulfilled"
    assert fulfilled.get_json()["moves"] == []
    assert client.get(f"/api/v1/needs/{need_id}").get_json()["progress"]["fulfilled"] == "200000"
    # settled: nothing moves it any more, not even its pledger
    assert_error(set_status(client, pledge_id, bearer(app, world.pledger), "withdrawn"), 409, "invalid_status")


def test_the_pledger_withdraws_and_the_partners_decline(app, client, world, need_id):
    withdrawn = add_pledge(app, need_id, world.pledger, Decimal(1000))
    declined = add_pledge(app, need_id, world.community, Decimal(1000))
    response = set_status(client, withdrawn, bearer(app, world.pledger), "withdrawn")
    assert response.status_code == 200 and response.get_json()["status"] == "withdrawn"
    response = set_status(client, declined, bearer(app, world.owner), "declined")
    assert response.status_code == 200 and response.get_json()["status"] == "declined"
    assert_error(set_status(client, declined, bearer(app, world.owner), "accepted"), 409, "invalid_status")


@pytest.mark.parametrize(("role", "status", "http", "code"), [
    ("pledger", "accepted", 403, "forbidden"),
    ("pledger", "declined", 403, "forbidden"),
    ("pledger", "fulfilled", 409, "invalid_status"),
    ("partner", "withdrawn", 403, "forbidden"),
    ("partner", "fulfilled", 409, "invalid_status"),  # not accepted yet
    ("partner", "pledged", 409, "invalid_status"),
    ("partner", "closed", 409, "invalid_status"),
    ("partner", "nonsense", 422, "invalid"),
    ("admin", "accepted", 403, "forbidden"),  # admins see pledges; the partners decide them
    ("anonymous", "accepted", 401, "unauthorized"),
    ("community", "accepted", 404, "not_found"),
    ("unverified", "accepted", 404, "not_found"),
    ("other_partner", "accepted", 404, "not_found"),
    ("reviewer", "accepted", 404, "not_found"),
])
def test_status_refusals(app, client, world, need_id, role, status, http, code):
    pledge_id = add_pledge(app, need_id, world.pledger, Decimal(1000))
    assert_error(set_status(client, pledge_id, headers(app, world, role), status), http, code)
    assert stored(app, Pledge, pledge_id).status.value == "pledged"


def test_a_status_body_needs_its_status(app, client, world, need_id):
    pledge_id = add_pledge(app, need_id, world.pledger, Decimal(1000))
    auth = bearer(app, world.owner)
    for body in ({}, {"status": 3}, {"status": "accepted", "note": "x"}):
        response = client.post(f"/api/v1/pledges/{pledge_id}/status", json=body, headers=auth)
        assert_error(response, 422, "invalid")
    assert_error(set_status(client, 2147483648, auth, "accepted"), 404, "not_found")


def test_a_pledge_moved_meanwhile_is_409_conflict_and_nothing_is_written(app, client, world, need_id, monkeypatch):
    """The pledger withdraws at the moment the partner accepts: the partner's request read the pledge
    as `pledged`, so its conditional update finds nothing to change and the whole request rolls back."""
    pledge_id = add_pledge(app, need_id, world.pledger, Decimal(1000))
    real_lock = pledge_service.lock_project

    def withdrawn_while_locking(project):
        real_lock(project)
        # the pledger's withdrawal, committed just before the partner's update runs
        db.session.execute(update(Pledge).where(Pledge.id == pledge_id).values(status=PledgeStatus.WITHDRAWN))

    monkeypatch.setattr(pledge_service, "lock_project", withdrawn_while_locking)
    error = assert_error(set_status(client, pledge_id, bearer(app, world.owner), "accepted"), 409, "conflict")
    assert "changed meanwhile" in error["message"]
    monkeypatch.undo()
    with app.app_context():
        events = db.session.scalars(select(PledgeEvent.to_status).where(PledgeEvent.pledge_id == pledge_id)).all()
    assert events == [PledgeStatus.PLEDGED]


def test_pledges_are_still_decided_in_completion_review(app, client, world, project_id, need_id):
    accepted = add_pledge(app, need_id, world.pledger, Decimal(1000))
    waiting = add_pledge(app, need_id, world.community, Decimal(1000))
    move_pledge(app, accepted, world.owner, "accepted")
    advance_project(app, world, project_id, Stage.COMPLETION_REVIEW)
    response = set_status(client, accepted, bearer(app, world.owner), "fulfilled")
    assert response.status_code == 200 and response.get_json()["status"] == "fulfilled"
    assert set_status(client, waiting, bearer(app, world.owner), "accepted").status_code == 200


def test_the_end_of_the_project_closes_open_pledges(app, client, world, project_id, need_id):
    pledge_id = add_pledge(app, need_id, world.pledger, Decimal(1000))
    advance_project(app, world, project_id, Stage.COMPLETED)
    pledge = client.get(f"/api/v1/pledges/{pledge_id}", headers=bearer(app, world.pledger)).get_json()
    assert pledge["status"] == "closed" and pledge["moves"] == []
    assert_error(set_status(client, pledge_id, bearer(app, world.pledger), "withdrawn"), 409, "invalid_status")
