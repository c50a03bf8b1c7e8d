"""Private reviewer notes: written by reviewers and admins, never shown to the organisation."""

import pytest
from sqlalchemy import select

from app.core.extensions import db
from app.projects.models import ReviewerNote, Stage
from tests.support.api import bearer
from tests.support.review import hidden_value, project_in

SECRET = "Their budget looks inflated; check the venue costs with the regional office."


@pytest.fixture(scope="module")
def project_id(app, world):
    return project_in(app, Stage.SUBMITTED, world.org, world.owner, world.reviewer)


def add_note(client, project_id: int, body: str):
    token = hidden_value(client.get("/").get_data(as_text=True), "csrf_token")
    return client.post(f"/review/projects/{project_id}/notes", data={"csrf_token": token, "body": body})


def notes_in_database(app) -> list[str]:
    with app.app_context():
        return list(db.session.scalars(select(ReviewerNote.body)))


def test_a_reviewer_adds_a_private_note(app, client, login_as, world, project_id):
    login_as(world.reviewer)
    response = add_note(client, project_id, f"  {SECRET}  ")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/review/projects/{project_id}#notes")
    assert notes_in_database(app) == [SECRET]
    html = client.get(f"/review/projects/{project_id}").get_data(as_text=True)
    assert SECRET in html and "Rita Reviewer" in html
    login_as(world.admin)  # admins read them too
    assert SECRET in client.get(f"/review/projects/{project_id}").get_data(as_text=True)


@pytest.mark.parametrize(("body", "message"), [
    ("   ", "Write the note."),
    ("x" * 5001, "Please use at most 5000 characters."),
])
def test_an_empty_or_too_long_note_is_refused_and_kept(app, client, login_as, world, project_id, body,
                                                       message):
    login_as(world.reviewer)
    response = add_note(client, project_id, body)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert f'id="body-error">{message}' in html
    if body.strip():
        assert body in html
    assert notes_in_database(app) == []


@pytest.mark.parametrize("who", ["owner", "member", "conflicted"])
def test_the_organisation_never_reaches_the_notes(app, client, login_as, world, project_id, who):
    login_as(world.reviewer)
    assert add_note(client, project_id, SECRET).status_code == 302
    person = getattr(world, who)
    login_as(person)
    assert client.get(f"/review/projects/{project_id}").status_code == 404
    assert add_note(client, project_id, "Let me see.").status_code == 404
    assert notes_in_database(app) == [SECRET]
    pages = [f"/projects/{project_id}", "/projects/mine", f"/projects/{project_id}/assessment/design", "/"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "budget looks inflated" not in response.get_data(as_text=True), url
    headers = bearer(app, person)
    for url in (f"/api/v1/projects/{project_id}", f"/api/v1/projects/{project_id}/events",
                f"/api/v1/projects/{project_id}/assessments"):
        response = client.get(url, headers=headers)
        assert response.status_code == 200, url
        assert "budget looks inflated" not in response.get_data(as_text=True), url


@pytest.mark.parametrize("who", ["far_reviewer", "community", "outsider_partner"])
def test_nobody_else_reads_or_writes_the_notes(app, client, login_as, world, project_id, who):
    login_as(world.reviewer)
    assert add_note(client, project_id, SECRET).status_code == 302
    login_as(getattr(world, who))
    assert client.get(f"/review/projects/{project_id}").status_code == 404
    assert add_note(client, project_id, "Me too.").status_code == 404
    assert "budget looks inflated" not in client.get(f"/projects/{project_id}").get_data(as_text=True)
    assert notes_in_database(app) == [SECRET]
