"""Milestones kept by a project's partners, with their progress on the project page."""

import re
from datetime import date, timedelta

import pytest

from app.core.columns import utcnow
from app.projects.models import Stage
from tests.support.engagement import add_milestone, follow, forget_notifications, milestones, notified, recipients
from tests.support.web import client_for, make_project, post, text


@pytest.fixture(scope="module")
def project_id(app, world):
    project_id = make_project(app, world, Stage.INCUBATING)
    follow(app, world.community, project_id)
    forget_notifications(app)
    return project_id


def test_partners_keep_milestones_and_the_project_page_shows_the_progress(app, world, login_as, project_id):
    owner = client_for(app, login_as, world, "owner")
    assert "No milestones yet." in text(owner.get(f"/projects/{project_id}/milestones"))
    for title, planned in (("Train the facilitators", "2025-01-15"), ("Open the safe spaces", "2025-03-01"),
                           ("First report", "2025-06-30")):
        response = add_milestone(owner, project_id, title, planned)
        assert response.status_code == 302
    first, second, _third = milestones(app, project_id)
    response = post(owner, f"/projects/{project_id}/milestones/{first.id}/done", follow_redirects=True)
    assert "The milestone is marked done." in text(response)
    assert milestones(app, project_id)[0].done_date == utcnow().date()
    manage = text(owner.get(f"/projects/{project_id}/milestones"))
    assert "Edit Train the facilitators" in manage and "Delete Train the facilitators" in manage
    assert "Mark done Train the facilitators" not in manage and "Mark done Open the safe spaces" in manage

    page = client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}").get_data(as_text=True)
    assert "1 of 3 milestones done" in page
    assert re.search(r'<progress id="milestone-progress" max="3" value="1">', page)
    assert '<label for="milestone-progress">' in page
    words = text(client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}"))
    assert words.index("Train the facilitators") < words.index("Open the safe spaces") < words.index("First report")
    assert "planned for Mar 1, 2025" in words
    assert '<time datetime="2025-03-01">' in page
    assert "Keep the milestones" not in words


def test_followers_are_told_of_new_milestones_and_milestones_done(app, world, login_as, project_id):
    owner = client_for(app, login_as, world, "owner")
    add_milestone(owner, project_id, "Open the safe spaces")
    (milestone,) = milestones(app, project_id)
    post(owner, f"/projects/{project_id}/milestones/{milestone.id}/done")
    assert recipients(app) == {world.community.id}
    added, done = notified(app)[world.community.id]
    assert (added.kind, added.data["done"]) == ("milestone", None)
    assert (done.kind, done.data["done"]) == ("milestone", utcnow().date().isoformat())
    assert done.data["milestone_title"] == "Open the safe spaces"

    post(owner, f"/projects/{project_id}/milestones/{milestone.id}/done")  # already done: nothing more
    assert len(notified(app)[world.community.id]) == 2


def test_editing_and_deleting_a_milestone(app, world, login_as, project_id):
    member = client_for(app, login_as, world, "member")
    add_milestone(member, project_id, "Open the safe spaces")
    (milestone,) = milestones(app, project_id)
    url = f"/projects/{project_id}/milestones/{milestone.id}"
    assert 'value="Open the safe spaces"' in member.get(f"{url}/edit").get_data(as_text=True)
    response = post(member, f"{url}/edit", {"title": "Open two safe spaces", "planned_date": "2025-04-01",
                                            "done_date": "2025-04-03"})
    assert response.status_code == 302
    (edited,) = milestones(app, project_id)
    assert (edited.title, edited.planned_date, edited.done_date) == (
        "Open two safe spaces", date(2025, 4, 1), date(2025, 4, 3)
    )
    assert recipients(app) == {world.community.id}  # the added and the done milestone

    response = post(member, f"{url}/delete", follow_redirects=True)
    assert "The milestone was deleted." in text(response)
    assert milestones(app, project_id) == []


def test_a_milestone_needs_a_title_and_a_planned_date_and_is_not_done_in_the_future(app, world, login_as, project_id):
    owner = client_for(app, login_as, world, "owner")
    response = add_milestone(owner, project_id, "Open the safe spaces", planned="")
    assert response.status_code == 422
    assert "Please give the planned date." in text(response)
    assert 'value="Open the safe spaces"' in response.get_data(as_text=True)

    response = add_milestone(owner, project_id, "", planned="2025-01-01")
    assert "Please give the milestone a title." in text(response)

    later = (date.today() + timedelta(days=5)).isoformat()
    response = add_milestone(owner, project_id, "Report", planned="2025-01-01", done=later)
    assert response.status_code == 422
    assert "A milestone cannot be done in the future." in text(response)
    assert milestones(app, project_id) == []


@pytest.mark.parametrize(("role", "status"), [
    ("community", 403), ("outsider_partner", 403), ("reviewer", 403), ("admin", 403), ("anonymous", 302),
])
def test_only_the_partners_keep_milestones(app, world, login_as, project_id, role, status):
    add_milestone(client_for(app, login_as, world, "owner"), project_id, "Open the safe spaces")
    (milestone,) = milestones(app, project_id)
    client = client_for(app, login_as, world, role)
    base = f"/projects/{project_id}/milestones"
    assert client.get(base).status_code == status
    assert add_milestone(client, project_id, "Not mine").status_code == status
    assert client.get(f"{base}/{milestone.id}/edit").status_code == status
    for action in ("done", "delete"):
        assert post(client, f"{base}/{milestone.id}/{action}").status_code == status
    assert [(m.title, m.done_date) for m in milestones(app, project_id)] == [("Open the safe spaces", None)]


@pytest.mark.parametrize("action", ["done", "delete", "edit"])
def test_milestone_buttons_need_the_csrf_token(app, world, login_as, project_id, action):
    owner = client_for(app, login_as, world, "owner")
    add_milestone(owner, project_id, "Open the safe spaces")
    (milestone,) = milestones(app, project_id)
    data = {"title": "Changed", "planned_date": "2025-01-01", "done_date": "2025-01-02"}
    assert owner.post(f"/projects/{project_id}/milestones/{milestone.id}/{action}", data=data).status_code == 400
    assert owner.post(f"/projects/{project_id}/milestones", data={"title": "x", "planned_date": "2025-01-01"}
                      ).status_code == 400
    assert [(m.title, m.done_date) for m in milestones(app, project_id)] == [("Open the safe spaces", None)]


def test_a_milestone_of_another_project_is_missing(app, world, login_as, project_id):
    other_id = make_project(app, world, Stage.INCUBATING, title="Another initiative")
    owner = client_for(app, login_as, world, "owner")
    add_milestone(owner, other_id, "Theirs")
    (theirs,) = milestones(app, other_id)
    assert post(owner, f"/projects/{project_id}/milestones/{theirs.id}/delete").status_code == 404
    assert milestones(app, other_id) != []
