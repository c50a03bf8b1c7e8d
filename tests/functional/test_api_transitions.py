"""JSON API: the whole transition table of DESIGN.md, and the audit trail."""

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.models import Assessment, Phase
from app.gate.unmet import RULE_KEYS
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import advance, fill, load, new_project, review

ROLES = (
    "owner",
    "member",
    "outsider_partner",
    "community",
    "reviewer",
    "far_reviewer",
    "conflicted",
    "admin",
)
ALLOWED = {  # who may make each kind of move; `conflicted` is a reviewer who belongs to the organisation
    workflow.PARTNER: {"owner", "member", "conflicted"},
    workflow.REVIEWER: {"reviewer", "admin"},
    workflow.ADMIN: {"admin"},
}
PRIVATE = {"owner", "member", "conflicted", "admin"}
VIEWERS = {  # who may see a project in a non-public stage (everyone sees the others)
    Stage.DRAFT: PRIVATE,
    Stage.REJECTED: PRIVATE | {"reviewer", "far_reviewer"},
    Stage.WITHDRAWN: PRIVATE | {"reviewer", "far_reviewer"},
}
REVIEWED_PHASE = {
    Stage.SUBMITTED: Phase.DESIGN,
    Stage.LAUNCH_REVIEW: Phase.IMPLEMENTATION,
    Stage.COMPLETION_REVIEW: Phase.RESULTS,
}
FILLED_PHASE = {
    Stage.DRAFT: Phase.DESIGN,
    Stage.CHANGES_REQUESTED: Phase.DESIGN,
    Stage.INCUBATING: Phase.IMPLEMENTATION,
    Stage.ACTIVE: Phase.RESULTS,
}
MOVES = [(source, move.target) for move in workflow.TRANSITIONS for source in sorted(move.sources)]


def prepared(app, world, source: Stage, gate_met: bool) -> tuple[int, int]:
    """A project standing in `source`, with the gate of the moves out of it met or not; (id, version)."""
    with app.app_context():
        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        project = advance(new_project(world.org.id, world.owner.id), source, owner, reviewer)
        if gate_met and source in REVIEWED_PHASE:
            review(project, REVIEWED_PHASE[source], reviewer)
        elif gate_met and source in FILLED_PHASE:
            fill(project, FILLED_PHASE[source], owner)
        elif source == Stage.CHANGES_REQUESTED:  # the submitted version is complete: spoil a new one
            assessments.save_assessment(
                project, Phase.DESIGN, owner, {"gender_analysis": "Too short."}, None, None
            )
        db.session.commit()
        return project.id, project.version


def move(client, app, user, project_id: int, body: dict):
    headers = bearer(app, user) if user else {}
    return client.post(f"/api/v1/projects/{project_id}/transitions", json=body, headers=headers)


def stage_and_events(app, project_id: int) -> tuple[Stage, int]:
    with app.app_context():
        stage = db.session.get(Project, project_id).stage
        return stage, db.session.scalar(select(func.count()).where(ProjectEvent.project_id == project_id))


@pytest.mark.parametrize(("source", "target", "role"), [(s, t, r) for s, t in MOVES for r in ROLES])
def test_each_move_is_open_to_its_role_only(app, client, world, source, target, role):
    project_id, version = prepared(app, world, source, gate_met=True)
    _stage, events_before = stage_and_events(app, project_id)
    user = getattr(world, role)
    response = move(
        client, app, user, project_id, {"to": target.value, "note": "A note.", "version": version}
    )
    if role in ALLOWED[workflow.find_move(source, target).actor]:
        assert response.status_code == 201, response.get_json()
        body = response.get_json()
        assert (body["stage"], body["version"]) == (target.value, version + 1)
        event = body["event"]
        assert (event["from"], event["to"], event["actor"]["id"], event["note"]) == (
            source.value,
            target.value,
            user.id,
            "A note.",
        )
        assert stage_and_events(app, project_id) == (target, events_before + 1)
        return
    if role in VIEWERS.get(source, ROLES):
        assert_error(response, 403, "forbidden")
    else:
        assert_error(response, 404, "not_found")  # a project you may not see is never a 403
    assert stage_and_events(app, project_id) == (source, events_before)


@pytest.mark.parametrize(("source", "target"), MOVES)
def test_a_move_whose_gate_is_not_met_lists_the_unmet_rules(app, client, world, source, target):
    project_id, version = prepared(app, world, source, gate_met=False)
    rule = workflow.find_move(source, target)
    with app.app_context():
        expected = [{"rule": r.key, "message": str(r), **({"field": r.field} if r.field else {})}
                    for r in workflow.unmet_rules(db.session.get(Project, project_id), rule, "")]
    assert expected
    actor = {workflow.PARTNER: world.owner, workflow.REVIEWER: world.reviewer, workflow.ADMIN: world.admin}[
        rule.actor
    ]
    _stage, events_before = stage_and_events(app, project_id)
    response = move(client, app, actor, project_id, {"to": target.value, "version": version})
    error = assert_error(response, 409, "gate_blocked")
    assert error["details"] == expected
    assert all(detail["rule"] in RULE_KEYS for detail in expected)
    assert stage_and_events(app, project_id) == (source, events_before)


