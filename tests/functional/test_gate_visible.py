"""The gate made visible: the validated code on the public page, the assessment form's markers, minimum
lengths, introduction, reviewer's comments beside their questions and live count, and what the partner
sees once the initiative waits for a reviewer (withdrawing asks twice)."""

import re
from html import unescape

from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.support.projects import GOOD_TEXT, full_answers, load, new_project
from tests.support.review import hidden_value, project_in


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return unescape(response.get_data(as_text=True))


def in_stage(app, world, stage: Stage, **kwargs) -> int:
    return project_in(app, stage, world.org, world.owner, world.reviewer, **kwargs)


# The validated code on the public page ------------------------------------------------------------


def test_the_public_page_explains_the_validated_code(app, client, world):
    project_id = in_stage(app, world, Stage.INCUBATING)  # the design review gave GE-2
    html = page(client, f"/projects/{project_id}")
    box = re.search(r'<section class="ge-code-box".*?</section>', html, re.S).group(0)
    assert "GE-2: fully integrated" in box
    assert "the initiative's analysis, activities and figures all look at girls and boys" in box
    assert "in the review of the design assessment" in box


def test_no_code_is_shown_before_a_satisfactory_review(app, client, login_as, world):
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        assessments.save_assessment(project, Phase.DESIGN, load(world.owner.id), full_answers(Phase.DESIGN), "GE-3",
                                    "Girls are the principal objective here.")
        workflow.transition(project, Stage.SUBMITTED, load(world.owner.id))
        assessments.review_assessment(project, Phase.DESIGN, load(world.reviewer.id), "needs_work", "GE-1", "More.")
        db.session.commit()
        project_id = project.id
    html = page(client, f"/projects/{project_id}")
    assert "No gender-equality code validated yet" in html
    assert "GE-1: limited integration" not in html and "GE-3: targeted" not in html  # not the self-assessed one


# Waiting for a reviewer; withdrawing asks twice ---------------------------------------------------------


def test_once_submitted_the_partner_is_told_to_wait_and_withdrawing_looks_like_a_danger(app, client, login_as,
                                                                                          world):
    project_id = in_stage(app, world, Stage.SUBMITTED)
    login_as(world.owner)
    html = page(client, f"/projects/{project_id}")
    assert "Waiting for a reviewer" in html and "You will be told" in html
    withdraw = re.search(r'<details class="danger-zone stop-move" id="move-withdrawn">.*?</details>', html, re.S)
    assert withdraw, "withdrawing is folded into a <details> that asks a second time"
    assert "<summary>Withdraw → Withdrawn…</summary>" in withdraw.group(0)
    assert re.search(r'<button type="submit" class="button button-danger">Withdraw</button>', withdraw.group(0))
    assert "Only an admin can reopen it as a draft." in withdraw.group(0)
    assert not re.search(r'<button type="submit" class="button">Withdraw</button>', html)


def test_a_reviewer_reading_the_page_is_not_told_to_wait(app, client, login_as, world):
    project_id = in_stage(app, world, Stage.SUBMITTED)
    login_as(world.reviewer)
    assert "Waiting for a reviewer" not in page(client, f"/projects/{project_id}")


def test_a_refused_withdrawal_opens_its_details_again(app, client, login_as, world):
    project_id = in_stage(app, world, Stage.SUBMITTED)
    login_as(world.owner)
    html = page(client, f"/projects/{project_id}")
    response = client.post(f"/projects/{project_id}/transition", data={
        "csrf_token": hidden_value(html, "csrf_token"), "to": "withdrawn", "note": " ",
        "version": hidden_value(html, "version"),
    })
    assert response.status_code in (409, 422)
    assert '<details class="danger-zone stop-move" id="move-withdrawn" open>' in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Project, project_id).stage == Stage.SUBMITTED


# The assessment form ---------------------------------------------------------------------------------


def test_the_form_says_why_marks_what_is_required_and_the_minimum_length(app, client, login_as, world):
    with app.app_context():
        project_id = new_project(world.org.id, world.owner.id).id
        db.session.commit()
    login_as(world.owner)
    html = page(client, f"/projects/{project_id}/assessment/design")
    assert "Why this assessment" in html and "core values" in html
    assert html.count('<span class="required-marker">(required)</span>') == 7  # the design's required questions
    assert html.count('<span class="muted">(optional)</span>') == 2  # coordination, transparency
    assert 'id="gender_analysis-minimum">At least 50 characters.' in html
    assert 'data-min-length="50"' in html


