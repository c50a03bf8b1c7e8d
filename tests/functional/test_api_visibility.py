"""JSON API: who sees a project (a project you may not see is a 404, never a 403), and the error shape."""

import pytest
from sqlalchemy import func, select

from app.core.extensions import db
from app.projects.models import Project, ProjectEvent, Stage
from tests.support.api import assert_error, bearer, project_at

# Visibility -------------------------------------------------------------------------------------

OUTSIDERS = ("community", "outsider_partner", "reviewer", "far_reviewer")


@pytest.mark.parametrize("role", (None, *OUTSIDERS))
def test_a_draft_is_404_for_anyone_outside_its_organisation(app, client, world, role):
    project_id = project_at(app, world, Stage.DRAFT)
    headers = bearer(app, getattr(world, role)) if role else {}
    for path in ("", "/assessments", "/events"):
        assert_error(client.get(f"/api/v1/projects/{project_id}{path}", headers=headers), 404, "not_found")


@pytest.mark.parametrize("role", ("owner", "member", "conflicted", "admin"))
def test_the_organisation_and_admins_see_a_draft(app, client, world, role):
    project_id = project_at(app, world, Stage.DRAFT)
    response = client.get(f"/api/v1/projects/{project_id}", headers=bearer(app, getattr(world, role)))
    assert response.status_code == 200 and response.get_json()["stage"] == "draft"


@pytest.mark.parametrize("stage", (Stage.REJECTED, Stage.WITHDRAWN))
def test_rejected_and_withdrawn_are_seen_by_the_organisation_reviewers_and_admins(app, client, world, stage):
    project_id = project_at(app, world, stage)
    for role in ("owner", "reviewer", "far_reviewer", "admin"):
        response = client.get(f"/api/v1/projects/{project_id}", headers=bearer(app, getattr(world, role)))
        assert response.status_code == 200, role
    for role in ("community", "outsider_partner"):
        response = client.get(f"/api/v1/projects/{project_id}", headers=bearer(app, getattr(world, role)))
        assert_error(response, 404, "not_found")
    assert_error(client.get(f"/api/v1/projects/{project_id}"), 404, "not_found")


def test_public_stages_are_seen_by_anyone(app, client, world):
    project_id = project_at(app, world, Stage.INCUBATING)
    response = client.get(f"/api/v1/projects/{project_id}")
    assert response.status_code == 200
    assert response.get_json()["ge_code"] == "GE-2"  # the reviewer's code of the validated design


def test_an_unknown_project_is_404(client):
    assert_error(client.get("/api/v1/projects/999999"), 404, "not_found")
    assert_error(client.get("/api/v1/projects/99999999999999999999"), 404, "not_found")


def test_another_organisation_cannot_touch_a_draft(app, client, world):
    """IDOR: every call on another organisation's draft is a 404, and nothing changes."""
    project_id = project_at(app, world, Stage.DRAFT)
    headers = bearer(app, world.outsider_partner)
    base = f"/api/v1/projects/{project_id}"
    calls = [
        client.get(base, headers=headers),
        client.patch(base, json={"version": 1, "title": "Mine now"}, headers=headers),
        client.put(f"{base}/assessments/design", json={"answers": {"targeting": "x"}}, headers=headers),
        client.post(f"{base}/transitions", json={"to": "withdrawn", "note": "Bye."}, headers=headers),
        client.post(f"{base}/assessments/design/review", json={"verdict": "satisfactory"}, headers=headers),
        client.get(f"{base}/events", headers=headers),
        client.get(f"{base}/assessments", headers=headers),
    ]
    for response in calls:
        assert_error(response, 404, "not_found")
    with app.app_context():
        project = db.session.get(Project, project_id)
        assert (project.stage, project.version) == (Stage.DRAFT, 1)
        assert project.title == "Safe spaces for girls in Thiès"
        assert db.session.scalar(select(func.count()).where(ProjectEvent.project_id == project_id)) == 1


# The error shape --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("get", "/api/v1/nothing-here", 404, "not_found"),
        ("get", "/api/v1/projects/abc", 404, "not_found"),
        ("delete", "/api/v1/projects", 405, "method_not_allowed"),
        ("put", "/api/v1/projects/1/assessments/feelings", 401, "unauthorized"),
    ],
)
def test_errors_are_always_json(client, method, path, status, code):
    response = getattr(client, method)(path)
    assert "<html" not in response.get_data(as_text=True).lower()
    assert_error(response, status, code)
