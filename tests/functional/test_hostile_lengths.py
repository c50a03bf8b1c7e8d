"""Every user text has a length limit, refused with a clear message before anything is rendered: the
project description (20,000 characters), the assessment's justification and the reviewer's comment
(5,000), a decision's note (5,000), besides the limits comments, updates and answers already had."""

import pytest

from app.core.extensions import db
from app.gate import assessments
from app.gate.assessments import AssessmentInvalid
from app.gate.models import Phase
from app.projects import projects
from app.projects.models import Project, Stage
from app.projects.projects import DESCRIPTION_MAX, ProjectInvalid
from tests.support.api import assert_error, bearer, project_at
from tests.support.projects import full_answers, load, project_data
from tests.support.web import client_for


def test_the_api_refuses_a_description_over_the_limit(app, client, world):
    body = {"title": "Safe spaces", "summary": "Weekly sessions.", "organisation": world.org.slug, "country": "SN",
            "themes": ["child_protection"]}
    refused = client.post("/api/v1/projects", json={**body, "description": "d" * (DESCRIPTION_MAX + 1)},
                          headers=bearer(app, world.owner))
    error = assert_error(refused, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["description"]
    assert "too long" in error["details"][0]["message"]
    accepted = client.post("/api/v1/projects", json={**body, "description": "d" * DESCRIPTION_MAX},
                           headers=bearer(app, world.owner))
    assert accepted.status_code == 201


def test_the_domain_refuses_a_description_over_the_limit_on_edit(app, world):
    project_id = project_at(app, world, Stage.DRAFT)
    with app.app_context():
        project = db.session.get(Project, project_id)
        with pytest.raises(ProjectInvalid) as refused:
            projects.update_project(project, load(world.owner.id),
                                    project_data(description="d" * (DESCRIPTION_MAX + 1)), None)
        assert set(refused.value.errors) == {"description"}


def test_the_web_form_says_how_long_a_description_may_be(app, login_as, world):
    client = client_for(app, login_as, world, "owner")
    page = client.get("/projects/new").get_data(as_text=True)
    assert f'maxlength="{DESCRIPTION_MAX}"' in page


def test_a_justification_over_the_limit_is_refused(app, world):
    project_id = project_at(app, world, Stage.DRAFT)
    with app.app_context():
        project = db.session.get(Project, project_id)
        with pytest.raises(AssessmentInvalid) as refused:
            assessments.save_assessment(project, Phase.DESIGN, load(world.owner.id), full_answers(Phase.DESIGN),
                                        "GE-2", "j" * 5001)
        assert set(refused.value.errors) == {"justification"}


def test_a_review_comment_over_the_limit_is_refused(app, client, world):
    project_id = project_at(app, world, Stage.SUBMITTED)
    response = client.post(f"/api/v1/projects/{project_id}/assessments/design/review",
                           json={"verdict": "satisfactory", "ge_code": "GE-2", "comment": "c" * 5001},
                           headers=bearer(app, world.reviewer))
    error = assert_error(response, 422, "invalid")
    assert [detail["field"] for detail in error["details"]] == ["comment"]
