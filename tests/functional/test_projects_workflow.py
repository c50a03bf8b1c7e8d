"""Moving initiatives through their stages from the project page."""

import pytest

from app.core.extensions import db
from app.gate import workflow
from app.gate.models import Phase
from app.projects.models import Project, Stage
from app.projects.web.labels import move_label
from tests.support.projects import GOOD_TEXT, advance, fill, load
from tests.support.queries import page_queries
from tests.support.web import client_for, fetch, make_project, meet_gate, post, text


def move(client, project_id: int, to: str, note: str = "", version: int | None = None, app=None):
    version = version if version is not None else fetch(app, project_id).version
    return post(
        client, f"/projects/{project_id}/transition", {"to": to, "version": str(version), "note": note}
    )


def save_design(client, project_id: int, answers: dict, **extra):
    return post(client, f"/projects/{project_id}/assessment/design", {**answers, **extra})


def test_a_partner_sees_what_is_missing_fills_the_assessment_and_submits(app, world, login_as):
    project_id = make_project(app, world)
    client = client_for(app, login_as, world, "owner")

    page = text(client.get(f"/projects/{project_id}"))
    assert "What the next stage needs" in page and "Submit for review" in page
    assert "Design assessment: 0 of 7 required answers" in page
    assert "The design assessment has not been started." in page

    refused = move(client, project_id, "submitted", note="Ready, we think.", app=app)
    assert refused.status_code == 409
    assert "The requirements to move on are not met" in text(refused)
    assert "The design assessment has not been started." in text(refused)
    assert "Ready, we think.</textarea>" in refused.get_data(as_text=True)  # the note is kept

    saved = save_design(client, project_id, {"gender_analysis": GOOD_TEXT, "targeting": "Too short."})
    assert saved.status_code == 302
    page = text(client.get(f"/projects/{project_id}"))
    assert "Design assessment: 1 of 7 required answers" in page
    assert "missing an answer to 'Data by sex and age'" in page
    assert "The answer to 'Who the initiative is for' in the design assessment is too short" in page

    refused = move(client, project_id, "submitted", app=app)
    assert refused.status_code == 409
    assert "missing an answer to 'Child participation'" in text(refused)
    assert fetch(app, project_id).stage == Stage.DRAFT

    answers = {
        key: GOOD_TEXT
        for key in (
            "targeting",
            "disaggregated_data",
            "tailored_activities",
            "protection_do_no_harm",
            "child_participation",
            "feedback_complaints",
        )
    }
    saved = save_design(
        client,
        project_id,
        {
            "gender_analysis": GOOD_TEXT,
            **answers,
            "ge_code": "GE-2",
            "justification": "Girls' safety is the main objective.",
        },
    )
    assert saved.status_code == 302
    page = text(client.get(f"/projects/{project_id}"))
    assert "Design assessment: 7 of 7 required answers" in page
    assert "The requirements for this step are met." in page

    done = move(client, project_id, "submitted", app=app)
    assert done.status_code == 302
    assert fetch(app, project_id).stage == Stage.SUBMITTED
    page = text(client.get(f"/projects/{project_id}"))
    assert "The initiative is now at the stage 'Submitted for review'." in page
    assert "Draft → Submitted for review · Awa Owner" in page


@pytest.mark.parametrize("role", ["community", "far_reviewer", "outsider_partner", "owner"])
def test_people_who_may_not_decide_get_403(app, world, login_as, role):
    project_id = make_project(app, world, Stage.SUBMITTED)
    meet_gate(app, project_id, world)
    client = client_for(app, login_as, world, role)
    assert "Accept for incubation" not in text(client.get(f"/projects/{project_id}"))
    assert move(client, project_id, "incubating", app=app).status_code == 403
    assert move(client, project_id, "changes_requested", note="Why not.", app=app).status_code == 403
    assert fetch(app, project_id).stage == Stage.SUBMITTED


def test_a_decision_on_an_old_version_is_refused_as_changed_meanwhile(app, world, login_as):
    project_id = make_project(app, world, Stage.SUBMITTED)
    meet_gate(app, project_id, world)
    seen = fetch(app, project_id).version
    with app.app_context():  # another reviewer decides first
        workflow.transition(
            db.session.get(Project, project_id),
            Stage.CHANGES_REQUESTED,
            load(world.admin.id),
            note="Please add the budget.",
        )
        db.session.commit()

    response = move(client_for(app, login_as, world, "reviewer"), project_id, "incubating", version=seen)
    assert response.status_code == 409
    assert "changed meanwhile" in text(response) and "Reload" in text(response)
    project = fetch(app, project_id)
    assert project.stage == Stage.CHANGES_REQUESTED


