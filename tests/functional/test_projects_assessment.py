"""The gender-equality assessment form: help, saving, validation, read-only and new versions."""

import re

import pytest

from app.core.extensions import db
from app.gate import assessments, workflow
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.support.projects import GOOD_TEXT, fill, load, review
from tests.support.web import client_for, make_project, post, text


def url(project_id: int, phase: str = "design") -> str:
    return f"/projects/{project_id}/assessment/{phase}"


def versions(app, project_id: int, phase: Phase = Phase.DESIGN) -> list[tuple[int, dict]]:
    with app.app_context():
        project = db.session.get(Project, project_id)
        return [(a.version, dict(a.answers)) for a in assessments.all_versions(project) if a.phase == phase]


def test_each_question_shows_its_help_tied_to_its_field(app, world, login_as):
    project_id = make_project(app, world)
    html = client_for(app, login_as, world, "owner").get(url(project_id)).get_data(as_text=True)
    assert re.search(r'<label for="gender_analysis">Gender analysis\s*<span class="required-marker">\(required\)', html)
    assert '<p class="hint" id="gender_analysis-hint">Describe the situation of girls and boys' in html
    assert re.search(r'<textarea aria-describedby="gender_analysis-hint gender_analysis-minimum gender_analysis-count"'
                     r' data-count="gender_analysis-count" data-min-length="50" id="gender_analysis"', html)
    assert (
        "a safe space to form their views, a voice to express them" in html
    )  # Lundy's model, in plain words
    assert 'name="ge_code"' in html and "GE-2: fully integrated" in html
    assert "Not saved yet" in html and "0 of 7 required answers" in text_of(html)


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_a_partial_save_then_a_complete_one(app, world, login_as):
    project_id = make_project(app, world)
    client = client_for(app, login_as, world, "member")
    response = post(
        client, url(project_id), {"gender_analysis": GOOD_TEXT, "coordination": "With the district."}
    )
    assert response.status_code == 302
    page = text(client.get(url(project_id)))
    assert "Saved as version 1: 1 of 7 required answers." in page
    assert "Version 1 · 1 of 7 required answers" in page
    assert versions(app, project_id) == [
        (1, {"gender_analysis": GOOD_TEXT, "coordination": "With the district."})
    ]

    answers = {
        q: GOOD_TEXT
        for q in (
            "gender_analysis",
            "targeting",
            "disaggregated_data",
            "tailored_activities",
            "protection_do_no_harm",
            "child_participation",
            "feedback_complaints",
        )
    }
    response = post(
        client,
        url(project_id),
        {
            **answers,
            "coordination": "",
            "ge_code": "GE-3",
            "justification": "Girls' empowerment is the principal objective.",
        },
    )
    assert response.status_code == 302
    assert "Version 1 · 7 of 7 required answers" in text(client.get(url(project_id)))
    [(version, stored)] = versions(app, project_id)
    assert version == 1 and stored == answers  # the emptied optional answer is gone


def test_a_percentage_outside_0_to_100_is_refused_next_to_its_field(app, world, login_as):
    project_id = make_project(app, world, Stage.INCUBATING)
    client = client_for(app, login_as, world, "owner")
    html = client.get(url(project_id, "implementation")).get_data(as_text=True)
    assert 'type="number"' in html and 'max="100"' in html and 'min="0"' in html
    response = post(
        client,
        url(project_id, "implementation"),
        {"gender_budget_share": "150", "indicators": "Share of girls in club committees."},
    )
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert '<p class="error" id="gender_budget_share-error">Enter a number from 0 to 100.</p>' in html
    assert 'value="150"' in html and "Share of girls in club committees." in html  # the input is kept
    assert versions(app, project_id, Phase.IMPLEMENTATION) == []


