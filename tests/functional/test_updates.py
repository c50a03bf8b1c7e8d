"""Updates posted by a project's partners: who may post, sanitizing, the safeguarding screen,
moderation of held updates, editing, and the followers told."""

import pytest

from app.community.models import PostStatus
from app.projects.models import Stage
from tests.support.engagement import (
    HELD_TEXT,
    follow,
    forget_notifications,
    notified,
    post_update,
    recipients,
    stored_updates,
)
from tests.support.web import client_for, make_project, post, text


@pytest.fixture(scope="module")
def project_id(app, world):
    project_id = make_project(app, world, Stage.ACTIVE)
    follow(app, world.community, project_id)
    forget_notifications(app)
    return project_id


def test_a_partner_posts_an_update_and_the_followers_are_told(app, world, login_as, project_id, outbox):
    client = client_for(app, login_as, world, "member")
    response = post_update(client, project_id)
    (update,) = stored_updates(app, project_id)
    assert response.status_code == 302
    assert response.headers["Location"] == f"/projects/{project_id}/updates/{update.id}"
    assert update.status == PostStatus.PUBLISHED and update.author_id == world.member.id

    page = text(client.get(response.headers["Location"]))
    assert "Your update is published; the initiative's followers are told." in page
    assert "The first workshops" in page and "Forty girls took part." in page

    assert recipients(app) == {world.community.id}
    notification = notified(app)[world.community.id][0]
    assert notification.kind == "update" and notification.actor_id == world.member.id
    assert notification.data["update_id"] == update.id
    (mail,) = outbox()
    assert mail.to == world.community.email
    assert mail.subject == "New update on “Safe spaces for girls in Thiès”"
    assert f"{app.config['PUBLIC_URL']}/projects/{project_id}/updates/{update.id}" in mail.body

    project_page = text(client_for(app, login_as, world, "anonymous").get(f"/projects/{project_id}"))
    assert "The first workshops" in project_page and "Forty girls took part." in project_page


def test_update_text_is_sanitized(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "owner")
    body = ('<script>alert(1)</script> **Bold** [site](https://example.org) [bad](javascript:alert(1)) '
            '<img src=x onerror=alert(1)>')
    post_update(client, project_id, body=body)
    (update,) = stored_updates(app, project_id)
    html = client.get(f"/projects/{project_id}/updates/{update.id}").get_data(as_text=True)
    assert "<script>alert(1)" not in html and "<img" not in html and 'href="javascript:' not in html
    assert "<strong>Bold</strong>" in html
    assert '<a href="https://example.org" rel="nofollow noopener">site</a>' in html


@pytest.mark.parametrize(("role", "status"), [
    ("community", 403), ("outsider_partner", 403), ("reviewer", 403), ("admin", 403), ("anonymous", 302),
])
def test_only_the_partners_post_updates(app, world, login_as, project_id, role, status):
    client = client_for(app, login_as, world, role)
    assert client.get(f"/projects/{project_id}/updates/new").status_code == status
    assert post_update(client, project_id).status_code == status
    assert stored_updates(app, project_id) == []
    assert "Post an update" not in text(client.get(f"/projects/{project_id}"))


def test_no_updates_outside_the_public_stages(app, world, login_as):
    project_id = make_project(app, world, Stage.DRAFT)
    client = client_for(app, login_as, world, "owner")
    assert post_update(client, project_id).status_code == 403
    assert "Post an update" not in text(client.get(f"/projects/{project_id}"))


def test_a_missing_title_keeps_the_text(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "owner")
    response = post_update(client, project_id, title="  ", body="Forty girls took part, *again*.")
    assert response.status_code == 422
    assert "Please give the update a title." in text(response)
    assert "Forty girls took part, *again*.</textarea>" in response.get_data(as_text=True)
    assert stored_updates(app, project_id) == []


def test_the_form_needs_the_csrf_token(app, world, login_as, project_id):
    client = client_for(app, login_as, world, "owner")
    response = client.post(f"/projects/{project_id}/updates/new", data={"title": "T", "body": "B"})
    assert response.status_code == 400
    assert stored_updates(app, project_id) == []


def test_an_update_that_may_identify_a_child_is_held_until_a_moderator_publishes_it(
    app, world, login_as, project_id, outbox
):
    owner = client_for(app, login_as, world, "owner")
    response = post_update(owner, project_id, body=HELD_TEXT)
    (update,) = stored_updates(app, project_id)
    assert update.status == PostStatus.HELD
    page = text(owner.get(response.headers["Location"]))
    assert "Your update is held for moderation before it is published." in page
    assert "Do not give a child's name or exact age." in page  # the screen's advice
    assert "Held for moderation: not public yet" in page
    assert notified(app) == {} and outbox() == []

    url = f"/projects/{project_id}/updates/{update.id}"
    for role in ("anonymous", "community", "outsider_partner", "far_reviewer"):
        assert client_for(app, login_as, world, role).get(url).status_code == 404
    assert "The first workshops" not in text(client_for(app, login_as, world, "community").get(
        f"/projects/{project_id}"))
    assert post(owner, f"{url}/moderate", {"action": "publish"}).status_code == 403

    for role in ("far_reviewer", "conflicted"):  # another region; a member of the organisation
        assert "The first workshops" not in text(client_for(app, login_as, world, role).get("/updates/held"))
    reviewer = client_for(app, login_as, world, "reviewer")
    queue = text(reviewer.get("/updates/held"))
    assert "The first workshops" in queue and HELD_TEXT in queue
    response = post(reviewer, f"{url}/moderate", {"action": "publish", "back": "held"})
    assert response.headers["Location"] == "/updates/held"
    assert "No update is waiting for moderation." in text(reviewer.get("/updates/held"))
    assert stored_updates(app, project_id)[0].status == PostStatus.PUBLISHED
    assert client_for(app, login_as, world, "anonymous").get(url).status_code == 200
    assert recipients(app, "update") == {world.community.id}
    assert [m.to for m in outbox()] == [world.community.email]


