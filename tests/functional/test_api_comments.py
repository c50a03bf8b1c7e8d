"""The comment and report endpoints of the JSON API."""

import pytest

from app.community.models import CommentStatus
from app.projects.models import Stage
from tests.support.api import assert_error, bearer, project_at
from tests.support.comments import (
    HELD_NAME_AGE,
    SAFE_TEXT,
    add_comment,
    comments_of,
    flag,
    set_status,
    set_threshold,
    stored,
)
from tests.support.engagement import forget_notifications, post_update, recipients, stored_updates


@pytest.fixture(scope="module")
def project_id(app, world):
    project_id = project_at(app, world, Stage.ACTIVE)
    forget_notifications(app)
    return project_id


def test_post_a_comment_and_a_reply(app, client, world, project_id):
    headers = bearer(app, world.community)
    response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": "Which *schools*?"},
                           headers=headers)
    assert response.status_code == 201, response.get_json()
    comment = response.get_json()
    assert comment["status"] == "published" and comment["depth"] == 1 and comment["parent_id"] is None
    assert comment["body"] == "Which *schools*?" and comment["body_html"] == "<p>Which <em>schools</em>?</p>"
    assert comment["author"] == {"name": "Carla Community"}
    assert comment["message"] == "Your comment is published."
    assert recipients(app, "comment") == {world.owner.id, world.member.id, world.conflicted.id}

    reply = client.post(f"/api/v1/projects/{project_id}/comments",
                        json={"body": "Six.", "parent_id": comment["id"]}, headers=bearer(app, world.member))
    assert reply.status_code == 201
    assert (reply.get_json()["parent_id"], reply.get_json()["depth"]) == (comment["id"], 2)


def test_a_held_comment_is_created_with_its_status_and_a_message(app, client, world, project_id):
    response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": HELD_NAME_AGE},
                           headers=bearer(app, world.community))
    assert response.status_code == 201
    answer = response.get_json()
    assert answer["status"] == "held"
    assert answer["message"].startswith("Your comment is held for moderation")
    assert "Do not give a child's name or exact age." in answer["message"]
    listed = client.get(f"/api/v1/projects/{project_id}/comments").get_json()
    assert listed == {"items": [], "total": 0}  # nobody else sees it


def test_the_list_is_flat_with_parents_depths_and_placeholders(app, client, world, project_id):
    first = add_comment(app, project_id, world.community, "First.")
    second = add_comment(app, project_id, world.member, "Second.", parent_id=first)
    third = add_comment(app, project_id, world.community, "Third.", parent_id=second)
    other = add_comment(app, project_id, world.member, "Another thread.")

    set_status(app, first, CommentStatus.DELETED)
    set_status(app, other, CommentStatus.HIDDEN, "Off topic.")
    response = client.get(f"/api/v1/projects/{project_id}/comments")
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [(i["id"], i["parent_id"], i["depth"], i["status"]) for i in items] == [
        (first, None, 1, "deleted"), (second, first, 2, "published"), (third, second, 3, "published"),
        (other, None, 1, "hidden"),
    ]
    assert items[0]["body"] is None and items[0]["author"] is None and items[0]["placeholder"]
    assert items[1]["body"] == "Second." and items[1]["placeholder"] is None
    assert items[3]["body"] is None and items[3]["moderation_reason"] == "Off topic."


def test_posting_needs_a_token(app, client, world, project_id):
    response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": SAFE_TEXT})
    assert_error(response, 401, "unauthorized")
    assert comments_of(app, project_id) == []


def test_posting_needs_a_confirmed_address(app, client, world, project_id, make_user):
    unverified = make_user(verified=False)
    response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": SAFE_TEXT},
                           headers=bearer(app, unverified))
    error = assert_error(response, 403, "forbidden")
    assert "confirm your e-mail address" in error["message"]
    assert comments_of(app, project_id) == []


@pytest.mark.parametrize(("stage", "role", "status", "code"), [
    (Stage.DRAFT, "community", 404, "not_found"),  # a project one may not view
    (Stage.DRAFT, "owner", 409, "comments_closed"),  # one may view it, but it is not public
    (Stage.REJECTED, "reviewer", 409, "comments_closed"),
    (Stage.WITHDRAWN, "admin", 409, "comments_closed"),
])
def test_only_public_projects_take_comments(app, client, world, stage, role, status, code):
    project_id = project_at(app, world, stage)
    response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": SAFE_TEXT},
                           headers=bearer(app, getattr(world, role)))
    assert_error(response, status, code)
    assert comments_of(app, project_id) == []
    if status == 404:
        assert_error(client.get(f"/api/v1/projects/{project_id}/comments"), 404, "not_found")


@pytest.mark.parametrize(("body", "field"), [
    ({"body": "   "}, "body"),
    ({"body": "x" * 5001}, "body"),
    ({}, "body"),
    ({"body": 12}, "body"),
    ({"body": "Hi", "parent_id": "one"}, "parent_id"),
    ({"body": "Hi", "parent_id": 999999}, "parent_id"),
    ({"body": "Hi", "update_id": 999999}, "update_id"),
    ({"body": "Hi", "stage": "active"}, "stage"),
])
def test_bad_input_is_422_with_details(app, client, world, project_id, body, field):
    response = client.post(f"/api/v1/projects/{project_id}/comments", json=body, headers=bearer(app, world.community))
    error = assert_error(response, 422, "invalid")
    assert field in [detail["field"] for detail in error["details"]]
    assert comments_of(app, project_id) == []