def test_the_implementation_form_starts_from_the_validated_design(app, world, login_as):
    project_id = make_project(app, world, Stage.INCUBATING)
    client = client_for(app, login_as, world, "owner")
    html = client.get(url(project_id, "implementation")).get_data(as_text=True)
    assert "These answers start from the validated design assessment (version 1)." in text_of(html)
    assert re.search(r'id="gender_analysis"[^>]*>\s*' + re.escape(GOOD_TEXT[:40]), html)
    assert '<option selected value="GE-2">' in html
    assert versions(app, project_id, Phase.IMPLEMENTATION) == []  # nothing is saved by looking

    assert post(client, url(project_id, "implementation"), {"indicators": GOOD_TEXT}).status_code == 302
    [(version, stored)] = versions(app, project_id, Phase.IMPLEMENTATION)
    assert stored["gender_analysis"] == GOOD_TEXT and stored["indicators"] == GOOD_TEXT


def test_an_assessment_under_review_is_read_only(app, world, login_as):
    project_id = make_project(app, world, Stage.SUBMITTED)
    client = client_for(app, login_as, world, "owner")
    page = client.get(url(project_id))
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "This assessment is under review and cannot be changed." in text(page)
    assert "<textarea" not in html and ">Save<" not in html
    assert GOOD_TEXT in html  # the answers, read-only

    response = post(client, url(project_id), {"gender_analysis": "Changed while under review."})
    assert response.status_code == 409
    assert "This assessment is under review and cannot be changed." in text(response)
    assert versions(app, project_id)[0][1]["gender_analysis"] == GOOD_TEXT


def test_after_a_review_a_save_makes_version_2_and_the_review_is_shown(app, world, login_as):
    project_id = make_project(app, world, Stage.SUBMITTED)
    with app.app_context():
        project = db.session.get(Project, project_id)
        review(project, Phase.DESIGN, load(world.reviewer.id), verdict="needs_work", ge_code="GE-1")
        workflow.transition(project, Stage.CHANGES_REQUESTED, load(world.reviewer.id), note="More on safety.")
        db.session.commit()
    client = client_for(app, login_as, world, "owner")
    page = text(client.get(url(project_id)))
    assert "Version 1" in page and "Reviews" in page
    assert "Needs work" in page and "GE-1: limited integration" in page and "Clear and well argued." in page

    response = post(
        client, url(project_id), {"protection_do_no_harm": GOOD_TEXT + " Escorts walk girls home."}
    )
    assert response.status_code == 302
    assert [v for v, _ in versions(app, project_id)] == [1, 2]
    assert "Version 2 · 7 of 7 required answers" in text(client.get(url(project_id)))


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("community", 404),
        ("far_reviewer", 404),
        ("outsider_partner", 404),
        ("anonymous", 302),
        ("reviewer", 200),
        ("admin", 200),
        ("member", 200),
    ],
)
def test_who_sees_the_answers(app, world, login_as, role, status):
    project_id = make_project(app, world, Stage.SUBMITTED)
    response = client_for(app, login_as, world, role).get(url(project_id))
    assert response.status_code == status
    if status == 200:
        assert GOOD_TEXT in response.get_data(as_text=True)


@pytest.mark.parametrize("role", ["reviewer", "admin"])
def test_people_outside_the_organisation_never_save(app, world, login_as, role):
    project_id = make_project(app, world)
    with app.app_context():
        fill(db.session.get(Project, project_id), Phase.DESIGN, load(world.owner.id))
        db.session.commit()
    client = client_for(app, login_as, world, role)
    if role == "reviewer":  # a draft is not theirs to see
        assert client.get(url(project_id)).status_code == 404
        return
    page = client.get(url(project_id))
    assert "<textarea" not in page.get_data(as_text=True)
    response = post(client, url(project_id), {"gender_analysis": "An admin's words."})
    assert response.status_code == 403
    assert "Only partners of the project's organisation can fill in its assessment." in text(response)
    assert versions(app, project_id)[0][1]["gender_analysis"] == GOOD_TEXT


def test_an_unknown_phase_is_404(app, world, login_as):
    project_id = make_project(app, world)
    assert client_for(app, login_as, world, "owner").get(url(project_id, "evaluation")).status_code == 404