def test_each_rule_has_a_stable_key_a_sentence_and_its_field(app, client, world):
    draft, _v = prepared(app, world, Stage.DRAFT, gate_met=False)
    error = assert_error(move(client, app, world.owner, draft, {"to": "submitted"}), 409, "gate_blocked")
    assert error["details"] == [{"rule": "assessment_not_started",
                                 "message": "The design assessment has not been started."}]
    submitted, _v = prepared(app, world, Stage.SUBMITTED, gate_met=False)
    error = assert_error(move(client, app, world.admin, submitted, {"to": "incubating"}), 409, "gate_blocked")
    assert error["details"] == [{"rule": "assessment_not_reviewed",
                                 "message": "The design assessment has not been reviewed yet."}]
    error = assert_error(
        move(client, app, world.reviewer, submitted, {"to": "rejected"}), 409, "gate_blocked"
    )
    assert error["details"] == [{"rule": "note_required", "field": "note",
                                 "message": "A note explaining this decision is required."}]
    with app.app_context():
        assert db.session.get(Project, submitted).stage == Stage.SUBMITTED
        assert db.session.scalars(select(Assessment)).first().review is None


@pytest.mark.parametrize("source", list(Stage))
def test_a_move_outside_the_table_is_422(app, client, world, source):
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        advance(project, source, load(world.owner.id), load(world.reviewer.id))
        db.session.commit()
        project_id = project.id
    _stage, events_before = stage_and_events(app, project_id)
    for target in Stage:
        if workflow.find_move(source, target) is None:
            response = move(client, app, world.admin, project_id, {"to": target.value, "note": "Please."})
            assert_error(response, 422, "invalid_transition")
    assert_error(move(client, app, world.admin, project_id, {"to": "flying"}), 422, "invalid_transition")
    assert stage_and_events(app, project_id) == (source, events_before)


def test_a_stale_version_is_409_and_nothing_is_written(app, client, world):
    project_id, version = prepared(app, world, Stage.DRAFT, gate_met=True)
    edit = client.patch(
        f"/api/v1/projects/{project_id}",
        json={"version": version, "title": "Renamed"},
        headers=bearer(app, world.member),
    )
    assert edit.status_code == 200
    response = move(client, app, world.owner, project_id, {"to": "submitted", "version": version})
    assert_error(response, 409, "conflict")
    assert stage_and_events(app, project_id) == (Stage.DRAFT, 1)
    with app.app_context():
        assert db.session.scalars(select(Assessment)).one().submitted_at is None


def test_the_body_is_checked(app, client, world):
    project_id, _version = prepared(app, world, Stage.DRAFT, gate_met=True)
    error = assert_error(move(client, app, world.owner, project_id, {"note": "No target"}), 422, "invalid")
    assert [d["field"] for d in error["details"]] == ["to"]
    error = assert_error(
        move(client, app, world.owner, project_id, {"to": "submitted", "version": "1"}), 422, "invalid"
    )
    assert [d["field"] for d in error["details"]] == ["version"]
    url = f"/api/v1/projects/{project_id}/transitions"
    response = client.post(url, data="submitted", headers=bearer(app, world.owner))
    assert_error(response, 400, "bad_request")


WRITES = [
    ("post", "/api/v1/projects"),
    ("patch", "/api/v1/projects/{id}"),
    ("put", "/api/v1/projects/{id}/assessments/design"),
    ("post", "/api/v1/projects/{id}/assessments/design/review"),
    ("post", "/api/v1/projects/{id}/transitions"),
]


@pytest.mark.parametrize(("method", "path"), WRITES)
def test_every_write_needs_a_token(app, client, world, method, path):
    project_id = project_at(app, world, Stage.INCUBATING)  # public: only the token is missing
    url = path.format(id=project_id)
    body = {"to": "withdrawn", "note": "x", "version": 1}
    assert_error(getattr(client, method)(url, json=body), 401, "unauthorized")
    revoked = {"Authorization": "Bearer sl_revoked-or-never-issued"}
    assert_error(getattr(client, method)(url, json=body, headers=revoked), 401, "unauthorized")
    assert stage_and_events(app, project_id)[0] == Stage.INCUBATING


# The audit trail --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def reconsidered(app, world) -> int:
    """A project sent back for changes, then submitted again and incubating."""
    with app.app_context():
        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        project = advance(new_project(world.org.id, world.owner.id), Stage.CHANGES_REQUESTED, owner, reviewer)
        fill(project, Phase.DESIGN, owner)
        workflow.transition(project, Stage.SUBMITTED, owner)
        review(project, Phase.DESIGN, reviewer)
        workflow.transition(project, Stage.INCUBATING, reviewer, note="Ready to grow.")
        db.session.commit()
        return project.id


@pytest.mark.parametrize("role", ("owner", "conflicted", "reviewer", "admin"))
def test_the_private_side_reads_the_notes(app, client, world, reconsidered, role):
    response = client.get(
        f"/api/v1/projects/{reconsidered}/events", headers=bearer(app, getattr(world, role))
    )
    items = response.get_json()["items"]
    assert [(e["from"], e["to"]) for e in items] == [
        (None, "draft"),
        ("draft", "submitted"),
        ("submitted", "changes_requested"),
        ("changes_requested", "submitted"),
        ("submitted", "incubating"),
    ]
    assert [e["note"] for e in items] == ["", "", "Please add budget details.", "", "Ready to grow."]
    assert [e["assessment_version"] for e in items] == [None, 1, 1, 2, 2]
    assert items[2]["actor"] == {"id": world.reviewer.id, "name": "Rita Reviewer"}
    assert all(e["created_at"].endswith("Z") for e in items)


@pytest.mark.parametrize("role", (None, "community", "outsider_partner", "far_reviewer"))
def test_everyone_else_reads_the_trail_without_notes(app, client, world, reconsidered, role):
    headers = bearer(app, getattr(world, role)) if role else {}
    items = client.get(f"/api/v1/projects/{reconsidered}/events", headers=headers).get_json()["items"]
    assert len(items) == 5
    assert all(e["note"] is None for e in items)
    assert items[2]["actor"] == {"name": "Rita Reviewer"}
