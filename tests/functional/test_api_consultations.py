"""JSON API: consultations with children on a project and the answer back (DESIGN.md's rows), their
refusals in the contract's shape, and the completion review refused as `gate_blocked` with the rule
`consultation_without_answer_back` until every answer back is recorded."""

from datetime import date, timedelta

import pytest

from app.core.extensions import db
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import fill, load
from tests.support.voice import ANSWER, SUMMARY


def body(**changes) -> dict:
    values = {"held_on": (date.today() - timedelta(days=4)).isoformat(), "setting": "youth_club",
              "method": "survey", "participants": {"girls_12_17": 21, "boys_12_17": 17},
              "consent_confirmed": True, "summary": SUMMARY}
    values.update(changes)
    return values


def create(client, app, person, project_id, payload=None):
    return client.post(f"/api/v1/projects/{project_id}/consultations", json=payload or body(),
                       headers=bearer(app, person))


def test_a_partner_records_a_consultation_and_anyone_reads_it(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    made = create(client, app, world.member, project_id)
    assert made.status_code == 201, made.get_json()
    consultation = made.get_json()
    assert made.headers["Location"] == f"/api/v1/consultations/{consultation['id']}"
    assert consultation["participants"] == {"girls_0_5": 0, "girls_6_11": 0, "girls_12_17": 21,
                                            "boys_0_5": 0, "boys_6_11": 0, "boys_12_17": 17}
    assert consultation["participants_total"] == 38 and consultation["answer_back"] is None
    assert consultation["organisation"]["slug"] == world.org.slug
    assert "recorded_by" not in consultation and "Moussa" not in str(consultation)
    listed = client.get(f"/api/v1/projects/{project_id}/consultations").get_json()
    assert [c["id"] for c in listed["items"]] == [consultation["id"]]
    assert client.get(f"/api/v1/consultations/{consultation['id']}").get_json() == consultation


@pytest.mark.parametrize(("changes", "field"), [
    ({"consent_confirmed": False}, "consent_confirmed"),
    ({"participants": {"girls_12_17": -1}}, "girls_12_17"),
    ({"participants": {"boys_0_5": 50_000}}, "boys_0_5"),
    ({"participants": {}}, "participants"),
    ({"held_on": (date.today() + timedelta(days=1)).isoformat()}, "held_on"),
    ({"setting": "Rue 10, Dakar"}, "setting"),
    ({"summary": "Camila tiene 12 años y vive cerca del río."}, "summary"),
])
def test_bad_consultations_are_refused_field_by_field(app, client, world, changes, field):
    project_id = project_at(app, world, Stage.INCUBATING)
    error = assert_error(create(client, app, world.owner, project_id, body(**changes)), 422, "invalid")
    assert field in [detail["field"] for detail in error["details"]]
    assert client.get(f"/api/v1/projects/{project_id}/consultations").get_json()["items"] == []


def test_the_shape_is_checked_before_the_meaning(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    error = assert_error(create(client, app, world.owner, project_id, body(consent_confirmed="yes")), 422, "invalid")
    assert error["details"][0]["field"] == "consent_confirmed"
    error = assert_error(create(client, app, world.owner, project_id, body(participants={"adults": 3})),
                         422, "invalid")
    assert "adults" in error["details"][0]["field"]


@pytest.mark.parametrize("role", ["community", "outsider_partner", "reviewer", "admin"])
def test_others_may_not_record_or_answer(app, client, world, role):
    project_id = project_at(app, world, Stage.ACTIVE)
    consultation_id = create(client, app, world.owner, project_id).get_json()["id"]
    person = getattr(world, role)
    assert_error(create(client, app, person, project_id), 403, "forbidden")
    answered = client.patch(f"/api/v1/consultations/{consultation_id}", json={"answer_back": ANSWER},
                            headers=bearer(app, person))
    assert_error(answered, 403, "forbidden")


def test_writes_need_a_token_and_a_stage_that_takes_consultations(app, client, world):
    project_id = project_at(app, world, Stage.ACTIVE)
    assert_error(client.post(f"/api/v1/projects/{project_id}/consultations", json=body()), 401, "unauthorized")
    closed = project_at(app, world, Stage.COMPLETION_REVIEW)
    assert_error(create(client, app, world.owner, closed), 409, "consultations_closed")
    draft = project_at(app, world, Stage.DRAFT)
    assert_error(create(client, app, world.community, draft), 404, "not_found")
    assert_error(client.get("/api/v1/consultations/999999"), 404, "not_found")


def test_the_completion_review_waits_for_the_answer_back(app, client, world):
    project_id = project_at(app, world, Stage.ACTIVE)
    consultation_id = create(client, app, world.owner, project_id).get_json()["id"]
    with app.app_context():
        fill(db.session.get(Project, project_id), Phase.RESULTS, load(world.owner.id))
        db.session.commit()
    headers = bearer(app, world.owner)
    refused = client.post(f"/api/v1/projects/{project_id}/transitions", json={"to": "completion_review"},
                          headers=headers)
    error = assert_error(refused, 409, "gate_blocked")
    assert [d["rule"] for d in error["details"]] == ["consultation_without_answer_back"]
    bad = client.patch(f"/api/v1/consultations/{consultation_id}", json={"answer_back": "  "}, headers=headers)
    assert_error(bad, 422, "invalid")
    answered = client.patch(f"/api/v1/consultations/{consultation_id}",
                            json={"answer_back": ANSWER, "answered_on": date.today().isoformat()}, headers=headers)
    assert answered.status_code == 200 and answered.get_json()["answer_back"] == ANSWER
    assert answered.get_json()["answered_on"] == date.today().isoformat()
    moved = client.post(f"/api/v1/projects/{project_id}/transitions", json={"to": "completion_review"},
                        headers=headers)
    assert moved.status_code == 201, moved.get_json()
    assert moved.get_json()["stage"] == "completion_review"
