"""A reviewer corrects their own validation until a decision uses it: the replacement is in force, the
replaced one stays in the history; nobody else replaces it, and nothing replaces it once used."""

import re

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.assessments import AssessmentLocked
from app.gate.integrity import gate_violations
from app.gate.models import Assessment, AssessmentReview, GECode, Phase, Verdict
from app.projects.models import Project, Stage
from app.reports import exports
from tests.support.api import bearer
from tests.support.projects import advance, fill, load, new_project, review
from tests.support.review import project_in, review_page, validate


def reviews_of(project: Project, phase: Phase) -> list[AssessmentReview]:
    version = assessments.latest(project, phase)
    return list(
        db.session.scalars(
            select(AssessmentReview).where(AssessmentReview.assessment_id == version.id).order_by(AssessmentReview.id)
        )
    )


def submitted(world) -> Project:
    return advance(new_project(world.org.id, world.owner.id), Stage.SUBMITTED, load(world.owner.id),
                   load(world.reviewer.id))


def test_a_code_below_the_minimum_is_corrected_and_both_validations_are_kept(app, world):
    with app.app_context():
        project, reviewer = submitted(world), load(world.reviewer.id)
        review(project, Phase.DESIGN, reviewer, verdict="satisfactory", ge_code="GE-0")
        with pytest.raises(workflow.GateBlocked):
            workflow.transition(project, Stage.INCUBATING, reviewer)
        review(project, Phase.DESIGN, reviewer, verdict="satisfactory", ge_code="GE-2")
        first, second = reviews_of(project, Phase.DESIGN)
        assert (first.ge_code, first.round, second.ge_code, second.round) == (GECode.GE0, 1, GECode.GE2, 2)
        version = assessments.latest(project, Phase.DESIGN)
        assert version.review is second and version.replaced_reviews == [first]
        event = workflow.transition(project, Stage.INCUBATING, reviewer)
        assert event.assessment_id == version.id
        assert assessments.validated_design(project) == version
        assert not gate_violations()


def test_a_needs_work_verdict_is_corrected_to_satisfactory(app, world):
    with app.app_context():
        project, reviewer = submitted(world), load(world.reviewer.id)
        review(project, Phase.DESIGN, reviewer, verdict="needs_work")
        review(project, Phase.DESIGN, reviewer, verdict="satisfactory")
        assert assessments.latest(project, Phase.DESIGN).review.verdict == Verdict.SATISFACTORY
        workflow.transition(project, Stage.INCUBATING, reviewer)


def test_only_the_reviewer_who_validated_may_replace_it(app, world):
    with app.app_context():
        project = submitted(world)
        review(project, Phase.DESIGN, load(world.reviewer.id), ge_code="GE-0")
        with pytest.raises(AssessmentLocked):
            review(project, Phase.DESIGN, load(world.admin.id))
        assert len(reviews_of(project, Phase.DESIGN)) == 1


def test_a_validation_used_by_a_decision_is_not_replaced(app, world):
    with app.app_context():
        project, reviewer = submitted(world), load(world.reviewer.id)
        review(project, Phase.DESIGN, reviewer)
        workflow.transition(project, Stage.INCUBATING, reviewer)
        with pytest.raises(AssessmentLocked):
            review(project, Phase.DESIGN, reviewer, verdict="needs_work")
        assert len(reviews_of(project, Phase.DESIGN)) == 1


def test_a_validation_used_before_a_resubmission_of_the_same_version_is_not_replaced(app, world):
    """Sent back from launch review with a note, the implementation comes back unchanged: the
    validation the first decision used stays as it was."""
    with app.app_context():
        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        project = advance(new_project(world.org.id, world.owner.id), Stage.LAUNCH_REVIEW, owner, reviewer)
        review(project, Phase.IMPLEMENTATION, reviewer)
        workflow.transition(project, Stage.INCUBATING, reviewer, note="Please wait for the budget round.")
        workflow.transition(project, Stage.LAUNCH_REVIEW, owner)
        assert project.stage == Stage.LAUNCH_REVIEW
        with pytest.raises(AssessmentLocked):
            review(project, Phase.IMPLEMENTATION, reviewer, verdict="needs_work")
        assert len(reviews_of(project, Phase.IMPLEMENTATION)) == 1


def test_a_new_version_gets_a_first_validation_of_its_own(app, world):
    with app.app_context():
        owner, reviewer = load(world.owner.id), load(world.reviewer.id)
        project = submitted(world)
        review(project, Phase.DESIGN, reviewer, verdict="needs_work")
        workflow.transition(project, Stage.CHANGES_REQUESTED, reviewer, note="Please rework the analysis.")
        fill(project, Phase.DESIGN, owner)
        workflow.transition(project, Stage.SUBMITTED, owner)
        review(project, Phase.DESIGN, reviewer)
        assert [r.round for r in reviews_of(project, Phase.DESIGN)] == [1]


def test_the_review_page_offers_the_correction_and_keeps_the_history(app, client, login_as, world):
    project_id = project_in(app, Stage.SUBMITTED, world.org, world.owner, world.reviewer)
    login_as(world.reviewer)
    assert validate(client, project_id, verdict="satisfactory", ge_code="GE-0", comment="Clear.").status_code == 302
    page = review_page(client, project_id)
    assert "Correct your review" in page
    assert re.search(r'<input checked id="ge_code-0" name="ge_code" type="radio" value="GE-0">', page)
    answer = validate(client, project_id, verdict="satisfactory", ge_code="GE-2", comment="Clear, and deliberate.")
    assert answer.status_code == 302
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "Your review of the assessment was replaced" in page
    assert "Replaced reviews of version 1 (1)" in page
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert [r.ge_code for r in reviews_of(project, Phase.DESIGN)] == [GECode.GE0, GECode.GE2]
    login_as(world.admin)
    assert "Correct your review" not in review_page(client, project_id)
    assert validate(client, project_id, verdict="needs_work", ge_code="GE-0", comment="No.").status_code == 409


def test_the_api_replaces_the_reviewers_own_validation(app, client, world):
    project_id = project_in(app, Stage.SUBMITTED, world.org, world.owner, world.reviewer)
    url = f"/api/v1/projects/{project_id}/assessments/design/review"
    body = {"verdict": "satisfactory", "ge_code": "GE-0", "comment": "Clear."}
    assert client.post(url, json=body, headers=bearer(app, world.reviewer)).status_code == 201
    body["ge_code"] = "GE-2"
    assert client.post(url, json=body, headers=bearer(app, world.reviewer)).status_code == 201
    listed = client.get(f"/api/v1/projects/{project_id}/assessments", headers=bearer(app, world.reviewer))
    assert listed.get_json()["items"][0]["review"]["ge_code"] == "GE-2"
    assert client.post(url, json=body, headers=bearer(app, world.admin)).status_code == 409


def test_the_export_lists_each_version_once_with_the_validation_in_force(app, world):
    with app.app_context():
        project, reviewer = submitted(world), load(world.reviewer.id)
        review(project, Phase.DESIGN, reviewer, ge_code="GE-0")
        review(project, Phase.DESIGN, reviewer, ge_code="GE-3")
        rows = [row for page in exports.assessment_pages(load(world.admin.id)) for row in page if row[1] == project.id]
        assert len(rows) == 1
        assert GECode.GE3 in rows[0] or "GE-3" in rows[0]
        assert db.session.scalar(select(Assessment.id).where(Assessment.project_id == project.id)) == rows[0][0]