def test_a_move_that_does_not_exist_is_400_with_its_reason(app, world, login_as):
    project_id = make_project(app, world)
    client = client_for(app, login_as, world, "owner")
    response = move(client, project_id, "completed", app=app)
    assert response.status_code == 400
    assert "A project cannot move from 'Draft' to 'Completed'." in text(response)
    assert move(client, project_id, "nowhere", app=app).status_code == 400
    assert (
        post(client, f"/projects/{project_id}/transition", {"to": "submitted"}).status_code == 400
    )  # no version


def test_a_required_note_is_asked_for_and_listed_when_missing(app, world, login_as):
    project_id = make_project(app, world, Stage.SUBMITTED)
    client = client_for(app, login_as, world, "reviewer")
    page = client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert 'name="note" rows="3" aria-describedby="note-changes_requested-hint" required' in page
    response = move(client, project_id, "changes_requested", note="   ", app=app)
    assert response.status_code == 409
    assert "A note explaining this decision is required." in text(response)
    assert fetch(app, project_id).stage == Stage.SUBMITTED


def test_the_checklist_shows_a_reviewers_gate_before_the_decision(app, world, login_as):
    project_id = make_project(app, world, Stage.SUBMITTED)
    page = text(client_for(app, login_as, world, "reviewer").get(f"/projects/{project_id}"))
    assert "Accept for incubation" in page and "Request changes" in page and "Do not select" in page
    assert "The design assessment has not been reviewed yet." in page
    assert "Design assessment: 7 of 7 required answers" in page


# Every move of the table, from each of its source stages: by a role allowed to make it (which
# succeeds once the gate is met), and by a role that may see the project but not make the move.
ALLOWED = {workflow.PARTNER: "owner", workflow.REVIEWER: "reviewer", workflow.ADMIN: "admin"}
REFUSED = {workflow.PARTNER: "admin", workflow.REVIEWER: "owner", workflow.ADMIN: "reviewer"}
MOVES = [
    pytest.param(source, move.target, move.actor, id=f"{source}->{move.target}")
    for move in workflow.TRANSITIONS
    for source in sorted(move.sources)
]


def stage_name(stage: Stage) -> str:
    return str(workflow.STAGE_NAMES[stage])


@pytest.mark.parametrize(("source", "target", "actor"), MOVES)
def test_every_move_through_the_web(app, world, login_as, source, target, actor):
    project_id = make_project(app, world, source)
    meet_gate(app, project_id, world)
    before = fetch(app, project_id)
    assert before.stage == source

    refused = move(
        client_for(app, login_as, world, REFUSED[actor]), project_id, target, note="A note.", app=app
    )
    assert refused.status_code == 403
    assert fetch(app, project_id).stage == source

    client = client_for(app, login_as, world, ALLOWED[actor])
    page = text(client.get(f"/projects/{project_id}"))
    assert f"{move_label(source, target)} → {stage_name(target)}" in page  # the move's heading and button
    response = move(client, project_id, target, note="A note for the record.", app=app)
    assert response.status_code == 302, text(response)
    after = fetch(app, project_id)
    assert after.stage == target and after.version > before.version
    timeline = text(client.get(f"/projects/{project_id}"))
    assert f"{stage_name(source)} → {stage_name(target)}" in timeline
    assert "A note for the record." in timeline


def test_the_project_page_loads_in_a_fixed_number_of_queries(app, world, login_as):
    short = make_project(app, world, Stage.INCUBATING)
    long = make_project(app, world, Stage.CHANGES_REQUESTED)
    with app.app_context():  # a second round: more events, by more people
        project = db.session.get(Project, long)
        owner, member, reviewer = load(world.owner.id), load(world.member.id), load(world.reviewer.id)
        fill(project, Phase.DESIGN, member)
        workflow.transition(project, Stage.SUBMITTED, member)
        advance(project, Stage.INCUBATING, owner, reviewer)
        db.session.commit()
    assert len(fetch_events(app, long)) > len(fetch_events(app, short))
    client = client_for(app, login_as, world, "owner")
    assert page_queries(app, client, f"/projects/{long}") == page_queries(app, client, f"/projects/{short}")


def fetch_events(app, project_id: int) -> list:
    with app.app_context():
        return list(db.session.get(Project, project_id).events)