def test_the_live_count_is_an_external_script_and_the_server_says_what_is_short(app, client, login_as, world):
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        assessments.save_assessment(project, Phase.DESIGN, load(world.owner.id), {"gender_analysis": "Too short."},
                                    None, None)
        db.session.commit()
        project_id = project.id
    login_as(world.owner)
    html = page(client, f"/projects/{project_id}/assessment/design")
    scripts = re.findall(r"<script[^>]*>(.*?)</script>", html, re.S)
    assert scripts == [""], "one script, with no inline code"
    source = re.search(r'<script src="(/static/js/character-count\.js[^"]*)" defer>', html).group(1)
    assert client.get(source).status_code == 200
    assert 'id="gender_analysis-short">The saved answer has 10 characters: write at least 50.' in html
    assert "targeting-short" not in html  # an empty answer is missing, not short


def test_the_reviewers_comments_stand_beside_their_questions(app, client, login_as, world):
    with app.app_context():
        project = new_project(world.org.id, world.owner.id)
        owner = load(world.owner.id)
        assessments.save_assessment(project, Phase.DESIGN, owner, full_answers(Phase.DESIGN), "GE-2", GOOD_TEXT)
        workflow.transition(project, Stage.SUBMITTED, owner)
        db.session.commit()
        project_id = project.id
    login_as(world.reviewer)
    html = page(client, f"/review/projects/{project_id}")
    response = client.post(f"/review/projects/{project_id}/assessments/design", data={
        "csrf_token": hidden_value(html, "csrf_token"), "verdict": "needs_work", "ge_code": "GE-1",
        "comment": "Good start; see the two questions.",
        "comment_on_protection_do_no_harm": "Say who escorts the girls on the way home.",
        "comment_on_targeting": "  ",
    })
    assert response.status_code == 302
    with app.app_context():
        workflow.transition(db.session.get(Project, project_id), Stage.CHANGES_REQUESTED,
                            load(world.reviewer.id), note="See the review.")
        db.session.commit()
    login_as(world.owner)
    html = page(client, f"/projects/{project_id}/assessment/design")
    question = re.search(r'<div class="field question" id="question-protection_do_no_harm">.*?</textarea>', html,
                         re.S).group(0)
    assert "The reviewer’s comment (version 1)" in question
    assert "Say who escorts the girls on the way home." in question
    assert "protection_do_no_harm-review" in re.search(r'<textarea[^>]*>', question).group(0)
    targeting = re.search(r'id="question-targeting">.*?</textarea>', html, re.S).group(0)
    assert "reviewer-comment" not in targeting  # a blank comment is left out


def test_a_comment_on_a_question_follows_the_text_rules(app, client, login_as, world):
    project_id = in_stage(app, world, Stage.SUBMITTED)
    login_as(world.reviewer)
    html = page(client, f"/review/projects/{project_id}")
    response = client.post(f"/review/projects/{project_id}/assessments/design", data={
        "csrf_token": hidden_value(html, "csrf_token"), "verdict": "satisfactory", "ge_code": "GE-2",
        "comment": "Fine.", "comment_on_targeting": "x" * 5001,
    })
    assert response.status_code == 422
    body = response.get_data(as_text=True)
    assert 'id="comment_on_targeting-error"' in body and "x" * 5001 in body  # kept for correcting
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert assessments.latest(project, Phase.DESIGN).review is None


def test_an_unknown_question_is_refused_by_the_domain(app, world):
    project_id = in_stage(app, world, Stage.SUBMITTED)
    with app.app_context():
        project = db.session.get(Project, project_id)
        try:
            assessments.review_assessment(project, Phase.DESIGN, load(world.reviewer.id), "satisfactory", "GE-2",
                                          "Fine.", question_comments={"budget": "No such question."})
        except assessments.AssessmentInvalid as refused:
            assert "comment_on_budget" in refused.errors
        else:
            raise AssertionError("a comment on an unknown question was accepted")
        db.session.rollback()
