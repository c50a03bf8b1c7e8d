"""Validating assessments and deciding on projects through the review page."""

import re

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.gate import settings, workflow
from app.gate.models import AssessmentReview
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.projects import load
from tests.support.review import (
    decide,
    event_count,
    hidden_value,
    project_in,
    review_page,
    stage_of,
    validate,
)


def submitted(app, world) -> int:
    return project_in(app, Stage.SUBMITTED, world.org, world.owner, world.reviewer)


def events_of(app, project_id: int) -> list[ProjectEvent]:
    with app.app_context():
        query = select(ProjectEvent).where(ProjectEvent.project_id == project_id).order_by(ProjectEvent.id)
        events = db.session.scalars(query).all()
        db.session.expunge_all()
        return events


def test_a_reviewer_validates_then_moves_the_project_to_incubating(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    response = validate(client, project_id, verdict="satisfactory", ge_code="GE-2", comment="Complete.")
    assert response.status_code == 302
    html = review_page(client, project_id)
    assert "Your review of the assessment was recorded." in html
    assert "Reviewed: Satisfactory" in html and "Complete." in html
    assert "All requirements to move on are met." in html
    assert "Record the review" not in html and "Correct your review" in html  # nothing else to validate

    response = decide(client, project_id, "incubating", note="Welcome to the incubator.")
    assert response.status_code == 302
    assert stage_of(app, project_id) == Stage.INCUBATING
    last = events_of(app, project_id)[-1]
    assert (last.from_stage, last.to_stage) == (Stage.SUBMITTED, Stage.INCUBATING)
    assert last.actor_id == world.reviewer.id
    assert (last.note, last.assessment_version) == ("Welcome to the incubator.", 1)
    public = app.test_client().get(f"/projects/{project_id}")  # a visitor reads the timeline
    assert public.status_code == 200
    assert "Submitted for review → Incubating" in " ".join(public.get_data(as_text=True).split())


def test_needs_work_then_changes_requested_with_a_note(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    assert validate(client, project_id, verdict="needs_work", ge_code="GE-1",
                    comment="Explain how girls are kept safe.").status_code == 302
    html = review_page(client, project_id)
    assert "The review of the design assessment is &#39;Needs work&#39;, not &#39;Satisfactory&#39;." in html
    response = decide(client, project_id, "changes_requested", note="Please answer the review's questions.")
    assert response.status_code == 302
    assert stage_of(app, project_id) == Stage.CHANGES_REQUESTED
    assert events_of(app, project_id)[-1].note == "Please answer the review's questions."


def test_validation_errors_are_shown_next_to_their_fields_and_the_input_kept(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    response = validate(client, project_id, ge_code="GE-3", comment="")
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert 'id="verdict-error">Choose &#39;Satisfactory&#39; or &#39;Needs work&#39;.' in html
    assert 'id="comment-error">Write a comment for the organisation.' in html
    assert re.search(r'<input checked id="ge_code-3" name="ge_code" type="radio" value="GE-3">', html)
    with app.app_context():
        assert db.session.scalar(select(AssessmentReview)) is None


def test_a_version_is_validated_once(app, client, login_as, world):
    """Once validated, nothing waits for another reviewer (its own reviewer may still correct it:
    test_review_correction.py)."""
    project_id = submitted(app, world)
    login_as(world.reviewer)
    response = validate(client, project_id, verdict="satisfactory", ge_code="GE-2", comment="Good.")
    assert response.status_code == 302
    login_as(world.admin)
    response = validate(client, project_id, verdict="needs_work", ge_code="GE-0", comment="No.")
    assert response.status_code == 409
    assert "There is no design assessment waiting for review." in response.get_data(as_text=True)


@pytest.mark.parametrize("who", ["conflicted", "far_reviewer", "community"])
def test_who_may_not_review_cannot_validate_or_decide(app, client, login_as, world, who):
    project_id = submitted(app, world)
    login_as(getattr(world, who))
    token = hidden_value(client.get("/").get_data(as_text=True), "csrf_token")
    review = {"csrf_token": token, "verdict": "satisfactory", "ge_code": "GE-3", "comment": "Yes"}
    response = client.post(f"/review/projects/{project_id}/assessments/design", data=review)
    assert response.status_code == 403
    response = client.post(f"/review/projects/{project_id}/decide",
                           data={"csrf_token": token, "to": "rejected", "note": "No", "version": "1"})
    assert response.status_code == 403
    assert stage_of(app, project_id) == Stage.SUBMITTED


def refused_under(html: str, target: str) -> str:
    """The refusal shown under one decision of the panel (empty when there is none)."""
    start = html.index(f'id="decision-{target}"')
    ends = [i for i in (html.find('<li class="decision', start), html.find("<textarea", start)) if i != -1]
    refusal = re.search(r'<div class="form-errors" role="alert">(.*?)</div>', html[start:min(ends)], re.S)
    return refusal.group(1) if refusal else ""


def test_a_decision_without_its_required_note_is_refused_and_the_form_kept(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    events = event_count(app, project_id)
    response = decide(client, project_id, "rejected", note="   ")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "A note explaining this decision is required." in refused_under(html, "rejected")
    response = decide(client, project_id, "incubating", note="A promising initiative.")
    assert response.status_code == 409
    html = response.get_data(as_text=True)
    assert "The design assessment has not been reviewed yet." in refused_under(html, "incubating")
    assert re.search(r'<textarea[^>]*id="note"[^>]*>\s*A promising initiative.</textarea>', html)
    assert stage_of(app, project_id) == Stage.SUBMITTED and event_count(app, project_id) == events


def test_a_decision_on_a_stale_version_is_refused_and_writes_nothing(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    seen = hidden_value(review_page(client, project_id), "version")
    with app.app_context():  # another reviewer decides first
        project = db.session.get(Project, project_id)
        workflow.transition(project, Stage.CHANGES_REQUESTED, load(world.admin.id), note="Budget details.")
        db.session.commit()
    events = event_count(app, project_id)
    response = decide(client, project_id, "rejected", note="Out of scope.", version=seen)
    assert response.status_code == 409
    assert "changed meanwhile" in response.get_data(as_text=True)
    assert stage_of(app, project_id) == Stage.CHANGES_REQUESTED and event_count(app, project_id) == events


def test_a_move_that_does_not_exist_is_a_bad_request(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    assert decide(client, project_id, "completed", note="Done?").status_code == 400
    assert decide(client, project_id, "nowhere").status_code == 400
    assert stage_of(app, project_id) == Stage.SUBMITTED


def test_an_admin_cannot_pass_a_gate(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.admin)
    response = validate(client, project_id, verdict="satisfactory", ge_code="GE-0", comment="Fine by me.")
    assert response.status_code == 302
    response = decide(client, project_id, "incubating")
    assert response.status_code == 409
    assert "(GE-0) is below the minimum for &#39;Incubating&#39; (GE-1)" in response.get_data(as_text=True)
    assert stage_of(app, project_id) == Stage.SUBMITTED


def test_a_raised_minimum_refuses_a_review_below_it(app, client, login_as, world):
    project_id = submitted(app, world)
    with app.app_context():
        settings.set_setting("min_ge_incubating", "GE-3")
        db.session.commit()
    login_as(world.reviewer)
    response = validate(client, project_id, verdict="satisfactory", ge_code="GE-2", comment="Solid.")
    assert response.status_code == 302
    assert "(GE-2) is below the minimum for &#39;Incubating&#39; (GE-3)" in review_page(client, project_id)
    assert decide(client, project_id, "incubating").status_code == 409
    assert stage_of(app, project_id) == Stage.SUBMITTED


def test_a_note_too_long_or_an_unknown_phase_is_refused(app, client, login_as, world):
    project_id = submitted(app, world)
    login_as(world.reviewer)
    response = decide(client, project_id, "rejected", note="n" * 5001)
    assert response.status_code == 422
    assert 'id="note-error">Please use at most 5000 characters.' in response.get_data(as_text=True)
    assert validate(client, project_id, phase="budget", verdict="satisfactory").status_code == 404
    assert stage_of(app, project_id) == Stage.SUBMITTED
