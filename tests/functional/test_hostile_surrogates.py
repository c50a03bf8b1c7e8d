"""Lone UTF-16 surrogates ("\\ud800" in a JSON string) are refused at the API's door with a 422, and by
the domain whatever face sends them: no text of the application can hold one (app.core.text)."""

import pytest
from sqlalchemy import select

from app.community.models import Comment
from app.core.extensions import db
from app.core.text import has_lone_surrogate, text_problem
from app.gate import assessments
from app.gate.assessments import AssessmentInvalid
from app.gate.models import Phase
from app.projects.models import Project, Stage
from tests.conftest import get_csrf
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import GOOD_TEXT, load

LONE = "Girls' safety comes first \ud800 in every activity we plan with the children themselves."


def new_project_body(world, **changes) -> dict:
    body = {
        "title": "Safe spaces for girls",
        "summary": "Weekly sessions.",
        "description": "Run by trained facilitators.",
        "organisation": world.org.slug,
        "country": "SN",
        "themes": ["child_protection"],
    }
    return {**body, **changes}


@pytest.mark.parametrize("field", ["title", "summary", "description"])
def test_a_new_project_with_a_lone_surrogate_is_refused_with_a_422(app, client, world, field):
    response = client.post(
        "/api/v1/projects", json=new_project_body(world, **{field: LONE}), headers=bearer(app, world.owner)
    )
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == [field]


def test_assessment_answers_with_a_lone_surrogate_are_refused_and_nothing_is_stored(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    response = client.put(
        f"/api/v1/projects/{project_id}/assessments/design",
        json={"answers": {"gender_analysis": LONE}, "justification": "Fine \udfff"},
        headers=bearer(app, world.owner),
    )
    error = assert_error(response, 422, "invalid")
    assert sorted(detail["field"] for detail in error["details"]) == ["answers", "justification"]
    page = client.get(f"/api/v1/projects/{project_id}/assessments", headers=bearer(app, world.owner))
    assert page.status_code == 200 and page.get_json()["items"] == []


@pytest.mark.parametrize(
    "path, body",
    [
        ("/api/v1/projects/{id}/comments", {"body": LONE}),
        ("/api/v1/projects/{id}/transitions", {"to": "withdrawn", "note": LONE}),
        ("/api/v1/projects/{id}/needs", {"kind": "volunteer_time", "title": LONE, "quantity": 3}),
    ],
)
def test_other_routes_refuse_a_lone_surrogate_with_a_422(app, client, world, path, body):
    project_id = project_at(app, world, Stage.INCUBATING)
    response = client.post(path.format(id=project_id), json=body, headers=bearer(app, world.owner))
    assert_error(response, 422, "invalid")


def test_a_lone_surrogate_in_a_key_is_refused_too(app, client, world):
    project_id = project_at(app, world, Stage.DRAFT)
    response = client.put(
        f"/api/v1/projects/{project_id}/assessments/design",
        json={"answers": {"gender\udc00": GOOD_TEXT}},
        headers=bearer(app, world.owner),
    )
    assert_error(response, 422, "invalid")


@pytest.mark.parametrize("where", ["answer", "justification"])
def test_the_domain_refuses_a_lone_surrogate_in_an_assessment(app, world, where):
    with app.app_context():
        project_id = project_at(app, world, Stage.DRAFT)
        project = db.session.get(Project, project_id)
        answers = {"gender_analysis": LONE if where == "answer" else GOOD_TEXT}
        justification = LONE if where == "justification" else "A deliberate objective of the initiative."
        with pytest.raises(AssessmentInvalid) as refused:
            assessments.save_assessment(project, Phase.DESIGN, load(world.owner.id), answers, "GE-2", justification)
        assert set(refused.value.errors) == {"gender_analysis" if where == "answer" else "justification"}


def test_a_form_cannot_carry_a_lone_surrogate(app, world, login_as):
    """A form's bytes are UTF-8, where a surrogate's encoding (ED A0 80) is invalid: it is read as U+FFFD,
    so nothing stored from a form holds a surrogate; the forms' PlainText validator refuses one anyway."""
    project_id = project_at(app, world, Stage.INCUBATING)
    client = login_as(world.community, app.test_client())
    token = get_csrf(client, f"/projects/{project_id}")
    body = "Which schools take part %ED%A0%80 this year, and how are the girls chosen?"
    response = client.post(f"/projects/{project_id}/comments", data=f"body={body}&csrf_token={token}",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500
    with app.app_context():
        stored = db.session.scalars(select(Comment.body).where(Comment.project_id == project_id)).all()
    assert stored and not any(has_lone_surrogate(text) for text in stored)
    with app.test_request_context():
        assert text_problem("Fine \ud800", 100) is not None  # what PlainText and the domain ask