def test_a_moderator_hides_an_update(app, world, login_as, project_id):
    post_update(client_for(app, login_as, world, "owner"), project_id)
    (update,) = stored_updates(app, project_id)
    url = f"/projects/{project_id}/updates/{update.id}"
    assert post(client_for(app, login_as, world, "community"), f"{url}/moderate", {"action": "hide"}).status_code \
        == 403
    assert post(client_for(app, login_as, world, "admin"), f"{url}/moderate", {"action": "hide"}).status_code == 302
    assert client_for(app, login_as, world, "anonymous").get(url).status_code == 404
    assert "Hidden by a moderator" in text(client_for(app, login_as, world, "owner").get(url))


@pytest.mark.parametrize("role", ["community", "owner", "outsider_partner"])
def test_only_reviewers_and_admins_see_the_held_updates(app, world, login_as, role):
    assert client_for(app, login_as, world, role).get("/updates/held").status_code == 403


def test_a_partner_edits_an_update_and_a_risky_edit_is_held_again(app, world, login_as, project_id):
    owner = client_for(app, login_as, world, "owner")
    post_update(owner, project_id)
    (update,) = stored_updates(app, project_id)
    url = f"/projects/{project_id}/updates/{update.id}"
    assert "The first workshops" in owner.get(f"{url}/edit").get_data(as_text=True)

    member = client_for(app, login_as, world, "member")
    response = post(member, f"{url}/edit", {"title": "The first workshops, in pictures", "body": "All went well."})
    assert response.status_code == 302
    page = text(member.get(url))
    assert "The first workshops, in pictures" in page and "edited" in page

    post(member, f"{url}/edit", {"title": "Call us", "body": "Call Moussa on +221 77 123 45 67."})
    assert stored_updates(app, project_id)[0].status == PostStatus.HELD
    assert client_for(app, login_as, world, "community").get(url).status_code == 404

    outsider = client_for(app, login_as, world, "outsider_partner")
    assert outsider.get(f"{url}/edit").status_code == 404  # held: not even visible to outsiders


def test_others_cannot_edit_a_published_update(app, world, login_as, project_id):
    post_update(client_for(app, login_as, world, "owner"), project_id)
    (update,) = stored_updates(app, project_id)
    url = f"/projects/{project_id}/updates/{update.id}/edit"
    for role in ("community", "reviewer", "outsider_partner"):
        client = client_for(app, login_as, world, role)
        assert client.get(url).status_code == 403
        assert post(client, url, {"title": "Hacked", "body": "Hacked"}).status_code == 403
    assert stored_updates(app, project_id)[0].title == "The first workshops"


def test_the_list_of_updates(app, world, login_as, project_id):
    owner = client_for(app, login_as, world, "owner")
    post_update(owner, project_id, title="Published one")
    post_update(owner, project_id, title="Held one", body=HELD_TEXT)
    public = text(client_for(app, login_as, world, "community").get(f"/projects/{project_id}/updates"))
    assert "Published one" in public and "Held one" not in public
    own = text(owner.get(f"/projects/{project_id}/updates"))
    assert "Held one" in own and "Held for moderation: not public yet" in own


def test_posting_is_rate_limited(app, world, login_as, project_id, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    client = client_for(app, login_as, world, "owner")
    assert post_update(client, project_id, title="One").status_code == 302
    assert post_update(client, project_id, title="Two").status_code == 302
    assert post_update(client, project_id, title="Three").status_code == 429
    assert [u.title for u in stored_updates(app, project_id)] == ["One", "Two"]
    other = client_for(app, login_as, world, "member")  # counted per person
    assert post_update(other, project_id, title="Four").status_code == 302


@pytest.mark.parametrize("action", ["edit", "moderate"])
def test_editing_and_moderating_need_the_csrf_token(app, world, login_as, project_id, action):
    post_update(client_for(app, login_as, world, "owner"), project_id, body=HELD_TEXT)
    (update,) = stored_updates(app, project_id)
    who = "owner" if action == "edit" else "reviewer"
    client = client_for(app, login_as, world, who)
    data = {"title": "Changed", "body": "Changed."} if action == "edit" else {"action": "publish"}
    response = client.post(f"/projects/{project_id}/updates/{update.id}/{action}", data=data)
    assert response.status_code == 400
    (unchanged,) = stored_updates(app, project_id)
    assert (unchanged.title, unchanged.status) == ("The first workshops", PostStatus.HELD)


def test_comments_work_on_an_update(app, world, login_as, project_id):
    partner = client_for(app, login_as, world, "member")
    location = post_update(partner, project_id).headers["Location"]
    update_id = stored_updates(app, project_id)[-1].id
    reader = client_for(app, login_as, world, "community")
    response = post(reader, f"/projects/{project_id}/comments",
                    {"body": "Which days are the **workshops**?", "update_id": str(update_id)})
    assert response.status_code == 302
    assert f"/updates/{update_id}" in response.headers["Location"]
    page = text(reader.get(location))
    assert "Which days are the" in page and "<strong>workshops</strong>" in reader.get(location).get_data(as_text=True)
    project_page = reader.get(f"/projects/{project_id}").get_data(as_text=True)
    assert "Which days are the" not in project_page  # the update's discussion stays on the update's page