def test_a_reply_too_deep_is_422(app, client, world, project_id):
    first = add_comment(app, project_id, world.community)
    second = add_comment(app, project_id, world.member, parent_id=first)
    third = add_comment(app, project_id, world.community, parent_id=second)
    response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": "Deeper", "parent_id": third},
                           headers=bearer(app, world.member))
    error = assert_error(response, 422, "invalid")
    assert error["details"] == [{
        "field": "parent_id",
        "message": "Replies go at most 3 levels deep: please answer the comment above it instead.",
    }]


def test_posting_is_rate_limited(app, client, world, project_id, monkeypatch):
    monkeypatch.setitem(app.config, "RATELIMIT_POST", "2 per minute")
    headers = bearer(app, world.community)
    for n in range(2):
        assert client.post(f"/api/v1/projects/{project_id}/comments", json={"body": f"Post {n}"},
                           headers=headers).status_code == 201
    blocked = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": "Post 3"}, headers=headers)
    assert_error(blocked, 429, "rate_limited")
    assert len(comments_of(app, project_id)) == 2


# Reports ------------------------------------------------------------------------------------------


def test_report_a_comment(app, client, world, project_id):
    comment_id = add_comment(app, project_id, world.community)
    response = client.post(f"/api/v1/comments/{comment_id}/flags", json={"reason": "Spam."},
                           headers=bearer(app, world.member))
    assert response.status_code == 201
    assert response.get_json()["comment_status"] == "published" and response.get_json()["reason"] == "Spam."
    assert stored(app, comment_id).flag_count == 1
    again = client.post(f"/api/v1/comments/{comment_id}/flags", json={"reason": "Spam!"},
                        headers=bearer(app, world.member))
    assert_error(again, 409, "already_flagged")
    assert stored(app, comment_id).flag_count == 1


def test_the_report_that_reaches_the_threshold_hides_the_comment(app, client, world, project_id, outbox):
    set_threshold(app, 2)
    comment_id = add_comment(app, project_id, world.community)
    flag(app, comment_id, world.owner)
    response = client.post(f"/api/v1/comments/{comment_id}/flags", json={"reason": "Rude."},
                           headers=bearer(app, world.member))
    assert response.status_code == 201 and response.get_json()["comment_status"] == "pending"
    assert [mail.to for mail in outbox()] == [world.community.email]


@pytest.mark.parametrize(("who", "body", "status", "code"), [
    (None, {"reason": "Spam."}, 401, "unauthorized"),
    ("community", {"reason": "Spam."}, 403, "forbidden"),  # one's own comment
    ("member", {"reason": ""}, 422, "invalid"),
    ("member", {}, 422, "invalid"),
])
def test_report_refusals(app, client, world, project_id, who, body, status, code):
    comment_id = add_comment(app, project_id, world.community)
    headers = bearer(app, getattr(world, who)) if who else {}
    assert_error(client.post(f"/api/v1/comments/{comment_id}/flags", json=body, headers=headers), status, code)
    assert stored(app, comment_id).flag_count == 0


def test_reports_on_comments_one_may_not_see_are_404(app, client, world):
    draft = project_at(app, world, Stage.DRAFT)
    public = project_at(app, world, Stage.ACTIVE)
    with app.app_context():
        from app.community.models import Comment
        from app.core.extensions import db

        # A comment left from when the project was public (it is now a draft again, say).
        db.session.add(Comment(project_id=draft, author_id=world.owner.id, depth=1, body="x", body_html="x"))
        db.session.commit()
    (hidden_one,) = comments_of(app, draft)
    held = add_comment(app, public, world.owner, HELD_NAME_AGE)
    headers = bearer(app, world.community)
    for comment_id in (hidden_one.id, held, 999999):
        response = client.post(f"/api/v1/comments/{comment_id}/flags", json={"reason": "Spam."}, headers=headers)
        assert_error(response, 404, "not_found")


def test_the_discussion_of_an_update(app, client, world, login_as, project_id):
    from tests.support.web import client_for

    post_update(client_for(app, login_as, world, "owner"), project_id)
    (update,) = stored_updates(app, project_id)
    add_comment(app, project_id, world.member, "On the project itself.")
    response = client.post(f"/api/v1/projects/{project_id}/comments", json={"body": "Great!", "update_id": update.id},
                           headers=bearer(app, world.community))
    assert response.status_code == 201 and response.get_json()["update_id"] == update.id
    on_update = client.get(f"/api/v1/projects/{project_id}/comments?update_id={update.id}").get_json()["items"]
    assert [item["body"] for item in on_update] == ["Great!"]
    on_project = client.get(f"/api/v1/projects/{project_id}/comments").get_json()["items"]
    assert [item["body"] for item in on_project] == ["On the project itself."]
    assert_error(client.get(f"/api/v1/projects/{project_id}/comments?update_id=999999"), 404, "not_found")
