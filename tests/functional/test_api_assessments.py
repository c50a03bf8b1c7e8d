"""JSON API: filling in, reading and reviewing the gender-equality assessment."""

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.gate.models import Assessment, AssessmentReview, Phase
from app.projects.models import Stage
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import GOOD_TEXT, full_answers

JUSTIFICATION = "Girls' safety shapes every activity of this initiative."


def put(client, app, user, project_id: int, body: dict, phase: str = "design"):
    return client.put(
        f"/api/v1/projects/{project_id}/assessments/{phase}", json=body, headers=bearer(app, user)
    )


def review(client, app, user, project_id: int, body: dict, phase: str = "design"):
    url = f"/api/v1/projects/{project_id}/assessments/{phase}/review"
    return client.post(url, json=body, headers=bearer(app, user))


def versions(app, project_id: int) -> list[Assessment]:
    with app.app_context():
        found = db.session.scalars(
            select(Assessment)
            .where(Assessment.project_id == project_id)
            .order_by(Assessment.phase, Assessment.version)
        ).all()
        for assessment in found:
            db.session.expunge(assessment)
        return found


SATISFACTORY = {"verdict": "satisfactory", "ge_code": "GE-2", "comment": "Clear analysis and a safe plan."}


def test_a_partial_save_then_a_complete_one_opens_the_gate(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    partial = put(client, app, world.owner, project_id, {"answers": {"gender_analysis": GOOD_TEXT}})
    assert partial.status_code == 200, partial.get_json()
    saved = partial.get_json()
    assert (saved["phase"], saved["version"], saved["answers"]) == (
        "design",
        1,
        {"gender_analysis": GOOD_TEXT},
    )
    assert saved["completeness"]["answered"] == 1 and saved["completeness"]["required"] == 7
    assert (
        "The design assessment is missing an answer to 'Child participation'."
        in saved["completeness"]["problems"]
    )

    blocked = client.post(
        f"/api/v1/projects/{project_id}/transitions",
        json={"to": "submitted"},
        headers=bearer(app, world.owner),
    )
    details = assert_error(blocked, 409, "gate_blocked")["details"]
    assert [d["message"] for d in details] == saved["completeness"]["problems"]
    missing = {d["field"] for d in details if d["rule"] == "answer_missing"}  # the question keys
    assert "child_participation" in missing and "gender_analysis" not in missing  # the one answered

    rest = {k: v for k, v in full_answers(Phase.DESIGN).items() if k != "gender_analysis"}
    body = {"answers": rest, "ge_code": "GE-2", "justification": JUSTIFICATION}
    complete = put(client, app, world.member, project_id, body).get_json()
    assert complete["version"] == 1
    assert complete["answers"] == full_answers(Phase.DESIGN)  # the first answer was kept
    assert complete["completeness"] == {"answered": 7, "required": 7, "problems": []}
    moved = client.post(
        f"/api/v1/projects/{project_id}/transitions",
        json={"to": "submitted"},
        headers=bearer(app, world.owner),
    )
    assert moved.status_code == 201


def test_a_key_sent_empty_clears_its_answer_and_null_clears_the_code(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    body = {
        "answers": {"targeting": GOOD_TEXT, "coordination": GOOD_TEXT},
        "ge_code": "GE-1",
        "justification": JUSTIFICATION,
    }
    put(client, app, world.owner, project_id, body)
    saved = put(
        client, app, world.owner, project_id, {"answers": {"coordination": ""}, "ge_code": None}
    ).get_json()
    assert saved["answers"] == {"targeting": GOOD_TEXT}
    assert saved["ge_code"] is None and saved["justification"] == JUSTIFICATION


def test_a_version_under_review_is_locked(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    response = put(client, app, world.owner, project_id, {"answers": {"targeting": GOOD_TEXT}})
    assert_error(response, 409, "locked")
    assert [v.version for v in versions(app, project_id)] == [1]


def test_a_reviewed_version_is_frozen_and_editing_makes_a_new_one(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    needs_work = {"verdict": "needs_work", "ge_code": "GE-1", "comment": "Say how girls were consulted."}
    reviewed = review(client, app, world.reviewer, project_id, needs_work)
    assert reviewed.status_code == 201, reviewed.get_json()
    assert reviewed.get_json()["reviewer"] == {"name": "Rita Reviewer"}
    moved = client.post(
        f"/api/v1/projects/{project_id}/transitions",
        json={"to": "changes_requested", "note": "See the review."},
        headers=bearer(app, world.reviewer),
    )
    assert moved.status_code == 201

    edited = put(
        client,
        app,
        world.owner,
        project_id,
        {"answers": {"child_participation": "Girls chose the topics. " * 3}},
    )
    assert edited.status_code == 200 and edited.get_json()["version"] == 2
    assert edited.get_json()["review"] is None
    first, second = versions(app, project_id)
    assert first.answers == full_answers(Phase.DESIGN)  # untouched
    assert second.answers["child_participation"].startswith("Girls chose the topics.")

    listed = client.get(
        f"/api/v1/projects/{project_id}/assessments", headers=bearer(app, world.owner)
    ).get_json()
    assert [(a["version"], a["frozen"]) for a in listed["items"]] == [(1, True), (2, False)]
    assert listed["items"][0]["review"]["verdict"] == "needs_work"


def test_wrong_answers_are_422_with_one_entry_per_key(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    body = {"answers": {"feelings": "fine", "indicators": 12, "gender_budget_share": "140"}}
    error = assert_error(put(client, app, world.owner, project_id, body, "implementation"), 422, "invalid")
    assert {d["field"] for d in error["details"]} == {"feelings", "indicators", "gender_budget_share"}
    error = assert_error(
        put(client, app, world.owner, project_id, {"ge_code": "GE-7"}, "implementation"), 422, "invalid"
    )
    assert [d["field"] for d in error["details"]] == ["ge_code"]
    error = assert_error(
        put(client, app, world.owner, project_id, {"answers": ["x"]}, "implementation"), 422, "invalid"
    )
    assert [d["field"] for d in error["details"]] == ["answers"]
    assert [v.phase for v in versions(app, project_id)] == [Phase.DESIGN]  # nothing written


def test_the_phase_must_be_known_and_open(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    body = {"answers": {"benefits": GOOD_TEXT}}
    assert_error(put(client, app, world.owner, project_id, body, "feelings"), 404, "not_found")
    assert_error(review(client, app, world.admin, project_id, SATISFACTORY, "feelings"), 404, "not_found")
    assert_error(put(client, app, world.owner, project_id, body, "results"), 409, "locked")


@pytest.mark.parametrize("role", ("community", "outsider_partner", "reviewer", "admin"))
def test_only_the_organisations_partners_fill_it_in(app, client, world, role):
    project_id = project_at(app, world, Stage.INCUBATING)
    response = put(
        client,
        app,
        getattr(world, role),
        project_id,
        {"answers": {"indicators": GOOD_TEXT}},
        "implementation",
    )
    assert_error(response, 403, "forbidden")
    assert [v.phase for v in versions(app, project_id)] == [Phase.DESIGN]


@pytest.mark.parametrize("role", ("conflicted", "far_reviewer", "owner", "community"))
def test_a_review_by_someone_who_may_not_review_is_403(app, client, world, role):
    """`conflicted` is a reviewer of the right region who belongs to the organisation."""
    project_id = project_at(app, world, Stage.SUBMITTED)
    assert_error(review(client, app, getattr(world, role), project_id, SATISFACTORY), 403, "forbidden")
    with app.app_context():
        assert db.session.scalars(select(AssessmentReview)).all() == []


def test_a_review_by_the_regions_reviewer_is_recorded(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    response = review(client, app, world.reviewer, project_id, SATISFACTORY)
    assert response.status_code == 201
    body = response.get_json()
    assert (body["phase"], body["version"], body["verdict"], body["ge_code"]) == (
        "design",
        1,
        "satisfactory",
        "GE-2",
    )
    assert body["created_at"].endswith("Z")
    again = review(client, app, world.admin, project_id, SATISFACTORY)
    assert_error(again, 409, "locked")  # the version is reviewed: nothing is waiting any more


def test_a_review_with_wrong_values_is_422(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    body = {"verdict": "great", "ge_code": "GE-5", "comment": "  "}
    error = assert_error(review(client, app, world.reviewer, project_id, body), 422, "invalid")
    assert {d["field"] for d in error["details"]} == {"verdict", "ge_code", "comment"}
    error = assert_error(
        review(client, app, world.reviewer, project_id, {"verdict": "satisfactory"}), 422, "invalid"
    )
    assert {d["field"] for d in error["details"]} == {"ge_code", "comment"}


def test_a_review_may_comment_on_single_questions(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    body = {**SATISFACTORY, "question_comments": {"targeting": "  Name the schools. ", "transparency": ""}}
    response = review(client, app, world.reviewer, project_id, body)
    assert response.status_code == 201
    assert response.get_json()["question_comments"] == {"targeting": "Name the schools."}
    listed = client.get(f"/api/v1/projects/{project_id}/assessments", headers=bearer(app, world.owner)).get_json()
    assert listed["items"][0]["review"]["question_comments"] == {"targeting": "Name the schools."}


def test_a_comment_on_an_unknown_question_is_422(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    body = {**SATISFACTORY, "question_comments": {"budget": "No such question."}}
    error = assert_error(review(client, app, world.reviewer, project_id, body), 422, "invalid")
    assert {d["field"] for d in error["details"]} == {"comment_on_budget"}


def test_nothing_waits_for_review_outside_the_review_stage(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    assert_error(review(client, app, world.reviewer, project_id, SATISFACTORY), 409, "locked")
    assert_error(
        review(client, app, world.reviewer, project_id, SATISFACTORY, "implementation"), 409, "locked"
    )


# Who reads the assessments ----------------------------------------------------------------------


@pytest.mark.parametrize("role", ("owner", "member", "conflicted", "reviewer", "admin"))
def test_the_private_side_reads_every_version(app, client, world, role):
    project_id = project_at(app, world, Stage.INCUBATING)
    response = client.get(
        f"/api/v1/projects/{project_id}/assessments", headers=bearer(app, getattr(world, role))
    )
    assert response.status_code == 200
    (design,) = response.get_json()["items"]
    assert (design["phase"], design["version"], design["ge_code"]) == ("design", 1, "GE-2")
    assert design["answers"] == full_answers(Phase.DESIGN)
    assert design["submitted_at"].endswith("Z") and design["frozen"] and not design["under_review"]
    assert design["review"]["verdict"] == "satisfactory"
    assert design["review"]["reviewer"] == {"name": "Rita Reviewer"}
    assert design["completeness"] == {"answered": 7, "required": 7, "problems": []}


@pytest.mark.parametrize("role", (None, "community", "outsider_partner", "far_reviewer"))
def test_everyone_else_gets_404_even_on_a_public_project(app, client, world, role):
    project_id = project_at(app, world, Stage.INCUBATING)
    headers = bearer(app, getattr(world, role)) if role else {}
    assert client.get(f"/api/v1/projects/{project_id}", headers=headers).status_code == 200
    assert_error(client.get(f"/api/v1/projects/{project_id}/assessments", headers=headers), 404, "not_found")
